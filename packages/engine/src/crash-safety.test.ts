/**
 * Crash safety (issue 4, docs/durability.md): the real product runs a 5,000-account journey with
 * emails in child processes that are killed with SIGKILL at 10 seeded random moments and
 * restarted each time. Afterwards every account finished exactly once, every step happened once,
 * the counters equal the timeline, and the SMTP server holds exactly one message per idempotency
 * key (a raw repeat is the documented at-least-once window: at most the sends in flight at a kill).
 *
 * The journey is published by the parent before the first child starts, so the children find
 * 5,000 enrollments due and nothing else to do. Replay a run with CARAVAN_CRASH_SEED=<seed>.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { systemClock } from '@caravan/core/clock';
import { idempotencyKey } from '@caravan/core/engine/outbox';
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import { defaultSettings } from '@caravan/core/journey/journey';
import { insertAudience } from '@caravan/storage/audience.repository';
import { fromJson, toJson, toTimestamp } from '@caravan/storage/column-types';
import { openDatabase, type Database, type DialectName } from '@caravan/storage/database';
import { createPostgresTestDatabase } from '@caravan/storage/dialects/postgres/test-database';
import { createSqliteTestDatabase } from '@caravan/storage/dialects/sqlite/test-database';
import { insertEmail } from '@caravan/storage/email.repository';
import { readCounters, totalsNode } from '@caravan/storage/journey-counter.repository';
import { migrateToLatest } from '@caravan/storage/migrate';
import { insertUser } from '@caravan/storage/user.repository';
import { createJourney, publishJourney } from './journey-commands.service.ts';
import { evaluateAudienceInFull } from './membership-evaluation.ts';
import { channelActivityTypes } from './outbox/channel-activity.ts';
import { parseMail, type CapturedMail } from './outbox/loopback-servers.ts';
import { sendConcurrency } from './outbox/dispatcher.ts';
import { messageIdFor } from './outbox/smtp-transport.ts';
import { definition } from './run/engine.test-support.ts';

const accountCount = 5_000;
const killCount = 10;
/** Within the test's timeout, so that a run that hangs still stops its children. */
const runLimitMs = 270_000;
const emailNode = 'email';
const industries = ['Software', 'Retail', 'Energy'] as const;
const seed = Number(process.env.CARAVAN_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** mulberry32: a small seeded generator, so that a failing run can be replayed. */
function seededRandom(start: number): () => number {
  let state = start >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

interface EngineChild {
  /** What it printed when it ended by itself (a crash of its own); undefined while it runs. */
  failure(): string | undefined;
  kill(): Promise<void>;
}

/** `caravan start|worker` exactly as an operator runs it, so that SIGKILL hits the real thing. */
function startEngineChild(command: 'start' | 'worker', env: Record<string, string>): EngineChild {
  const main = join(repoRoot, 'packages/cli/src/main.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', main, command], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let killed = false;
  let ended = false;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  void exited.then(() => (ended = true));
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return {
    failure: () =>
      ended && !killed ? `caravan ${command} ended by itself:\n${output}` : undefined,
    kill: async () => {
      killed = true;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * A capturing SMTP server (smtp-server) that survives its clients being killed mid-session: the
 * shared loopback capture treats a reset connection as an error nobody handles.
 */
async function startSmtpCapture() {
  const messages: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        const to = session.envelope.rcptTo.map((r) => r.address);
        messages.push({
          from: from === false ? '' : from.address,
          to,
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  // A child killed with SIGKILL resets its connections: that is the test, not a failure.
  server.on('error', () => undefined);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

interface SeededAccount {
  industry: (typeof industries)[number];
  people: Array<{ id: string; email: string }>;
}

interface Scenario {
  database: Database;
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

/** 5,000 accounts over three industries with one or two people each, in multi-row inserts. */
async function seedAccounts(database: Database, random: () => number, now: Date) {
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

async function openScratch(dialect: DialectName) {
  const scratch =
    dialect === 'sqlite'
      ? createSqliteTestDatabase()
      : await createPostgresTestDatabase(inject('postgresUrl'));
  const database = await openDatabase(scratch.url);
  const migrated = await migrateToLatest(database);
  if (!migrated.ok) throw new Error(migrated.error.message);
  return { database, scratch };
}

/** A fresh database with the data and the journey published (its accounts entered, all due). */
async function prepareScenario(dialect: DialectName, random: () => number): Promise<Scenario> {
  const { database, scratch } = await openScratch(dialect);
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
  const accounts = await seedAccounts(database, random, now);
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
  return { database, url: scratch.url, journeyId, accounts, expectedEmails, drop: scratch.drop };
}

interface Progress {
  /** Share of the work done: ended passes and settled messages over their totals. */
  share: number;
  finished: boolean;
}

async function readProgress(s: Scenario): Promise<Progress> {
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
  const total = accountCount + s.expectedEmails.size;
  return {
    share: (Number(ended.n) + settled) / total,
    finished: Number(ended.n) === accountCount && open === 0,
  };
}

interface CrashRun {
  kills: Array<{ slot: number; share: number }>;
  ms: number;
}

/**
 * Runs `slots` children; at 10 random shares of the work, plus a random delay, kills one of them
 * with SIGKILL and starts it again at once; then lets them finish. Kills land wherever the child
 * is: booting, inside a worker transaction, between an SMTP reply and its commit, idle.
 */
async function runWithKills(
  s: Scenario,
  slots: number,
  spawnChild: () => EngineChild,
  random: () => number,
): Promise<CrashRun> {
  const started = Date.now();
  const children = Array.from({ length: slots }, spawnChild);
  const shares = Array.from({ length: killCount }, () => 0.02 + random() * 0.88);
  const kills: CrashRun['kills'] = [];
  const waitFor = async (done: (p: Progress) => boolean) => {
    for (;;) {
      const failed = children.map((c) => c.failure()).find((f) => f !== undefined);
      if (failed !== undefined) throw new Error(failed);
      // Not a timing assertion: it only stops the children of a run that can no longer pass.
      if (Date.now() - started > runLimitMs) throw new Error('the run did not finish');
      if (done(await readProgress(s))) return;
      await sleep(20);
    }
  };
  try {
    for (const share of shares.sort((a, b) => a - b)) {
      await waitFor((p) => p.share >= share || p.finished);
      await sleep(Math.floor(random() * 250));
      const slot = Math.floor(random() * slots);
      await children[slot]!.kill();
      kills.push({ slot, share: (await readProgress(s)).share });
      children[slot] = spawnChild();
    }
    await waitFor((p) => p.finished);
  } finally {
    // Done (or failed). SIGKILL, not SIGTERM, here too: a graceful stop also waits for pooled
    // SMTP connections to time out, which says nothing about durability.
    await Promise.all(children.map((c) => c.kill()));
  }
  return { kills, ms: Date.now() - started };
}

type Counters = Map<string, Map<string, number>>;

function bump(counters: Counters, node: string, counter: string, delta = 1) {
  const row = counters.get(node) ?? new Map<string, number>();
  row.set(counter, (row.get(counter) ?? 0) + delta);
  counters.set(node, row);
}

/** The counters the timeline implies: arrivals and ports per node, entries and exits in total. */
function countersFromTimeline(
  rows: Array<{
    enrollment_id: number;
    node_id: string | null;
    kind: string;
    port: string | null;
    detail: string;
  }>,
): Counters {
  const counters: Counters = new Map();
  const byEnrollment = new Map<number, typeof rows>();
  for (const r of rows) {
    const id = Number(r.enrollment_id);
    byEnrollment.set(id, [...(byEnrollment.get(id) ?? []), r]);
  }
  for (const entries of byEnrollment.values()) {
    const visited: string[] = [];
    for (const r of entries) {
      if (r.node_id !== null && !visited.includes(r.node_id)) visited.push(r.node_id);
      if (r.kind === 'entered') bump(counters, totalsNode, 'entered');
      if (r.kind === 'exited') {
        const reason = String((fromJson(r.detail) as { reason: unknown }).reason);
        bump(counters, totalsNode, `ended:${reason}`);
      }
      if (r.kind === 'step' && r.port !== null) bump(counters, r.node_id ?? '', `port:${r.port}`);
    }
    for (const node of visited) bump(counters, node, 'entered');
    // The audience writes no step of its own: leaving it shows as arriving at the next node.
    if (visited.length > 1) bump(counters, visited[0]!, 'port:next');
  }
  return counters;
}

/** Counters without zeros (a `current` that went +1 and −1), as plain objects for a diff. */
function nonZero(counters: Counters): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [node, row] of counters) {
    const kept = [...row].filter(([, v]) => v !== 0);
    if (kept.length > 0)
      out[node] = Object.fromEntries(kept.sort(([a], [b]) => a.localeCompare(b)));
  }
  return out;
}

async function expectEveryAccountOnce(s: Scenario) {
  const db = s.database.db;
  const enrollments = await db.selectFrom('enrollments').select(['account_id', 'status']).execute();
  expect(enrollments).toHaveLength(accountCount);
  expect(new Set(enrollments.map((e) => e.account_id))).toEqual(new Set(s.accounts.keys()));
  expect(enrollments.filter((e) => e.status !== 'completed')).toEqual([]);
  const repeated = await db
    .selectFrom('journey_timeline')
    .select([
      'enrollment_id',
      'node_id',
      'person_id',
      'kind',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .groupBy(['enrollment_id', 'node_id', 'person_id', 'kind'])
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  expect(repeated, 'no step (nor entry, exit or send) twice').toEqual([]);
  const rows = await db
    .selectFrom('journey_timeline')
    .select(['enrollment_id', 'node_id', 'kind', 'port', 'detail'])
    .where('journey_id', '=', s.journeyId)
    .orderBy('id')
    .execute();
  const kinds = (kind: string) => rows.filter((r) => r.kind === kind).length;
  expect([kinds('entered'), kinds('exited')]).toEqual([accountCount, accountCount]);
  const counters = await readCounters(db, s.journeyId);
  expect(nonZero(counters)).toEqual(nonZero(countersFromTimeline(rows)));
  const software = [...s.accounts.values()].filter((a) => a.industry === 'Software').length;
  expect(counters.get('split')?.get('port:software')).toBe(software);
  expect(counters.get(totalsNode)?.get('ended:completed')).toBe(accountCount);
  const moments = await db
    .selectFrom('activities')
    .select('account_id')
    .where('type', '=', 'interestingMoment')
    .execute();
  expect(moments).toHaveLength(software);
  expect(new Set(moments.map((m) => m.account_id)).size).toBe(software);
}

/**
 * Exactly one outbox row, `sent`, per (enrollment, email node, person), and every one of them at
 * the SMTP server with its Message-ID. Raw repeats are the at-least-once window: each needs a
 * claim of its own (attempts ≥ receptions), and a kill repeats at most the sends in flight.
 */
async function expectOneEmailPerPerson(
  s: Scenario,
  capture: { messages: CapturedMail[] },
  kills: number,
) {
  const db = s.database.db;
  const outbox = await db
    .selectFrom('outbox')
    .select(['idempotency_key', 'status', 'attempts'])
    .execute();
  expect(new Set(outbox.map((o) => o.idempotency_key))).toEqual(new Set(s.expectedEmails.keys()));
  expect(outbox).toHaveLength(s.expectedEmails.size);
  expect(outbox.filter((o) => o.status !== 'sent')).toEqual([]);
  const delivered = await db
    .selectFrom('activities')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('type', '=', channelActivityTypes.emailDelivered)
    .executeTakeFirstOrThrow();
  expect(Number(delivered.n)).toBe(s.expectedEmails.size);
  const received = new Map<string, number>();
  for (const message of capture.messages) {
    const { headers } = parseMail(message.raw);
    const key = headers['x-caravan-idempotency-key'] ?? '(none)';
    expect(message.to).toEqual([s.expectedEmails.get(key)]);
    expect(headers['message-id']).toBe(messageIdFor(key));
    received.set(key, (received.get(key) ?? 0) + 1);
  }
  expect(new Set(received.keys())).toEqual(new Set(s.expectedEmails.keys()));
  const sentTwiceInOneClaim = outbox.filter(
    (o) => (received.get(o.idempotency_key) ?? 0) > Number(o.attempts),
  );
  expect(sentTwiceInOneClaim).toEqual([]);
  const repeats = capture.messages.length - received.size;
  expect(repeats).toBeLessThanOrEqual(kills * sendConcurrency);
  return repeats;
}

describe.each([
  { dialect: 'sqlite' as const, command: 'start' as const, slots: 1 },
  { dialect: 'postgres' as const, command: 'worker' as const, slots: 2 },
])('crash safety on $dialect ($slots × caravan $command)', ({ dialect, command, slots }) => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it(
    'finishes every account exactly once and sends one email per person through 10 SIGKILLs',
    async () => {
      const random = seededRandom(seed + (dialect === 'sqlite' ? 0 : 1));
      console.log(`crash safety on ${dialect}: seed ${seed} (CARAVAN_CRASH_SEED to replay)`);
      const capture = await startSmtpCapture();
      cleanup.push(() => capture.close());
      const preparing = Date.now();
      const s = await prepareScenario(dialect, random);
      const prepared = Date.now() - preparing;
      cleanup.push(async () => {
        await s.database.close();
        await s.drop();
      });
      const env = {
        CARAVAN_DEMO: '0',
        PORT: '0',
        DATABASE_URL: s.url,
        SMTP_URL: capture.url,
        CARAVAN_WORKER_BATCH: '200',
        LOG_LEVEL: 'warn',
      };
      const run = await runWithKills(s, slots, () => startEngineChild(command, env), random);
      await expectEveryAccountOnce(s);
      const repeats = await expectOneEmailPerPerson(s, capture, run.kills.length);
      console.log(
        `crash safety on ${dialect}: ${run.kills.length} kills at ` +
          `${run.kills.map((k) => `${(k.share * 100).toFixed(0)}%/w${k.slot}`).join(', ')}; ` +
          `${capture.messages.length} emails received, ${repeats} raw repeats; prepared in ${prepared} ms, ran in ${run.ms} ms`,
      );
    },
    runLimitMs + 30_000,
  );
});
