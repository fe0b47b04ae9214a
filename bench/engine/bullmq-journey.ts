/**
 * The benchmark journey on BullMQ 6 (the queue Laudspeaker's journeys run on) over a real Redis,
 * one job per account step, one job name per node — the same work graphile-journey.ts does:
 *   email  → two "send" rows (the account's people with an email and consent) into `bq_sends`
 *   wait   → a delayed job the email step added; its virtual due time (3 days on) is in the data
 *   split  → reads the account row and picks the path by industry
 *   action → adds the account to its path's account list (as Caravan's addToAccountList does)
 *   merge, end → the end records the account in `bq_completed`
 * Each job runs ONE PostgreSQL statement for its effect and then adds its successor to Redis (a
 * job's effect and its successor cannot commit together: they live in two stores).
 *
 * The wait: BullMQ delays are real time, so, as for graphile-worker, the wait is stored as a
 * delayed job (delay 1 ms: it goes through BullMQ's delayed set and is promoted by the worker)
 * and the 3-day due time travels in the job's data.
 *
 * Redis: Debian's `redis-server`, started here on a free loopback port in a temp dir, with
 * `maxmemory-policy noeviction` (what BullMQ requires) and the append-only file written but not
 * fsynced (`appendfsync no`) — the durability of the benchmark's PostgreSQL (`fsync=off`).
 * Tuning per BullMQ's docs (guide/workers/concurrency, guide/queues/adding-bulks, auto-removal):
 * one worker with concurrency 50 (I/O-bound jobs), entry with `addBulk` in chunks of 1,000,
 * `removeOnComplete`, a pg pool as large as the concurrency.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { benchIds, industries } from './bench-dataset.ts';
import { round } from './raw-claim-rate.ts';

const threeDaysMs = 3 * 24 * 3600_000;
export const bullmqStepsPerAccount = 6;
const concurrency = 50;
const entryChunk = 1_000;
const queueName = 'journey';

export interface BullmqResult {
  accounts: number;
  jobs: number;
  entrySeconds: number;
  runSeconds: number;
  accountStepsPerSecond: number;
  accountsPerSecond: number;
  sends: number;
  completed: number;
}

interface RedisServer {
  port: number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function untilPong(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const client = new Redis({
      port,
      host: '127.0.0.1',
      lazyConnect: true,
      retryStrategy: () => null,
    });
    // Refused connections while the server starts are expected: connect() rejects with them.
    client.on('error', () => {});
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    } finally {
      client.disconnect();
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts a throw-away redis-server on a loopback port, its files in a temp dir. */
export async function startRedis(): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'caravan-bench-redis-'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    '/usr/bin/redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'no',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await untilPong(port);
  return {
    port,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const listOf = Object.fromEntries(industries.map((i) => [i, benchIds.list(i)]));

/** `$1` is the account id in every statement. */
const effectSql = {
  email: `insert into bq_sends (account_id, person_id, email_id, created_at)
    select m.account_id, m.person_id, $2, now()
    from account_memberships m join people p on p.id = m.person_id
    where m.account_id = $1 and p.email is not null and p.email_consent <> 'optedOut'`,
  split: `select case a.industry ${industries.map((i) => `when '${i}' then '${listOf[i]}'`).join(' ')}
    end as list from accounts a where a.id = $1`,
  action: `insert into account_list_members (list_id, account_id, added_at) values ($2, $1, now())
    on conflict do nothing`,
  end: `insert into bq_completed (account_id, ended_at) values ($1, now())`,
} as const;

type StepData = { a: string; list?: string; virtualDue?: string };

/** One job: its effect on PostgreSQL, then its successor on Redis. */
function processor(pool: pg.Pool, queue: Queue) {
  const next = (name: string, data: StepData, delay?: number) =>
    queue.add(name, data, delay === undefined ? undefined : { delay });
  return async (job: Job<StepData>): Promise<void> => {
    const { a } = job.data;
    switch (job.name) {
      case 'email': {
        await pool.query({ name: 'bq-email', text: effectSql.email, values: [a, benchIds.email] });
        const virtualDue = new Date(Date.now() + threeDaysMs).toISOString();
        await next('wait', { a, virtualDue }, 1);
        return;
      }
      case 'wait':
        await next('split', { a });
        return;
      case 'split': {
        const result = await pool.query<{ list: string }>({
          name: 'bq-split',
          text: effectSql.split,
          values: [a],
        });
        await next('action', { a, list: result.rows[0]?.list });
        return;
      }
      case 'action':
        await pool.query({ name: 'bq-action', text: effectSql.action, values: [a, job.data.list] });
        await next('merge', { a });
        return;
      case 'merge':
        await next('end', { a });
        return;
      case 'end':
        await pool.query({ name: 'bq-end', text: effectSql.end, values: [a] });
        return;
      default:
        throw new Error(`bullmq: unknown step ${job.name}`);
    }
  };
}

async function prepare(pool: pg.Pool): Promise<void> {
  await pool.query(`create table bq_sends (id bigserial primary key, account_id text not null,
    person_id text not null, email_id text not null, created_at timestamptz not null)`);
  await pool.query(`create table bq_completed (account_id text primary key,
    ended_at timestamptz not null)`);
}

/** Entry: every named account of the audience gets its first job, added in bulk. */
async function enter(pool: pg.Pool, queue: Queue): Promise<number> {
  const result = await pool.query<{ id: string }>(
    `select m.account_id as id from audience_members m join accounts a on a.id = m.account_id
     where m.audience_id = $1 and a.name <> ''`,
    [benchIds.audience],
  );
  for (let i = 0; i < result.rows.length; i += entryChunk) {
    const chunk = result.rows.slice(i, i + entryChunk);
    await queue.addBulk(chunk.map(({ id }) => ({ name: 'email', data: { a: id } })));
  }
  return result.rows.length;
}

async function counts(pool: pg.Pool) {
  const sends = await pool.query<{ n: number }>('select count(*)::int as n from bq_sends');
  const completed = await pool.query<{ n: number }>('select count(*)::int as n from bq_completed');
  return { sends: Number(sends.rows[0]?.n), completed: Number(completed.rows[0]?.n) };
}

/** Runs N accounts through the journey on BullMQ; the dataset must be seeded. */
export async function runBullmqJourney(
  connectionString: string,
  accounts: number,
): Promise<BullmqResult> {
  const redis = await startRedis();
  const pool = new pg.Pool({ connectionString, max: concurrency });
  const connection = { host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null };
  const defaultJobOptions = { removeOnComplete: true, removeOnFail: 1000 };
  const queue = new Queue(queueName, { connection, defaultJobOptions });
  try {
    await prepare(pool);
    let ended = 0;
    let failed: unknown;
    const worker = new Worker(queueName, processor(pool, queue), { connection, concurrency });
    const allEnded = new Promise<void>((resolve, reject) => {
      worker.on('failed', (_job, error) => {
        failed ??= error;
        reject(error);
      });
      worker.on('completed', (job) => {
        if (job.name === 'end' && ++ended === accounts) resolve();
      });
    });
    const started = performance.now();
    const entered = await enter(pool, queue);
    const entrySeconds = (performance.now() - started) / 1000;
    if (entered !== accounts) throw new Error(`bullmq: ${entered} entered, expected ${accounts}`);
    await allEnded;
    const runSeconds = (performance.now() - started) / 1000 - entrySeconds;
    await worker.close();
    if (failed) throw new Error(`bullmq: a job failed: ${String(failed)}`);
    const jobs = accounts * bullmqStepsPerAccount;
    return {
      accounts,
      jobs,
      entrySeconds: round(entrySeconds, 2),
      runSeconds: round(runSeconds, 2),
      accountStepsPerSecond: Math.round(jobs / runSeconds),
      accountsPerSecond: Math.round(accounts / (entrySeconds + runSeconds)),
      ...(await counts(pool)),
    };
  } finally {
    await queue.close();
    await pool.end();
    await redis.stop();
  }
}
