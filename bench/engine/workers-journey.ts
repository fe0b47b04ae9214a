/**
 * `bench:engine --workers 1,2`: the benchmark journey (caravan-journey.ts) run by N real
 * `caravan worker` processes — the CLI's worker command in child processes, as an operator
 * starts them — on one PostgreSQL database.
 *
 * The workers run on the real clock, which the benchmark cannot advance, so the 3-day wait is
 * crossed the way `ManualClock.advance` crosses it in the one-process run: once every account
 * waits, the benchmark moves the parked enrollments' due times 3 days back (one UPDATE, not
 * timed) and wakes the workers with `NOTIFY caravan_engine`. Timed: from publish (entry, in
 * this process) until every account waits, plus from the wake until every enrollment has
 * completed; progress is polled every 250 ms. The workers start and connect before the clock
 * starts. Each worker also runs its dispatcher (no SMTP_URL: every outbox row is settled dead at
 * once) and the scheduler, as `caravan worker` always does; with N workers they do that work N
 * ways too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { systemClock } from '@caravan/core/clock';
import type { Database } from '@caravan/storage/database';
import { benchDefinition, publishBenchJourney } from './caravan-journey.ts';
import { round } from './raw-claim-rate.ts';

/** Node executions per account in the benchmark journey (caravan-journey.ts). */
const stepsPerAccount = 7;
const pollMs = 250;
const cliMain = fileURLToPath(new URL('../../packages/cli/src/main.ts', import.meta.url));

export interface WorkersResult {
  workers: number;
  accounts: number;
  entrySeconds: number;
  /** Until every account waits, plus from the wake until every enrollment completed. */
  runSeconds: number;
  accountStepsPerSecond: number;
  completed: number;
}

interface WorkerProcess {
  stop(): Promise<number | null>;
}

/** Starts `caravan worker`; resolves once it says it is running. */
function startWorkerProcess(databaseUrl: string, index: number): Promise<WorkerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', cliMain, 'worker'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      CARAVAN_DEMO: '0',
      CARAVAN_SECRET: 'bench-secret-0123456789abcdef',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    let pending = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.includes('Caravan worker is running')) {
          resolve({
            stop: () => {
              child.kill('SIGTERM');
              return exited;
            },
          });
        } else if (line.trim() !== '') {
          // Anything else a worker prints (a failed batch) goes to the benchmark's log.
          console.error(`[worker ${index}] ${line}`);
        }
      }
    });
    void exited.then((code) => reject(new Error(`worker ${index} exited with ${code}`)));
  });
}

async function progress(database: Database, journeyId: string) {
  const row = await database.db
    .selectFrom('enrollments')
    .select([
      sql<number>`count(*) filter (where phase = 'wait' and status = 'active')`.as('waiting'),
      sql<number>`count(*) filter (where status = 'completed')`.as('completed'),
    ])
    .where('journey_id', '=', journeyId)
    .executeTakeFirstOrThrow();
  return { waiting: Number(row.waiting), completed: Number(row.completed) };
}

async function until(
  database: Database,
  journeyId: string,
  done: (p: { waiting: number; completed: number }) => boolean,
): Promise<void> {
  while (!done(await progress(database, journeyId))) {
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/** The 3 days pass: every waiting enrollment of the journey is due now, and the workers hear it. */
async function crossTheWait(database: Database, journeyId: string): Promise<void> {
  await sql`update enrollments set due_at = due_at - interval '3 days'
    where journey_id = ${journeyId} and phase = 'wait' and status = 'active'`.execute(database.db);
  await sql`notify caravan_engine`.execute(database.db);
}

/** Runs the seeded dataset's accounts through the journey with `workers` worker processes. */
export async function runWorkersJourney(
  database: Database,
  databaseUrl: string,
  accounts: number,
  workers: number,
): Promise<WorkersResult> {
  const running = await Promise.all(
    Array.from({ length: workers }, (_, k) => startWorkerProcess(databaseUrl, k + 1)),
  );
  try {
    const deps = { database, clock: systemClock };
    const journey = await publishBenchJourney(deps, 'Bench journey', benchDefinition());
    const began = performance.now();
    await until(database, journey.id, (p) => p.waiting === accounts);
    const firstHalf = performance.now() - began;
    await crossTheWait(database, journey.id);
    const woke = performance.now();
    await until(database, journey.id, (p) => p.completed === accounts);
    const runSeconds = (firstHalf + performance.now() - woke) / 1000;
    return {
      workers,
      accounts,
      entrySeconds: round(journey.entrySeconds, 2),
      runSeconds: round(runSeconds, 2),
      accountStepsPerSecond: Math.round((accounts * stepsPerAccount) / runSeconds),
      completed: accounts,
    };
  } finally {
    await Promise.all(running.map((w) => w.stop()));
  }
}
