/**
 * Runs one timed phase (Caravan journey, graphile-worker or BullMQ journey, or the event latency run) in
 * its own process, so that its peak RSS is the worker's alone: `process.resourceUsage().maxRSS`
 * at the end, next to `memoryUsage().rss` sampled every 50 ms. Started by `engine.bench.ts`
 * with one JSON argument; answers with one `BENCH_RESULT {…}` line on stdout.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DialectName } from '@caravan/storage/database';
import { openBenchDatabase } from './bench-database.ts';
import { runCaravanJourney } from './caravan-journey.ts';
import { printExplainedSamples, printQueryProfile } from './query-profile.ts';
import { measureEventLatency } from './event-latency.ts';
import { runGraphileJourney } from './graphile-journey.ts';
import { runBullmqJourney } from './bullmq-journey.ts';

export type PhaseName = 'caravan' | 'graphile' | 'bullmq' | 'latency';

export interface PhaseRequest {
  phase: PhaseName;
  dialect: DialectName;
  url: string;
  accounts: number;
  start: string;
  latency: { rate: number; seconds: number };
}

export interface Memory {
  /** Highest `memoryUsage().rss` seen by the 50 ms sampler, MB. */
  sampledPeakRssMb: number;
  /** The kernel's peak resident set size of the process, MB. */
  maxRssMb: number;
}

const marker = 'BENCH_RESULT ';

async function runPhase(request: PhaseRequest): Promise<unknown> {
  switch (request.phase) {
    case 'graphile':
      return runGraphileJourney(request.url, request.accounts);
    case 'bullmq':
      return runBullmqJourney(request.url, request.accounts);
    case 'latency':
      return measureEventLatency(request.url, request.accounts, request.latency);
    case 'caravan': {
      const database = await openBenchDatabase(request);
      try {
        const result = await runCaravanJourney(database, request.accounts, new Date(request.start));
        await printExplainedSamples(database.db, database.dialect);
        return result;
      } finally {
        await database.close();
      }
    }
  }
}

async function childMain(request: PhaseRequest): Promise<void> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const result = await runPhase(request);
  clearInterval(sampler);
  printQueryProfile();
  const memory: Memory = {
    sampledPeakRssMb: Math.round(peak / 2 ** 20),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(`${marker}${JSON.stringify({ result, memory })}\n`);
}

/** Runs the phase in a child process; its stderr passes through, stdout is parsed. */
export function runPhaseInChild<T>(request: PhaseRequest): Promise<{ result: T; memory: Memory }> {
  const self = fileURLToPath(import.meta.url);
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each phase there (open it in Chrome DevTools).
  const profile = process.env.BENCH_CPU_PROF;
  const profileArgs = profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : [];
  const child = spawn(
    process.execPath,
    [...profileArgs, '--import', 'tsx', self, JSON.stringify(request)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(marker));
      if (code !== 0 || !line) {
        reject(new Error(`${request.phase} phase exited with ${code}:\n${out}`));
        return;
      }
      resolve(JSON.parse(line.slice(marker.length)) as { result: T; memory: Memory });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const request = JSON.parse(process.argv[2] ?? '{}') as PhaseRequest;
  try {
    await childMain(request);
    process.exit(0);
  } catch (error) {
    console.error(error);
    process.exit(1);
  }
}
