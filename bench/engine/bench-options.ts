/**
 * Command-line options of `npm run bench:engine`:
 *   --accounts 100000,1000000   account counts (default 100000)
 *   --db sqlite,postgres        databases (default both)
 *   --quick                     10,000 accounts and a 3 s latency run, to smoke-test
 *   --skip graphile,bullmq,latency,raw leave parts out (e.g. the peers at 1 M accounts)
 *   --max-postgres-accounts N   larger runs are SQLite only (default 100000)
 *   --workers 1,2               instead of the parts above: the journey run by 1, then 2
 *                               `caravan worker` processes on PostgreSQL (workers-journey.ts)
 * PostgreSQL: BENCH_POSTGRES_URL (or CARAVAN_BENCH_POSTGRES_URL), else a throw-away server.
 */
import type { DialectName } from '@caravan/storage/database';

export type BenchPart = 'raw' | 'graphile' | 'bullmq' | 'caravan' | 'latency';

export interface BenchOptions {
  accounts: number[];
  dialects: DialectName[];
  skip: Set<BenchPart>;
  /** Events per second and seconds of the latency run. */
  latency: { rate: number; seconds: number };
  maxPostgresAccounts: number;
  /** Worker process counts of the scale-out run; empty = no scale-out run. */
  workers: number[];
  postgresUrl: string | undefined;
}

function valueOf(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  if (index >= 0) return argv[index + 1];
  const inline = argv.find((arg) => arg.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Options from argv and the environment; a wrong option is a usage error and throws. */
export function parseBenchOptions(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): BenchOptions {
  const quick = argv.includes('--quick');
  const accounts = list(valueOf(argv, '--accounts')).map((s) => Number(s.replace(/_/g, '')));
  if (accounts.some((n) => !Number.isInteger(n) || n < 3)) {
    throw new Error('--accounts takes whole numbers ≥ 3, e.g. --accounts 100000,1000000');
  }
  const dialects = list(valueOf(argv, '--db'));
  for (const d of dialects) {
    if (d !== 'sqlite' && d !== 'postgres') throw new Error(`--db: unknown database "${d}"`);
  }
  const workers = list(valueOf(argv, '--workers')).map(Number);
  if (workers.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new Error('--workers takes whole numbers ≥ 1, e.g. --workers 1,2');
  }
  const skip = list(valueOf(argv, '--skip'));
  for (const part of skip) {
    if (!['raw', 'graphile', 'bullmq', 'caravan', 'latency'].includes(part)) {
      throw new Error(`--skip: unknown part "${part}"`);
    }
  }
  return {
    accounts: accounts.length > 0 ? accounts : [quick ? 10_000 : 100_000],
    dialects: dialects.length > 0 ? (dialects as DialectName[]) : ['sqlite', 'postgres'],
    skip: new Set(skip as BenchPart[]),
    latency: { rate: 1000, seconds: quick ? 3 : 10 },
    maxPostgresAccounts: Number(valueOf(argv, '--max-postgres-accounts') ?? 100_000),
    workers,
    postgresUrl: env.BENCH_POSTGRES_URL ?? env.CARAVAN_BENCH_POSTGRES_URL,
  };
}
