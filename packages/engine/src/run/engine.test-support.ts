/**
 * A small B2B world and journey builders for engine tests (not a test file itself): accounts in
 * three industries with two people each, a live audience of all of them, a library email.
 */
import { randomUUID } from 'node:crypto';
import type { Account } from '@caravan/core/b2b/account';
import type { Person } from '@caravan/core/b2b/person';
import type { Edge, JourneyDefinition, JourneyNode } from '@caravan/core/journey/definition';
import { defaultSettings, type JourneySettings } from '@caravan/core/journey/journey';
import { linkPerson } from '@caravan/storage/account-membership.repository';
import { insertAudience } from '@caravan/storage/audience.repository';
import { storedAccount, storedPerson } from '@caravan/storage/b2b-fixtures';
import type { Database } from '@caravan/storage/database';
import { insertEmail } from '@caravan/storage/email.repository';
import { insertUser } from '@caravan/storage/user.repository';
import { ManualClock } from '../clock.ts';
import { createJourney, publishJourney } from '../journey-commands.service.ts';
import { evaluateAudienceInFull } from '../membership-evaluation.ts';
import { runEngineUntilIdle } from '../engine-worker.ts';

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

export async function buildWorld(
  database: Database,
  options: { accounts?: number; start?: Date } = {},
): Promise<World> {
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
    for (const n of [1, 2]) {
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
): JourneyDefinition {
  const audience: JourneyNode = {
    id: 'audience',
    type: 'audience',
    settings: { source: 'audience', sourceId: world.audienceId },
  };
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

export function run(world: World) {
  return runEngineUntilIdle({ database: world.database, clock: world.clock });
}
