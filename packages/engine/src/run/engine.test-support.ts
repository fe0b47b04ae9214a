/**
 * A small B2B world and journey builders for engine tests (not a test file itself): accounts in
 * three industries with two people each, a live audience of all of them, a library email.
 */
import { randomUUID } from 'node:crypto';
import type { Account } from '@caravan/core/b2b/account';
import type { Person } from '@caravan/core/b2b/person';
import type { Condition } from '@caravan/core/conditions/condition';
import type { Edge, JourneyDefinition, JourneyNode } from '@caravan/core/journey/definition';
import { defaultSettings, type JourneySettings } from '@caravan/core/journey/journey';
import { linkPerson } from '@caravan/storage/account-membership.repository';
import { insertAudience } from '@caravan/storage/audience.repository';
import { storedAccount, storedPerson } from '@caravan/storage/b2b-fixtures';
import type { Database, DialectName } from '@caravan/storage/database';
import { openTestDatabase } from '@caravan/storage/test-databases';
import { inject } from 'vitest';
import { insertEmail } from '@caravan/storage/email.repository';
import { insertJourney } from '@caravan/storage/journey.repository';
import { insertUser } from '@caravan/storage/user.repository';
import { createBuyingGroups } from '../buying-groups/buying-group-creation.ts';
import { ManualClock } from '../runtime/clock.ts';
import { createJourney, publishJourney } from '../journeys/journey-commands.service.ts';
import { enterAtStart } from '../entry/journey-entry.ts';
import { evaluateAudienceInFull } from '../segments/membership-evaluation.ts';
import {
  createRoleTemplate,
  createSolutionInterest,
  createStageModel,
} from '../buying-groups/solution-interests.service.ts';
import { runEngineUntilIdle } from './engine-worker.ts';

export const industries = ['Software', 'Retail', 'Energy'] as const;

export interface World {
  database: Database;
  clock: ManualClock;
  userId: string;
  audienceId: string;
  emailId: string;
  accounts: Account[];
  people: Map<string, Person[]>;
}

/** A world in a fresh database of `dialect` (closed with `world.database.close()`). */
export async function openWorld(dialect: DialectName, options: WorldOptions = {}): Promise<World> {
  return buildWorld(await openTestDatabase(dialect, inject('postgresUrl')), options);
}

export interface WorldOptions {
  accounts?: number;
  /** People per account (default 2: P1 and P2). */
  people?: number;
  start?: Date;
}

export async function buildWorld(database: Database, options: WorldOptions = {}): Promise<World> {
  const clock = new ManualClock(options.start ?? new Date('2026-03-02T09:00:00.000Z'));
  const db = database.db;
  const now = clock.now();
  const userId = randomUUID();
  await insertUser(db, {
    id: userId,
    email: `${userId}@example.com`,
    name: 'Marketer',
    role: 'admin',
    passwordHash: 'x',
    now,
  });
  const accounts: Account[] = [];
  const people = new Map<string, Person[]>();
  for (let i = 0; i < (options.accounts ?? 6); i += 1) {
    const account = await storedAccount(db, { name: `Account ${i}`, industry: industries[i % 3]! });
    accounts.push(account);
    const members: Person[] = [];
    for (let n = 1; n <= (options.people ?? 2); n += 1) {
      const person = await storedPerson(db, {
        email: `p${n}.a${i}@example.com`,
        firstName: `P${n}`,
        mobilePhone: `+4670000${i}${n}`,
      });
      await linkPerson(db, { accountId: account.id, personId: person.id, role: null, now });
      members.push(person);
    }
    people.set(account.id, members);
  }
  const audienceId = randomUUID();
  const audience = await insertAudience(db, {
    id: audienceId,
    name: `Everyone ${audienceId}`,
    description: '',
    condition: { match: 'all', rules: [] },
    status: 'live',
    now,
  });
  if (!audience.ok) throw new Error(audience.error.message);
  await evaluateAudienceInFull(db, audience.value, now);
  const emailId = randomUUID();
  const email = await insertEmail(db, {
    id: emailId,
    name: `Welcome ${emailId}`,
    subject: 'Hello {{person.firstName}}',
    fromName: 'Caravan',
    fromEmail: 'news@example.com',
    replyTo: null,
    preheader: '',
    html: '<p>Hi {{person.firstName}} at {{account.name}}. <a href="https://example.com/unsubscribe">Unsubscribe</a></p>',
    text: 'Hi {{person.firstName}}',
    now,
  });
  if (!email.ok) throw new Error(email.error.message);
  return { database, clock, userId, audienceId, emailId, accounts, people };
}

/** A definition from nodes and `[from, port, to]` edges; the audience reads the world's audience. */
export function definition(
  world: Pick<World, 'audienceId'>,
  nodes: JourneyNode[],
  edges: Array<[string, string, string]>,
  source: { source: 'audience' | 'accountList'; sourceId: string } = {
    source: 'audience',
    sourceId: world.audienceId,
  },
): JourneyDefinition {
  const audience: JourneyNode = { id: 'audience', type: 'audience', settings: source };
  return {
    nodes: [audience, ...nodes],
    edges: edges.map(([from, port, to]): Edge => ({ from, port, to })),
  };
}

/** Creates and publishes a journey (ending 90 days after the clock); throws when refused. */
export async function publish(
  world: World,
  def: JourneyDefinition,
  options: { settings?: Partial<JourneySettings>; end?: Date; name?: string } = {},
): Promise<string> {
  const deps = { database: world.database, clock: world.clock };
  const end = options.end ?? new Date(world.clock.now().getTime() + 90 * 86_400_000);
  const created = await createJourney(deps, world.userId, {
    name: options.name ?? `Journey ${randomUUID()}`,
    definition: def,
    schedule: { start: 'immediately', end: end.toISOString() },
    settings: { ...defaultSettings(), ...options.settings },
  });
  if (!created.ok) throw new Error(created.error.message);
  const published = await publishJourney(deps, world.userId, created.value.id);
  if (!published.ok)
    throw new Error(`${published.error.message} ${JSON.stringify(published.error.details ?? '')}`);
  return created.value.id;
}

/**
 * Inserts a live journey and lets its audience in, skipping publish validation: for settings the
 * engine must run that validation refuses today (see the wait tests).
 */
export async function startUnchecked(world: World, def: JourneyDefinition): Promise<string> {
  const now = world.clock.now();
  const inserted = await insertJourney(world.database.db, {
    id: randomUUID(),
    name: `Journey ${randomUUID()}`,
    description: '',
    status: 'live',
    definition: def,
    schedule: {
      start: 'immediately',
      end: new Date(now.getTime() + 90 * 86_400_000).toISOString(),
    },
    settings: defaultSettings(),
    createdBy: world.userId,
    now,
  });
  if (!inserted.ok) throw new Error(inserted.error.message);
  await enterAtStart(world.database.db, inserted.value, now);
  return inserted.value.id;
}

export function run(world: World) {
  return runEngineUntilIdle({ database: world.database, clock: world.clock });
}

/** The service dependencies of the world (database and its manual clock). */
export function depsOf(world: World) {
  return { database: world.database, clock: world.clock };
}

/** Fails the test with the error of a refused service call; answers the value otherwise. */
export function valueOf<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

/** A condition of one account-attribute rule. */
export function accountIs(attribute: string, value: string | number): Condition {
  return { match: 'all', rules: [{ kind: 'account', attribute, operator: 'equals', value }] };
}

/** A condition of one person-attribute rule. */
export function personIs(attribute: string, value: string | number): Condition {
  return { match: 'all', rules: [{ kind: 'person', attribute, operator: 'equals', value }] };
}

/** A live rule-based audience, evaluated now. */
export async function liveAudience(world: World, condition: Condition): Promise<string> {
  const id = randomUUID();
  const now = world.clock.now();
  const inserted = await insertAudience(world.database.db, {
    id,
    name: `Audience ${id}`,
    description: '',
    condition,
    status: 'live',
    now,
  });
  if (!inserted.ok) throw new Error(inserted.error.message);
  await evaluateAudienceInFull(world.database.db, inserted.value, now);
  return id;
}

export interface GroupSetup {
  interestId: string;
  /** Stages: Awareness (entry) → Interest → Won; Lost is reachable from none. */
  stages: readonly ['Awareness', 'Interest', 'Won', 'Lost'];
  /** Roles of the template: "Champion" is auto-assigned to every P1 person, "Buyer" to nobody. */
  roles: readonly ['Champion', 'Buyer'];
}

/** A solution interest with its template and stage model, and a buying group per account. */
export async function setUpBuyingGroups(world: World): Promise<GroupSetup> {
  const deps = depsOf(world);
  const role = { weight: 60, membersRequired: 1, requiredForCompleteness: true } as const;
  const template = valueOf(
    await createRoleTemplate(deps, {
      name: `Committee ${randomUUID()}`,
      description: '',
      roles: [
        { ...role, name: 'Champion', priority: 1, autoAssign: personIs('firstName', 'P1') },
        { ...role, name: 'Buyer', priority: 2 },
      ],
    }),
  );
  const model = valueOf(
    await createStageModel(deps, {
      name: `Funnel ${randomUUID()}`,
      stages: [
        { name: 'Awareness', kind: 'entry' },
        { name: 'Interest', kind: 'inProgress' },
        { name: 'Won', kind: 'success' },
        { name: 'Lost', kind: 'failure' },
      ],
      transitions: [
        { from: 'Awareness', to: 'Interest' },
        { from: 'Interest', to: 'Won' },
      ],
    }),
  );
  const interest = valueOf(
    await createSolutionInterest(deps, {
      name: `Platform ${randomUUID()}`,
      description: '',
      roleTemplateId: template.id,
      stageModelId: model.id,
    }),
  );
  valueOf(
    await createBuyingGroups(
      deps,
      interest.id,
      world.accounts.map((a) => a.id),
    ),
  );
  return {
    interestId: interest.id,
    stages: ['Awareness', 'Interest', 'Won', 'Lost'],
    roles: ['Champion', 'Buyer'],
  };
}
