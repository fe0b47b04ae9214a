/**
 * Event → advance latency: a journey audience → listen for the account event `bench.ping`
 * (1-day timeout) → add to a list → end runs on the real clock with the engine loop running
 * (`startEngineLoop`, woken by the in-process signal and, on PostgreSQL, NOTIFY). Once every
 * account listens (after the listener's first re-check), events are ingested at `rate`/s for
 * `seconds` through `recordActivities` in a transaction — as the ingestion service does — each
 * for another account. Latency of an event: from its transaction's commit to the first moment a
 * separate connection, polling every 5 ms, sees its enrollment off the listener (so it is an
 * upper bound by up to one poll).
 */
import { sql } from 'kysely';
import { systemClock } from '@caravan/core/clock';
import { openDatabase, type Database } from '@caravan/storage/database';
import { recordActivities, type NewActivity } from '@caravan/storage/activity.repository';
import { processDueEnrollments } from '@caravan/engine/run/engine-worker';
import { startWorkLoop } from '@caravan/engine/runtime/work-loop';
import { benchIds, industries } from './bench-dataset.ts';
import { publishBenchJourney } from './caravan-journey.ts';
import { round } from './raw-claim-rate.ts';
import { openBenchDatabase } from './bench-database.ts';
import { printExplainedSamples, resetQueryProfile } from './query-profile.ts';
import type { JourneyDefinition } from '@caravan/core/journey/definition';

export const pingEvent = 'bench.ping';
const pollMs = 5;
/** How long after the last event the watch goes on for the stragglers. */
const graceMs = 30_000;

export interface LatencyResult {
  listeners: number;
  events: number;
  ratePerSecond: number;
  achievedRatePerSecond: number;
  /** Events whose enrollment left the listener within the grace period. */
  advanced: number;
  /** null: more than `graceSeconds` after the last event was ingested (not advanced by then). */
  p50Ms: number | null;
  p90Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  graceSeconds: number;
  waitForListenersSeconds: number;
  /**
   * Engine batches that ran from the first event until the last one advanced (or the grace
   * period ended), with their longest and 99th-percentile duration: long batches mean a stall
   * (lock waits, vacuum), many short ones mean the worker is simply behind.
   */
  batches: { count: number; p99Ms: number | null; maxMs: number | null };
  /** PostgreSQL: autovacuum / autoanalyze runs on `enrollments` in that window (null on SQLite). */
  enrollmentsAutovacuums: { vacuum: number; analyze: number } | null;
}

function listenDefinition(): JourneyDefinition {
  return {
    nodes: [
      {
        id: 'audience',
        type: 'audience',
        settings: { source: 'audience', sourceId: benchIds.audience },
      },
      {
        id: 'listen',
        type: 'event',
        settings: {
          on: 'accounts',
          event: pingEvent,
          timeout: { duration: { amount: 1, unit: 'days' } },
        },
      },
      {
        id: 'list',
        type: 'action',
        settings: {
          on: 'accounts',
          action: { type: 'addToAccountList', listId: benchIds.list(industries[0]) },
        },
      },
    ],
    edges: [
      { from: 'audience', port: 'next', to: 'listen' },
      { from: 'listen', port: 'next', to: 'list' },
    ],
  };
}

/**
 * The engine loop as `caravan start` runs it: a batch at once again while work is due, else
 * asleep until the in-process signal (which `recordActivities` fires) or the poll.
 */
/** Durations of the engine's batches that did work, in ms, while `recording` is set. */
interface BatchLog {
  recording: boolean;
  durations: number[];
}

function startEngineLoop(database: Database, log: BatchLog): () => Promise<void> {
  const deps = { database, clock: systemClock, batchSize: 500 };
  return startWorkLoop({
    work: async () => {
      const started = performance.now();
      const handled = (await processDueEnrollments(deps)).enrollments;
      if (log.recording && handled > 0) log.durations.push(performance.now() - started);
      return handled;
    },
    pollMs: 1000,
    onError: (error) => console.error('engine loop:', error),
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until every enrollment listens with its timeout as timer (the re-check is done). */
async function waitForListeners(reader: Database, journeyId: string, n: number): Promise<void> {
  const settledAfter = new Date(Date.now() + 3600_000).toISOString();
  for (;;) {
    const row = await reader.db
      .selectFrom('enrollments')
      .select(sql<number>`count(*)`.as('n'))
      .where('journey_id', '=', journeyId)
      .where('phase', '=', 'listen')
      .where('due_at', '>', settledAfter)
      .executeTakeFirstOrThrow();
    if (Number(row.n) >= n) return;
    await sleep(200);
  }
}

/**
 * The p-th percentile over ALL events: one that never advanced within the grace period counts
 * as slower than any measured one, and a percentile landing on it is null ("more than the grace").
 */
function percentile(sorted: readonly number[], events: number, p: number): number | null {
  const index = Math.max(0, Math.ceil((p / 100) * events) - 1);
  const value = sorted[index];
  return value === undefined ? null : round(value, 1);
}

/** Polls which of the pending accounts have left the listener; stamps them with the poll start. */
/** PostgreSQL's counts of autovacuum and autoanalyze runs on `enrollments`; null on SQLite. */
async function enrollmentsVacuumCounts(
  reader: Database,
): Promise<{ vacuum: number; analyze: number } | null> {
  if (reader.dialect !== 'postgres') return null;
  const result = await sql<{ vacuums: string; analyzes: string }>`
    select autovacuum_count as vacuums, autoanalyze_count as analyzes
    from pg_stat_user_tables where relname = 'enrollments'`.execute(reader.db);
  const row = result.rows[0];
  return row ? { vacuum: Number(row.vacuums), analyze: Number(row.analyzes) } : null;
}

async function watchAdvances(
  reader: Database,
  journeyId: string,
  committedAt: Map<string, number>,
  latencies: number[],
  done: () => boolean,
): Promise<void> {
  while (!done() || committedAt.size > 0) {
    const pending = [...committedAt.keys()];
    if (pending.length > 0) {
      const polledAt = performance.now();
      const left = await reader.db
        .selectFrom('enrollments')
        .select('account_id')
        .where('journey_id', '=', journeyId)
        .where('account_id', 'in', pending)
        .where('node_id', '<>', 'listen')
        .execute();
      for (const { account_id } of left) {
        const at = committedAt.get(account_id);
        if (at !== undefined) latencies.push(polledAt - at);
        committedAt.delete(account_id);
      }
    }
    await sleep(pollMs);
  }
}

/**
 * Ingests `rate` events a second: every 10 ms one transaction with the events owed by then (so a
 * tick delayed by the engine's work is caught up by a larger transaction, not a lower rate).
 */
async function ingest(
  database: Database,
  rate: number,
  seconds: number,
  committedAt: Map<string, number>,
): Promise<{ events: number; seconds: number }> {
  const total = rate * seconds;
  const began = performance.now();
  let sent = 0;
  while (sent < total) {
    const owed = Math.floor(((performance.now() - began) * rate) / 1000) - sent;
    const count = Math.min(total - sent, Math.max(1, owed));
    const now = new Date();
    const batch: NewActivity[] = Array.from({ length: count }, (_, k) => ({
      id: crypto.randomUUID(),
      type: pingEvent,
      accountId: benchIds.account(sent + k + 1),
      personId: null,
      occurredAt: now,
      receivedAt: now,
      messageId: null,
      properties: {},
    }));
    await database.db.transaction().execute((trx) => recordActivities(trx, batch));
    const committed = performance.now();
    for (const a of batch) committedAt.set(a.accountId, committed);
    sent += batch.length;
    await sleep(10);
  }
  return { events: sent, seconds: (performance.now() - began) / 1000 };
}

/** Runs the latency measurement on a seeded database of `accounts` accounts. */
export async function measureEventLatency(
  url: string,
  accounts: number,
  load: { rate: number; seconds: number },
): Promise<LatencyResult> {
  if (accounts < load.rate * load.seconds) throw new Error('latency: fewer listeners than events');
  const clock = systemClock;
  // The engine's connection: BENCH_QUERY_PROFILE=1 profiles its statements (the watcher's are not).
  const database = await openBenchDatabase({ url });
  // A second connection, so that watching never queues behind the engine's own statements.
  const reader = await openDatabase(url);
  await database.db
    .insertInto('event_types')
    .values({
      name: pingEvent,
      label: 'Bench ping',
      entity: 'account',
      fields: '[]',
      created_at: new Date().toISOString(),
    })
    .execute();
  const { id: journeyId } = await publishBenchJourney(
    { database, clock },
    'Bench latency',
    listenDefinition(),
  );
  const batchLog: BatchLog = { recording: false, durations: [] };
  const stopLoop = startEngineLoop(database, batchLog);
  try {
    const waitStarted = performance.now();
    await waitForListeners(reader, journeyId, accounts);
    const waitForListenersSeconds = (performance.now() - waitStarted) / 1000;
    const committedAt = new Map<string, number>();
    const latencies: number[] = [];
    let ingesting = true;
    const vacuumsBefore = await enrollmentsVacuumCounts(reader);
    batchLog.recording = true;
    resetQueryProfile(); // the profile, if on, covers the measured window only
    const watching = watchAdvances(reader, journeyId, committedAt, latencies, () => !ingesting);
    const ingested = await ingest(database, load.rate, load.seconds, committedAt);
    ingesting = false;
    await Promise.race([watching, sleep(graceMs)]);
    batchLog.recording = false;
    const vacuumsAfter = await enrollmentsVacuumCounts(reader);
    const sorted = [...latencies].sort((a, b) => a - b);
    const batchMs = [...batchLog.durations].sort((a, b) => a - b);
    return {
      listeners: accounts,
      events: ingested.events,
      ratePerSecond: load.rate,
      achievedRatePerSecond: Math.round(ingested.events / ingested.seconds),
      advanced: latencies.length,
      p50Ms: percentile(sorted, ingested.events, 50),
      p90Ms: percentile(sorted, ingested.events, 90),
      p99Ms: percentile(sorted, ingested.events, 99),
      maxMs: percentile(sorted, ingested.events, 100),
      graceSeconds: graceMs / 1000,
      waitForListenersSeconds: round(waitForListenersSeconds, 1),
      batches: {
        count: batchMs.length,
        p99Ms: percentile(batchMs, batchMs.length, 99),
        maxMs: percentile(batchMs, batchMs.length, 100),
      },
      enrollmentsAutovacuums:
        vacuumsBefore && vacuumsAfter
          ? {
              vacuum: vacuumsAfter.vacuum - vacuumsBefore.vacuum,
              analyze: vacuumsAfter.analyze - vacuumsBefore.analyze,
            }
          : null,
    };
  } finally {
    await stopLoop();
    await printExplainedSamples(database.db, database.dialect);
    await reader.close();
    await database.close();
  }
}
