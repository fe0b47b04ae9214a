/**
 * The two sides of the send benchmark.
 *
 * Caravan: N people (N/2 accounts × 2 opted-in people, `bench/engine/bench-dataset.ts`), a
 * journey audience → people email (the library email, personalised) → end, published; then the
 * engine as `caravan start` runs it in-process — the worker loop and the dispatcher lanes — on the
 * real clock, timed from publish until the relay holds N messages.
 *
 * Raw: nodemailer's own pooled transport with the same number of connections sending N messages
 * of the same size to the same relay, all queued at once (its best case: no database at all).
 */
import type { LogEvent } from 'kysely';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { systemClock } from '@caravan/core/clock';
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import { startDispatcherLanes } from '@caravan/engine/outbox/dispatcher-lanes';
import { closeSmtpTransports } from '@caravan/engine/outbox/smtp-transport';
import { processDueEnrollments } from '@caravan/engine/run/engine-worker';
import { startWorkLoop } from '@caravan/engine/runtime/work-loop';
import { openDatabase, type DialectName } from '@caravan/storage/database';
import { createScratchDatabase } from '../engine/bench-database.ts';
import { benchIds, seedBenchDataset } from '../engine/bench-dataset.ts';
import { publishBenchJourney } from '../engine/caravan-journey.ts';
import type { SmtpSink } from './smtp-sink.ts';

export interface SendRun {
  messages: number;
  seconds: number;
  perSecond: number;
  maxConnections: number;
}

function emailJourney(): JourneyDefinition {
  return {
    nodes: [
      {
        id: 'audience',
        type: 'audience',
        settings: { source: 'audience', sourceId: benchIds.audience },
      },
      {
        id: 'email',
        type: 'action',
        settings: { on: 'people', action: { type: 'sendEmail', emailId: benchIds.email } },
      },
    ],
    edges: [{ from: 'audience', port: 'next', to: 'email' }],
  };
}

const result = (messages: number, ms: number, sink: SmtpSink): SendRun => ({
  messages,
  seconds: Math.round(ms) / 1000,
  perSecond: Math.round((messages / ms) * 1000),
  maxConnections: sink.maxConnections(),
});

/**
 * With BENCH_STATEMENTS=1: per kind of SQL statement (its first words), how often it ran in the
 * timed window and for how long (from sending it to its answer, so time waiting for the event loop
 * counts too), printed to stderr after each Caravan run.
 */
function statementLog() {
  const kinds = new Map<string, { count: number; ms: number }>();
  return {
    log(event: LogEvent) {
      const kind = event.query.sql.replace(/\s+/g, ' ').slice(0, 70);
      const entry = kinds.get(kind) ?? { count: 0, ms: 0 };
      entry.count += 1;
      entry.ms += event.queryDurationMillis;
      kinds.set(kind, entry);
    },
    reset() {
      kinds.clear();
    },
    print(label: string) {
      console.error(`statements of the Caravan run, ${label}:`);
      for (const [kind, { count, ms }] of [...kinds]
        .sort((a, b) => b[1].ms - a[1].ms)
        .slice(0, 15)) {
        console.error(`  ${ms.toFixed(0).padStart(7)} ms ${String(count).padStart(6)}×  ${kind}`);
      }
    },
  };
}

/**
 * With BENCH_CPU_PROF=<dir>: a V8 CPU profile of the timed window of each Caravan run only (not
 * the seeding, not the raw run), for `bench/profile-summary.ts`.
 */
async function startProfile() {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) return undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop(name: string) {
      const { profile } = await session.post('Profiler.stop');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${name}-${Date.now()}.cpuprofile`), JSON.stringify(profile));
      session.disconnect();
    },
  };
}

export async function runCaravanSend(
  dialect: DialectName,
  postgresUrl: string,
  people: number,
  sink: SmtpSink,
  poolSize: number,
): Promise<SendRun> {
  const scratch = await createScratchDatabase(dialect, postgresUrl);
  const statements = process.env.BENCH_STATEMENTS ? statementLog() : undefined;
  const database = await openDatabase(scratch.url, statements ? { log: statements.log } : {});
  try {
    await seedBenchDataset(database, Math.ceil(people / 2), systemClock.now());
    const expected = 2 * Math.ceil(people / 2);
    sink.reset();
    const deps = { database, clock: systemClock };
    statements?.reset();
    const profiling = await startProfile();
    const began = performance.now();
    await publishBenchJourney(deps, 'Bench send', emailJourney());
    const stopWorker = startWorkLoop({
      work: async () => (await processDueEnrollments({ ...deps, batchSize: 500 })).enrollments,
    });
    const lanes = startDispatcherLanes({
      ...deps,
      secret: 'bench-secret-bench-secret',
      publicUrl: 'http://127.0.0.1:3000',
      smtpUrl: sink.url,
      channels: { smtpPoolSize: poolSize },
    });
    try {
      await sink.waitFor(expected, 30 * 60_000);
      const sent = result(expected, performance.now() - began, sink);
      await profiling?.stop(`send-${dialect}-pool${poolSize}`);
      statements?.print(`${dialect}, pool ${poolSize}, ${expected} emails`);
      return sent;
    } finally {
      await stopWorker();
      await lanes.stop();
      closeSmtpTransports();
    }
  } finally {
    await database.close();
    await scratch.drop();
  }
}

export async function runRawNodemailer(
  people: number,
  sink: SmtpSink,
  poolSize: number,
): Promise<SendRun> {
  sink.reset();
  const transport = nodemailer.createTransport({
    url: sink.url,
    pool: true,
    maxConnections: poolSize,
  });
  const began = performance.now();
  await Promise.all(
    Array.from({ length: people }, (_, i) =>
      transport.sendMail({
        from: { name: 'Bench', address: 'bench@caravan.example' },
        to: `p${i}@bench.example`,
        subject: 'Hello Pat',
        text: `Hello Pat of Account ${i}`,
        html: `<p>Hello Pat of Account ${i}</p><a href="http://127.0.0.1:3000/u/x">Unsubscribe</a>`,
        messageId: `<${i}@bench>`,
      }),
    ),
  );
  const ms = performance.now() - began;
  transport.close();
  return result(people, ms, sink);
}
