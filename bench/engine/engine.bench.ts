/**
 * `npm run bench:engine [-- --accounts 100000,1000000 --db sqlite,postgres --quick]`: the
 * engine's throughput, entry time, memory and event latency, next to the same database's raw
 * batched claim+update rate and (PostgreSQL) graphile-worker and BullMQ (on a Redis the run
 * starts) running the same journey — all in one run, so the ratios compare like with like on
 * whatever machine runs it.
 *
 * Per database and account count: seed a fresh database (not timed), run the Caravan journey in
 * a child process (its peak RSS is the worker's), then the raw rate on the same database with as
 * many steps per row as Caravan took per account, then graphile-worker and BullMQ each on a
 * fresh database. Per database once: the event → advance latency on a third. Prints JSON and tables
 * for docs/benchmarks.md.
 */
import { cpus, totalmem } from 'node:os';
import type { DialectName } from '@caravan/storage/database';
import { parseBenchOptions, type BenchOptions } from './bench-options.ts';
import {
  createScratchDatabase,
  openBenchDatabase,
  postgresServer,
  type ScratchDatabase,
} from './bench-database.ts';
import { seedBenchDataset } from './bench-dataset.ts';
import {
  latencyTable,
  throughputTable,
  workersTable,
  withRatios,
  type LatencyRow,
  type ThroughputRow,
} from './bench-report.ts';
import type { CaravanResult } from './caravan-journey.ts';
import type { BullmqResult } from './bullmq-journey.ts';
import type { LatencyResult } from './event-latency.ts';
import type { GraphileResult } from './graphile-journey.ts';
import { runPhaseInChild, type PhaseName } from './phase-child.ts';
import { measureRawRate, round } from './raw-claim-rate.ts';
import { runWorkersJourney, type WorkersResult } from './workers-journey.ts';

const start = new Date('2026-03-02T09:00:00.000Z');
const defaultStepsPerAccount = 7;

function log(message: string): void {
  console.error(`[bench:engine ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

async function seeded(dialect: DialectName, serverUrl: string, accounts: number) {
  const scratch = await createScratchDatabase(dialect, serverUrl);
  const database = await openBenchDatabase(scratch);
  const began = performance.now();
  try {
    await seedBenchDataset(database, accounts, start);
  } finally {
    await database.close();
  }
  return { scratch, seedSeconds: round((performance.now() - began) / 1000, 1) };
}

function phase<T>(name: PhaseName, scratch: ScratchDatabase, accounts: number, o: BenchOptions) {
  return runPhaseInChild<T>({
    phase: name,
    dialect: scratch.dialect,
    url: scratch.url,
    accounts,
    start: start.toISOString(),
    latency: o.latency,
  });
}

async function throughput(
  dialect: DialectName,
  serverUrl: string,
  accounts: number,
  o: BenchOptions,
): Promise<ThroughputRow> {
  log(`${dialect} ${accounts}: seeding`);
  const { scratch, seedSeconds } = await seeded(dialect, serverUrl, accounts);
  const row: ThroughputRow = { dialect, accounts, seedSeconds };
  try {
    if (!o.skip.has('caravan')) {
      log(`${dialect} ${accounts}: Caravan journey`);
      const { result, memory } = await phase<CaravanResult>('caravan', scratch, accounts, o);
      row.caravan = { ...result, memory };
    }
    if (!o.skip.has('raw')) {
      const steps = Math.round(row.caravan?.stepsPerAccount ?? defaultStepsPerAccount);
      log(`${dialect} ${accounts}: raw claim+update, ${steps} steps a row`);
      const database = await openBenchDatabase(scratch);
      row.raw = await measureRawRate(database, steps, start).finally(() => database.close());
    }
  } finally {
    await scratch.drop();
  }
  if (dialect === 'sqlite') {
    row.graphile = { skipped: 'no SQLite mode' };
    row.bullmq = { skipped: 'no SQLite mode' };
  } else {
    if (!o.skip.has('graphile')) {
      row.graphile = await peer<GraphileResult>('graphile', serverUrl, accounts, o);
    }
    if (!o.skip.has('bullmq')) {
      row.bullmq = await peer<BullmqResult>('bullmq', serverUrl, accounts, o);
    }
  }
  return withRatios(row);
}

/** A peer queue's journey on a fresh seeded database (its effects go to the same tables). */
async function peer<T>(
  name: 'graphile' | 'bullmq',
  serverUrl: string,
  accounts: number,
  o: BenchOptions,
) {
  log(`postgres ${accounts}: ${name} journey`);
  const fresh = await seeded('postgres', serverUrl, accounts);
  try {
    const { result, memory } = await phase<T>(name, fresh.scratch, accounts, o);
    return { ...result, memory };
  } finally {
    await fresh.scratch.drop();
  }
}

async function latency(dialect: DialectName, serverUrl: string, accounts: number, o: BenchOptions) {
  log(`${dialect}: event latency with ${accounts} listeners`);
  const { scratch } = await seeded(dialect, serverUrl, accounts);
  try {
    const { result, memory } = await phase<LatencyResult>('latency', scratch, accounts, o);
    return { dialect, latency: { ...result, memory } } satisfies LatencyRow;
  } finally {
    await scratch.drop();
  }
}

/** The scale-out run: per account count, 1, 2 … worker processes, each on a fresh database. */
async function scaleOut(serverUrl: string, o: BenchOptions): Promise<WorkersResult[]> {
  const results: WorkersResult[] = [];
  for (const accounts of o.accounts) {
    for (const workers of o.workers) {
      log(`postgres ${accounts}: ${workers} caravan worker process(es)`);
      const { scratch } = await seeded('postgres', serverUrl, accounts);
      const database = await openBenchDatabase(scratch);
      try {
        results.push(await runWorkersJourney(database, scratch.url, accounts, workers));
      } finally {
        await database.close();
        await scratch.drop();
      }
    }
  }
  return results;
}

function machine() {
  return {
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
}

async function main(): Promise<void> {
  const o = parseBenchOptions(process.argv.slice(2));
  const command = `npm run bench:engine -- ${process.argv.slice(2).join(' ')}`.trim();
  if (o.workers.length > 0) {
    const postgres = await postgresServer(o.postgresUrl);
    const rows = await scaleOut(postgres.url, o).finally(() => postgres.stop());
    console.log(JSON.stringify({ command, machine: machine(), workers: rows }, null, 2));
    console.log(`\n${workersTable(rows)}`);
    return;
  }
  const postgres = o.dialects.includes('postgres')
    ? await postgresServer(o.postgresUrl)
    : undefined;
  const throughputRows: ThroughputRow[] = [];
  const latencyRows: LatencyRow[] = [];
  try {
    for (const dialect of o.dialects) {
      const serverUrl = dialect === 'postgres' ? (postgres?.url ?? '') : '';
      for (const accounts of o.accounts) {
        if (dialect === 'postgres' && accounts > o.maxPostgresAccounts) continue;
        throughputRows.push(await throughput(dialect, serverUrl, accounts, o));
      }
      if (!o.skip.has('latency')) {
        const listeners = Math.min(...o.accounts);
        latencyRows.push(await latency(dialect, serverUrl, listeners, o));
      }
    }
  } finally {
    await postgres?.stop();
  }
  console.log(
    JSON.stringify(
      { command, machine: machine(), throughput: throughputRows, latency: latencyRows },
      null,
      2,
    ),
  );
  console.log(`\n${throughputTable(throughputRows)}\n\n${latencyTable(latencyRows)}`);
}

await main();
process.exit(0);
