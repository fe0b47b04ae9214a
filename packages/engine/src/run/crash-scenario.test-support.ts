/**
 * The scenario the process-level durability tests share (crash safety, database restarts): N
 * accounts over three industries with one or two people each, an audience of all of them, an
 * email, and a published journey audience → people email → split by industry → moment → merge →
 * end, with every account entered and due. The checks afterwards: every account finished exactly
 * once, counters equal to the timeline, one email per person at the SMTP server.
 */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { systemClock } from '@caravan/core/clock';
import { idempotencyKey } from '@caravan/core/engine/outbox';
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import { defaultSettings } from '@caravan/core/journey/journey';
import { insertAudience } from '@caravan/storage/audience.repository';
import { toJson, toTimestamp } from '@caravan/storage/column-types';
import { openDatabase, type Database, type DialectName } from '@caravan/storage/database';
import { createPostgresTestDatabase } from '@caravan/storage/dialects/postgres/test-database';
import { createSqliteTestDatabase } from '@caravan/storage/dialects/sqlite/test-database';
import { insertEmail } from '@caravan/storage/email.repository';
import { migrateToLatest } from '@caravan/storage/migrate';
import { insertUser } from '@caravan/storage/user.repository';
import { createJourney, publishJourney } from '../journeys/journey-commands.service.ts';
import { evaluateAudienceInFull } from '../segments/membership-evaluation.ts';
import { definition } from './engine.test-support.ts';

export const emailNode = 'email';
const industries = ['Software', 'Retail', 'Energy'] as const;

interface SeededAccount {
  industry: (typeof industries)[number];
  people: Array<{ id: string; email: string }>;
}

export interface Scenario {
  database: Database;
  accountCount: number;
  url: string;
  journeyId: string;
  accounts: Map<string, SeededAccount>;
  /** Idempotency key → recipient, for every (account, person, email node). */
  expectedEmails: Map<string, string>;
  drop(): Promise<void>;
}

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let start = 0; start < rows.length; start += 500)
    await insert(rows.slice(start, start + 500));
}

/** `accountCount` accounts over three industries with one or two people each, in multi-row inserts. */
async function seedAccounts(
  database: Database,
  accountCount: number,
  random: () => number,
  now: Date,
) {
  const at = toTimestamp(now);
  const accounts = new Map<string, SeededAccount>();
  for (let i = 0; i < accountCount; i += 1) {
    const people = Array.from({ length: random() < 0.5 ? 1 : 2 }, (_, n) => ({
      id: randomUUID(),
      email: `p${n + 1}.a${i}@crash.example`,
    }));
    accounts.set(randomUUID(), { industry: industries[i % industries.length]!, people });
  }
  const entries = [...accounts.entries()];
  const db = database.db;
  await insertChunked(entries, (chunk) =>
    db
      .insertInto('accounts')
      .values(
        chunk.map(([id, a]) => ({
          id,
          name: `Account ${id.slice(0, 8)}`,
          industry: a.industry,
          attributes: toJson({}),
          created_at: at,
          updated_at: at,
        })),
      )
      .execute(),
  );
  const people = entries.flatMap(([accountId, a]) => a.people.map((p) => ({ accountId, ...p })));
  await insertChunked(people, (chunk) =>
    db
      .insertInto('people')
      .values(
        chunk.map((p) => ({
          id: p.id,
          email: p.email,
          first_name: 'Pat',
          email_consent: 'optedIn',
          sms_consent: 'optedOut',
          attributes: toJson({}),
          created_at: at,
          updated_at: at,
        })),
      )
      .execute(),
  );
  await insertChunked(people, (chunk) =>
    db
      .insertInto('account_memberships')
      .values(chunk.map((p) => ({ account_id: p.accountId, person_id: p.id, created_at: at })))
      .execute(),
  );
  return accounts;
}

/** audience → people email → split by industry (2 paths + other) → moment on one → merge → end */
function crashJourney(audienceId: string, emailId: string): JourneyDefinition {
  const industryIs = (value: string) => ({
    match: 'all' as const,
    rules: [
      { kind: 'account' as const, attribute: 'industry', operator: 'equals' as const, value },
    ],
  });
  const moment = { type: 'interestingMoment', momentType: 'milestone', description: 'Hi' } as const;
  return definition(
    { audienceId },
    [
      {
        id: emailNode,
        type: 'action',
        settings: { on: 'people', action: { type: 'sendEmail', emailId } },
      },
      {
        id: 'split',
        type: 'split',
        settings: {
          by: 'accounts',
          otherPath: true,
          paths: [
            { id: 'software', label: 'Software', condition: industryIs('Software') },
            { id: 'retail', label: 'Retail', condition: industryIs('Retail') },
          ],
        },
      },
      { id: 'moment', type: 'action', settings: { on: 'accounts', action: moment } },
      { id: 'merge', type: 'merge', settings: {} },
    ],
    [
      ['audience', 'next', emailNode],
      [emailNode, 'next', 'split'],
      ['split', 'software', 'moment'],
      ['split', 'retail', 'merge'],
      ['split', 'other', 'merge'],
      ['moment', 'next', 'merge'],
    ],
  );
}

async function openScratch(dialect: DialectName, postgresUrl: string) {
  const scratch =
    dialect === 'sqlite'
      ? createSqliteTestDatabase()
      : await createPostgresTestDatabase(postgresUrl);
  const database = await openDatabase(scratch.url);
  const migrated = await migrateToLatest(database);
  if (!migrated.ok) throw new Error(migrated.error.message);
  return { database, scratch };
}

/** A fresh database with the data and the journey published (its accounts entered, all due). */
export async function prepareScenario(
  dialect: DialectName,
  accountCount: number,
  random: () => number,
  /** The PostgreSQL server to create the database on: the suite's, unless a test has its own. */
  postgresUrl: string = inject('postgresUrl'),
): Promise<Scenario> {
  const { database, scratch } = await openScratch(dialect, postgresUrl);
  const db = database.db;
  const now = systemClock.now();
  const userId = randomUUID();
  await insertUser(db, {
    id: userId,
    email: 'crash@example.com',
    name: 'Crash',
    role: 'admin',
    passwordHash: 'x',
    now,
  });
  const accounts = await seedAccounts(database, accountCount, random, now);
  const audience = await insertAudience(db, {
    id: randomUUID(),
    name: 'Everyone',
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
    name: 'Crash test',
    subject: 'Hello {{person.firstName}}',
    fromName: 'Caravan',
    fromEmail: 'news@crash.example',
    replyTo: null,
    preheader: '',
    html: '<p>Hi {{person.firstName}} at {{account.name}}</p>',
    text: 'Hi {{person.firstName}}',
    now,
  });
  if (!email.ok) throw new Error(email.error.message);
  const deps = { database, clock: systemClock };
  const created = await createJourney(deps, userId, {
    name: 'Crash safety',
    definition: crashJourney(audience.value.id, emailId),
    schedule: {
      start: 'immediately',
      end: new Date(now.getTime() + 90 * 86_400_000).toISOString(),
    },
    settings: defaultSettings(),
  });
  if (!created.ok) throw new Error(created.error.message);
  const published = await publishJourney(deps, userId, created.value.id);
  if (!published.ok) throw new Error(JSON.stringify(published.error));
  const enrollments = await db.selectFrom('enrollments').select(['id', 'account_id']).execute();
  const expectedEmails = new Map<string, string>();
  for (const e of enrollments) {
    for (const p of accounts.get(e.account_id)?.people ?? []) {
      expectedEmails.set(idempotencyKey(Number(e.id), emailNode, p.id), p.email);
    }
  }
  const journeyId = created.value.id;
  return {
    database,
    accountCount,
    url: scratch.url,
    journeyId,
    accounts,
    expectedEmails,
    drop: scratch.drop,
  };
}

export interface Progress {
  /** Share of the work done: ended passes and settled messages over their totals. */
  share: number;
  finished: boolean;
}

export async function readProgress(s: Scenario): Promise<Progress> {
  const db = s.database.db;
  const ended = await db
    .selectFrom('enrollments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '!=', 'active')
    .executeTakeFirstOrThrow();
  const outbox = await db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const open = outbox
    .filter((r) => r.status === 'pending' || r.status === 'sending')
    .reduce((sum, r) => sum + Number(r.n), 0);
  const settled = outbox.reduce((sum, r) => sum + Number(r.n), 0) - open;
  const total = s.accountCount + s.expectedEmails.size;
  return {
    share: (Number(ended.n) + settled) / total,
    finished: Number(ended.n) === s.accountCount && open === 0,
  };
}
