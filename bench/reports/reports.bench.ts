/**
 * `npm run bench:reports [-- --quick --db sqlite,postgres]` (issue 12): what reading reports and
 * keeping them live costs.
 *
 * 1. Report reads: 1,000 journeys, 1,000,000 passes, 2,000,000 sends and 5,000,000 activities
 *    generated set-based (raw rows, so that a report that scanned them would show), plus their
 *    rollups; p95 of each report over 200 calls (engine functions, no HTTP). --quick: 1/100.
 * 2. The engine's account-steps/s on the engine benchmark's journey with and without the rollup
 *    writes (`reportRollups.enabled`), on fresh databases of the same size.
 * 3. Visibility: the time from recording an open to the report showing it.
 * PostgreSQL: BENCH_POSTGRES_URL, else a throw-away server. Prints JSON and a table.
 */
import { sql } from 'kysely';
import { ManualClock } from '@caravan/engine/runtime/clock';
import { createJourney } from '@caravan/engine/journeys/journey-commands.service';
import { recordChannelActivity } from '@caravan/engine/outbox/channel-activity';
import { emailPerformance } from '@caravan/engine/reports/email-performance';
import { journeyReport } from '@caravan/engine/reports/journey-report';
import { journeysOverview } from '@caravan/engine/reports/overview-report';
import { reportRollups } from '@caravan/engine/reports/report-hooks';
import type { Database, DialectName } from '@caravan/storage/database';
import { storedAccount } from '@caravan/storage/b2b-fixtures';
import { insertReportMessage, rollupMetrics } from '@caravan/storage/report-rollup.repository';
import {
  createScratchDatabase,
  openBenchDatabase,
  postgresServer,
} from '../engine/bench-database.ts';
import { seedBenchDataset } from '../engine/bench-dataset.ts';
import { benchActor, runCaravanJourney } from '../engine/caravan-journey.ts';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const dbArg =
  argv.find((a) => a.startsWith('--db'))?.split('=')[1] ?? argv[argv.indexOf('--db') + 1];
const dialects = (argv.includes('--db') || dbArg?.includes('sql') ? dbArg! : 'sqlite,postgres')
  .split(',')
  .filter((d): d is DialectName => d === 'sqlite' || d === 'postgres');
const scale = quick ? 100 : 1;
const size = {
  journeys: 1000 / (quick ? 20 : 1),
  passes: 1_000_000 / scale,
  sends: 2_000_000 / scale,
  activities: 5_000_000 / scale,
  engineAccounts: quick ? 2_000 : 20_000,
};
const start = new Date('2026-03-02T09:00:00.000Z');
const calls = 200;

function log(message: string): void {
  console.error(`[bench:reports ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

function numbers(database: Database, n: number) {
  return database.dialect === 'postgres'
    ? { cte: '', from: `generate_series(1, ${n}) as seq(i)` }
    : {
        cte: `with recursive seq(i) as (select 1 union all select i + 1 from seq where i < ${n}) `,
        from: 'seq',
      };
}

async function seedJourneys(database: Database): Promise<string[]> {
  const clock = new ManualClock(start);
  const ids: string[] = [];
  for (let j = 0; j < size.journeys; j += 1) {
    const created = await createJourney({ database, clock }, benchActor, {
      name: `Report bench ${j}`,
      definition: {
        nodes: [
          { id: 'audience', type: 'audience', settings: { source: 'audience', sourceId: null } },
          {
            id: 'mail-1',
            type: 'action',
            settings: { on: 'people', action: { type: 'sendEmail', emailId: null } },
          },
          {
            id: 'mail-2',
            type: 'action',
            settings: { on: 'people', action: { type: 'sendEmail', emailId: null } },
          },
        ],
        edges: [
          { from: 'audience', port: 'next', to: 'mail-1' },
          { from: 'mail-1', port: 'next', to: 'mail-2' },
        ],
      },
      schedule: {
        start: 'immediately',
        end: new Date(start.getTime() + 90 * 86_400_000).toISOString(),
      },
    } as never);
    if (!created.ok) throw new Error(created.error.message);
    ids.push(created.value.id);
  }
  return ids;
}

/** Raw rows, set-based: what a report that scanned would have to read. */
async function seedRawRows(database: Database, journeys: string[]): Promise<void> {
  const pg = database.dialect === 'postgres';
  const list = journeys.map((id) => `'${id}'`).join(',');
  const pick = (n: string) =>
    pg
      ? `(array[${list}])[1 + (${n} % ${journeys.length})]`
      : `json_extract('[${journeys.map((id) => `"${id}"`).join(',')}]', '$[' || (${n} % ${journeys.length}) || ']')`;
  const ts = (expr: string) =>
    pg
      ? `(timestamptz '2026-03-02T09:00:00Z' + (${expr}) * interval '1 second')`
      : `strftime('%Y-%m-%dT%H:%M:%fZ', '2026-03-02T09:00:00Z', '+' || (${expr}) || ' seconds')`;
  const json = pg ? `'{}'::jsonb` : `'{}'`;
  // Seeding only: the generated rows reference accounts that are not generated.
  if (!pg) await sql`pragma foreign_keys = off`.execute(database.db);
  const passes = numbers(database, size.passes);
  await sql
    .raw(
      `${passes.cte}insert into accounts (id, name, attributes, created_at, updated_at) select 'acct-' || i, 'Account ' || i, ${json}, ${ts('0')}, ${ts('0')} from ${passes.from}`,
    )
    .execute(database.db);
  await sql
    .raw(
      `${passes.cte}insert into enrollments (journey_id, account_id, pass, status, node_id, phase, due_at, entered_at, node_entered_at, ended_at, end_reason, state) select ${pick('i')}, 'acct-' || i, 1, case when i % 10 < 7 then 'completed' else 'active' end, 'mail-2', 'done', null, ${ts('i % 86400')}, ${ts('i % 86400')}, ${ts('i % 86400 + 3600')}, 'completed', ${json} from ${passes.from}`,
    )
    .execute(database.db);
  const sends = numbers(database, size.sends);
  await sql
    .raw(
      `${sends.cte}insert into outbox (idempotency_key, channel, journey_id, enrollment_id, node_id, account_id, person_id, recipient, payload, status, attempts, created_at, sent_at) select 'k' || i, 'email', ${pick('i')}, i, case when i % 2 = 0 then 'mail-1' else 'mail-2' end, 'acct-' || i, 'p-' || i, 'p' || i || '@example.com', ${json}, 'sent', 1, ${ts('i % 86400')}, ${ts('i % 86400')} from ${sends.from}`,
    )
    .execute(database.db);
  const acts = numbers(database, size.activities);
  await sql
    .raw(
      `${acts.cte}insert into activities (id, type, account_id, person_id, occurred_at, received_at, message_id, properties) select 'act-' || i, case when i % 3 = 0 then 'email.clicked' else 'email.opened' end, 'acct-' || (1 + i % ${size.passes}), null, ${ts('i % 86400')}, ${ts('i % 86400')}, null, ${json} from ${acts.from}`,
    )
    .execute(database.db);
}

/** The rollups those rows would have produced: 2 nodes × 30 days per journey. */
async function seedRollups(database: Database, journeys: string[]): Promise<void> {
  const rows = journeys.flatMap((journeyId, j) =>
    ['mail-1', 'mail-2'].flatMap((nodeId) =>
      Array.from({ length: 30 }, (_, d) => ({
        journey_id: journeyId,
        node_id: nodeId,
        channel: 'email',
        content_id: `email-${j % 50}`,
        day: new Date(start.getTime() + d * 86_400_000).toISOString().slice(0, 10),
        sent: 40,
        delivered: 38,
        bounced: 2,
        failed: 0,
        opens: 60,
        opened: 20,
        clicks: 15,
        clicked: 8,
        unsubscribed: 1,
        complained: 0,
        first_at: start.toISOString(),
        last_at: start.toISOString(),
      })),
    ),
  );
  for (let i = 0; i < rows.length; i += 500) {
    await database.db
      .insertInto('report_message_rollups')
      .values(rows.slice(i, i + 500))
      .execute();
  }
  // Their all-days totals, as the engine keeps them beside the day rows (migration 0011).
  const metrics = sql.join(rollupMetrics.map((m) => sql.ref(m)));
  const sums = sql.join(rollupMetrics.map((m) => sql`sum(${sql.ref(m)})`));
  await sql`
    insert into report_message_totals (journey_id, node_id, channel, content_id, ${metrics}, first_at, last_at)
    select journey_id, node_id, channel, content_id, ${sums}, min(first_at), max(last_at)
    from report_message_rollups group by journey_id, node_id, channel, content_id
  `.execute(database.db);
  const hours = journeys.flatMap((journeyId) =>
    Array.from({ length: 72 }, (_, h) => ({
      journey_id: journeyId,
      hour: new Date(start.getTime() + h * 3_600_000).toISOString().slice(0, 13),
      completed: 10,
      duration_ms: 36_000_000,
    })),
  );
  for (let i = 0; i < hours.length; i += 500) {
    await database.db
      .insertInto('report_journey_hours')
      .values(hours.slice(i, i + 500))
      .execute();
  }
  const buckets = journeys.flatMap((journeyId) =>
    Array.from({ length: 200 }, (_, b) => ({
      journey_id: journeyId,
      bucket_s: 3600 + b * 60,
      passes: 3,
    })),
  );
  for (let i = 0; i < buckets.length; i += 500) {
    await database.db
      .insertInto('report_journey_durations')
      .values(buckets.slice(i, i + 500))
      .execute();
  }
  const counters = journeys.flatMap((journeyId) => [
    { journey_id: journeyId, node_id: '', counter: 'entered', value: 1000 },
    { journey_id: journeyId, node_id: '', counter: 'active', value: 300 },
    { journey_id: journeyId, node_id: '', counter: 'ended:completed', value: 700 },
  ]);
  for (let i = 0; i < counters.length; i += 500) {
    await database.db
      .insertInto('journey_counters')
      .values(counters.slice(i, i + 500))
      .execute();
  }
  const totals = journeys.flatMap((journeyId) => [
    { journey_id: journeyId, metric: 'engagedAccounts', value: 400 },
    { journey_id: journeyId, metric: 'engagement:emailOpened', value: 400 },
  ]);
  for (let i = 0; i < totals.length; i += 500) {
    await database.db
      .insertInto('report_journey_totals')
      .values(totals.slice(i, i + 500))
      .execute();
  }
}

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return (
    Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]! * 10) / 10
  );
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < calls; i += 1) {
    const began = performance.now();
    await run();
    samples.push(performance.now() - began);
  }
  return p95(samples);
}

async function reportReads(dialect: DialectName, serverUrl: string) {
  const scratch = await createScratchDatabase(dialect, serverUrl);
  const database = await openBenchDatabase(scratch);
  try {
    log(
      `${dialect}: seeding ${size.journeys} journeys, ${size.passes} passes, ${size.sends} sends, ${size.activities} activities`,
    );
    const began = performance.now();
    const journeys = await seedJourneys(database);
    await seedRawRows(database, journeys);
    await seedRollups(database, journeys);
    if (dialect === 'postgres') await sql`analyze`.execute(database.db);
    const seedSeconds = Math.round((performance.now() - began) / 100) / 10;
    const now = new Date(start.getTime() + 40 * 86_400_000);
    const some = journeys.slice(0, 10);
    let k = 0;
    const result = {
      dialect,
      seedSeconds,
      journeyReportP95Ms: await timed(() =>
        journeyReport(database.db, journeys[k++ % journeys.length]!, { now }),
      ),
      overviewP95Ms: await timed(() => journeysOverview(database.db)),
      emailPerformanceAllP95Ms: await timed(() =>
        emailPerformance(database.db, { page: 1, pageSize: 10 }),
      ),
      emailPerformanceFilteredP95Ms: await timed(() =>
        emailPerformance(database.db, {
          journeyIds: some,
          from: '2026-03-05',
          to: '2026-03-20',
          page: 1,
          pageSize: 10,
        }),
      ),
      visibilityMs: await visibility(database, journeys[0]!),
    };
    log(JSON.stringify(result));
    return result;
  } finally {
    await database.close();
    await scratch.drop();
  }
}

/** An open recorded, then the report read until it shows it. */
async function visibility(database: Database, journeyId: string): Promise<number> {
  const account = (await storedAccount(database.db, { name: 'Visibility' })).id;
  await insertReportMessage(database.db, {
    messageKey: 'visibility@bench',
    outboxId: 999_999_999,
    journeyId,
    nodeId: 'mail-1',
    channel: 'email',
    contentId: 'email-0',
    accountId: account,
    personId: null,
    recipient: null,
    sentDay: '2026-03-02',
    state: 'delivered',
  });
  const now = new Date(start.getTime() + 40 * 86_400_000);
  const opens = async () => (await journeyReport(database.db, journeyId, { now })).ok;
  await opens();
  const before = await readOpens(database, journeyId, now);
  const began = performance.now();
  await recordChannelActivity(database.db, {
    type: 'email.opened',
    accountId: account,
    personId: null,
    at: now,
    properties: { journeyId, nodeId: 'mail-1', outboxId: 999_999_999 },
  });
  while ((await readOpens(database, journeyId, now)) === before) {
    if (performance.now() - began > 10_000) return -1;
  }
  return Math.round((performance.now() - began) * 10) / 10;
}

async function readOpens(database: Database, journeyId: string, now: Date): Promise<number> {
  const report = await journeyReport(database.db, journeyId, { now });
  return report.ok ? report.value.email.reduce((n, e) => n + e.opens, 0) : -1;
}

async function engineCost(dialect: DialectName, serverUrl: string) {
  const run = async (enabled: boolean) => {
    const scratch = await createScratchDatabase(dialect, serverUrl);
    const database = await openBenchDatabase(scratch);
    try {
      await seedBenchDataset(database, size.engineAccounts, start);
      reportRollups.enabled = enabled;
      return (await runCaravanJourney(database, size.engineAccounts, start)).accountStepsPerSecond;
    } finally {
      reportRollups.enabled = true;
      await database.close();
      await scratch.drop();
    }
  };
  // Alternated twice, best of two each, to even out a machine shared with other work.
  const without = Math.max(await run(false), 0);
  const withRollups = Math.max(await run(true), 0);
  const without2 = Math.max(await run(false), without);
  const with2 = Math.max(await run(true), withRollups);
  const result = {
    dialect,
    accounts: size.engineAccounts,
    stepsPerSecondWithout: without2,
    stepsPerSecondWith: with2,
    costPercent: Math.round((1 - with2 / without2) * 1000) / 10,
  };
  log(JSON.stringify(result));
  return result;
}

async function main() {
  const needsPostgres = dialects.includes('postgres');
  const server = needsPostgres ? await postgresServer(process.env.BENCH_POSTGRES_URL) : undefined;
  try {
    const reads = [];
    const engine = [];
    for (const dialect of dialects) {
      reads.push(await reportReads(dialect, server?.url ?? ''));
      engine.push(await engineCost(dialect, server?.url ?? ''));
    }
    console.log(JSON.stringify({ quick, size, reads, engine }, null, 2));
    console.log(
      '\n| database | journey report p95 | overview p95 | email perf. (all) p95 | email perf. (10 journeys, 16 days) p95 | open → report |',
    );
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const r of reads) {
      console.log(
        `| ${r.dialect} | ${r.journeyReportP95Ms} ms | ${r.overviewP95Ms} ms | ${r.emailPerformanceAllP95Ms} ms | ${r.emailPerformanceFilteredP95Ms} ms | ${r.visibilityMs} ms |`,
      );
    }
    console.log(
      '\n| database | accounts | account-steps/s without rollups | with rollups | cost |',
    );
    console.log('| --- | --- | --- | --- | --- |');
    for (const e of engine) {
      console.log(
        `| ${e.dialect} | ${e.accounts} | ${e.stepsPerSecondWithout} | ${e.stepsPerSecondWith} | ${e.costPercent} % |`,
      );
    }
  } finally {
    await server?.stop();
  }
}

await main();
