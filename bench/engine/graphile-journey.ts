/**
 * The benchmark journey on graphile-worker 0.17 (PostgreSQL only: it has no SQLite mode), one job
 * per account step, one task per node:
 *   email  → two "send" rows (the account's people with an email and consent) into `gw_sends`
 *   wait   → the job the email step scheduled with `run_at` = its due time, 3 days later
 *   split  → reads the account row and picks the path by industry
 *   action → adds the account to its path's account list (as Caravan's addToAccountList does)
 *   merge, end → the end records the account in `gw_completed`
 * Each task is ONE statement that does its effect and enqueues the next job
 * (`graphile_worker.add_job`), so a step's effect and its successor commit together — the most
 * a job can get from one round trip. Entry is one set-based `add_jobs` over the audience.
 *
 * Time: graphile-worker reads `now()` from PostgreSQL and cannot be advanced like Caravan's
 * ManualClock without editing its private tables. So the journey runs on a virtual clock that is
 * 3 days + 1 minute behind the real one: the email step stores the wait's real due time
 * (virtual now + 3 days = real now − 1 minute) as `run_at`, so the wait is still a stored timer
 * that `get_jobs` must find due, but is due at once; the payload keeps the virtual due time.
 * Tuning per https://worker.graphile.org/docs/performance: concurrentJobs 24, maxPoolSize 25,
 * localQueue 500, batched completion (completeJobBatchDelay 0), prepared statements, pollInterval
 * 100 ms (only matters for future jobs; new ones arrive by LISTEN/NOTIFY).
 */
import { Logger, run, runMigrations, type Runner, type Task, type TaskList } from 'graphile-worker';
import pg from 'pg';
import { benchIds, industries } from './bench-dataset.ts';
import { round } from './raw-claim-rate.ts';

const threeDaysMs = 3 * 24 * 3600_000;
/** Virtual now = real now − this; the wait's run_at then lies 1 minute in the past. */
const virtualOffsetMs = threeDaysMs + 60_000;
export const graphileStepsPerAccount = 6;

export interface GraphileResult {
  accounts: number;
  jobs: number;
  entrySeconds: number;
  runSeconds: number;
  accountStepsPerSecond: number;
  accountsPerSecond: number;
  sends: number;
  completed: number;
}

const silent = new Logger(() => () => {});

const listOf = Object.fromEntries(industries.map((i) => [i, benchIds.list(i)]));

/** `$1` is the account id in every task. */
const taskSql = {
  email: `with sends as (
      insert into gw_sends (account_id, person_id, email_id, created_at)
      select m.account_id, m.person_id, $2, now()
      from account_memberships m join people p on p.id = m.person_id
      where m.account_id = $1 and p.email is not null and p.email_consent <> 'optedOut'
      returning 1)
    select graphile_worker.add_job('wait', json_build_object('a', $1::text, 'virtualDue', $3::text),
      run_at => $4::timestamptz), (select count(*) from sends)`,
  wait: `select graphile_worker.add_job('split', json_build_object('a', $1::text))`,
  split: `select graphile_worker.add_job('action', json_build_object('a', a.id,
      'list', case a.industry ${industries.map((i) => `when '${i}' then '${listOf[i]}'`).join(' ')} end))
    from accounts a where a.id = $1`,
  action: `with added as (
      insert into account_list_members (list_id, account_id, added_at) values ($2, $1, now())
      on conflict do nothing returning 1)
    select graphile_worker.add_job('merge', json_build_object('a', $1::text))`,
  merge: `select graphile_worker.add_job('end', json_build_object('a', $1::text))`,
  end: `insert into gw_completed (account_id, ended_at) values ($1, now())`,
} as const;

type Payload = { a: string; list?: string };

/** A task that runs its one statement with the account id (and extra values) of the payload. */
function statementTask(text: string, values: (payload: Payload) => unknown[] = (p) => [p.a]): Task {
  return async (payload, helpers) => {
    await helpers.query(text, values(payload as Payload));
  };
}

function taskList(): TaskList {
  return {
    email: statementTask(taskSql.email, ({ a }) => {
      const virtualDue = new Date(Date.now() - virtualOffsetMs + threeDaysMs);
      return [a, benchIds.email, virtualDue.toISOString(), virtualDue];
    }),
    wait: statementTask(taskSql.wait),
    split: statementTask(taskSql.split),
    action: statementTask(taskSql.action, ({ a, list }) => [a, list]),
    merge: statementTask(taskSql.merge),
    end: statementTask(taskSql.end),
  };
}

async function prepare(connectionString: string): Promise<void> {
  await runMigrations({ connectionString, logger: silent });
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`create table gw_sends (id bigserial primary key, account_id text not null,
      person_id text not null, email_id text not null, created_at timestamptz not null)`);
    await client.query(`create table gw_completed (account_id text primary key,
      ended_at timestamptz not null)`);
  } finally {
    await client.end();
  }
}

/** Entry: every named account of the audience gets its first job, in one statement. */
async function enter(connectionString: string): Promise<number> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const result = await client.query(
      `select count(*) from graphile_worker.add_jobs(array(
        select row('email', json_build_object('a', m.account_id), null, null, null, null, null,
          null)::graphile_worker.job_spec
        from audience_members m join accounts a on a.id = m.account_id
        where m.audience_id = $1 and a.name <> ''))`,
      [benchIds.audience],
    );
    return Number(result.rows[0].count);
  } finally {
    await client.end();
  }
}

async function counts(connectionString: string) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const sends = await client.query('select count(*)::int as n from gw_sends');
    const completed = await client.query('select count(*)::int as n from gw_completed');
    return { sends: Number(sends.rows[0].n), completed: Number(completed.rows[0].n) };
  } finally {
    await client.end();
  }
}

function startWorker(connectionString: string): Promise<Runner> {
  return run({
    taskList: taskList(),
    logger: silent,
    noHandleSignals: true,
    preset: {
      worker: {
        connectionString,
        concurrentJobs: 24,
        maxPoolSize: 25,
        pollInterval: 100,
        preparedStatements: true,
        localQueue: { size: 500 },
        completeJobBatchDelay: 0,
        failJobBatchDelay: 0,
      },
    },
  });
}

/** Runs N accounts through the journey on graphile-worker; the dataset must be seeded. */
export async function runGraphileJourney(
  connectionString: string,
  accounts: number,
): Promise<GraphileResult> {
  await prepare(connectionString);
  const runner = await startWorker(connectionString);
  let ended = 0;
  let failed: unknown;
  const allEnded = new Promise<void>((resolve) => {
    runner.events.on('job:complete', ({ job, error }) => {
      if (error) failed ??= error;
      if (job.task_identifier === 'end' && !error && ++ended === accounts) resolve();
    });
  });
  const started = performance.now();
  const entered = await enter(connectionString);
  const entrySeconds = (performance.now() - started) / 1000;
  if (entered !== accounts) throw new Error(`graphile: ${entered} entered, expected ${accounts}`);
  await allEnded;
  const runSeconds = (performance.now() - started) / 1000 - entrySeconds;
  await runner.stop();
  if (failed) throw new Error(`graphile: a job failed: ${String(failed)}`);
  const jobs = accounts * graphileStepsPerAccount;
  return {
    accounts,
    jobs,
    entrySeconds: round(entrySeconds, 2),
    runSeconds: round(runSeconds, 2),
    accountStepsPerSecond: Math.round(jobs / runSeconds),
    accountsPerSecond: Math.round(accounts / (entrySeconds + runSeconds)),
    ...(await counts(connectionString)),
  };
}
