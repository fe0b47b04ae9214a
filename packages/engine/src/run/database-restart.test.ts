/**
 * PostgreSQL restarts (issue "no crash on a database restart", docs/durability.md): `caravan
 * start` and one `caravan worker` move a journey of 2,000 accounts (about 3,000 emails) while the
 * database server is restarted three times — twice with `pg_ctl -m fast restart`, once stopped
 * for a few seconds in between, during which the API must answer 503 DATABASE_UNAVAILABLE and
 * /readyz must say why. Afterwards both processes are still running, both listen for wake-ups
 * again, every account finished exactly once, the counters equal the timeline, and the SMTP
 * server received each Message-ID exactly once: no repeat at all, since no process died.
 *
 * The server is a cluster of this test's own (test/postgres-cluster.ts), so the restarts do not
 * disturb the other tests. Replay a run with CARAVAN_RESTART_SEED=<seed>.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { startPostgresCluster } from '../../../../test/postgres-cluster.ts';
import { prepareScenario, readProgress, type Scenario } from './crash-scenario.test-support.ts';
import {
  seededRandom,
  startEngineChild,
  startSmtpCapture,
  type EngineChild,
} from './engine-process.test-support.ts';
import { expectEveryAccountOnce, expectOneEmailPerPerson } from './run-checks.test-support.ts';

const accountCount = 2_000;
/** Within the test's timeout, so that a run that hangs still stops its children. */
const runLimitMs = 360_000;
const outageMs = 3_000;
const seed = Number(process.env.CARAVAN_RESTART_SEED ?? Math.floor(Math.random() * 2 ** 31));

type Disruption = { share: number; kind: 'restart' } | { share: number; kind: 'outage' };

const disruptions: Disruption[] = [
  { share: 0.15, kind: 'restart' },
  { share: 0.45, kind: 'outage' },
  { share: 0.75, kind: 'restart' },
];

/** The URL `caravan start` printed once it listened. */
async function apiUrlOf(child: EngineChild): Promise<string> {
  for (let i = 0; i < 2_400; i += 1) {
    const failed = child.failure();
    if (failed !== undefined) throw new Error(failed);
    const match = /Caravan is running at (\S+)/.exec(child.output());
    if (match?.[1]) return match[1];
    await sleep(50);
  }
  throw new Error(`caravan start did not come up:\n${child.output()}`);
}

/** What the API answers while the database is stopped. */
async function probeApi(url: string) {
  const journeys = await fetch(`${url}/api/v1/journeys`, {
    headers: { authorization: 'Bearer cvn_any_key_needs_the_database' },
  });
  const ready = await fetch(`${url}/readyz`);
  return {
    journeys: {
      status: journeys.status,
      retryAfter: journeys.headers.get('retry-after'),
      body: await journeys.json(),
    },
    ready: { status: ready.status, body: await ready.json() },
  };
}

/** Progress, or undefined while the database does not answer the test either. */
async function progressOf(s: Scenario) {
  try {
    return await readProgress(s);
  } catch {
    return undefined;
  }
}

/** Processes (by application) holding a LISTEN connection on the scenario's database. */
async function listeners(s: Scenario): Promise<number> {
  const rows = await sql<{ n: number }>`
    select count(*)::int as n from pg_stat_activity
    where datname = current_database() and query ilike 'LISTEN %'`.execute(s.database.db);
  return rows.rows[0]?.n ?? 0;
}

describe('PostgreSQL restarts under caravan start and caravan worker', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step().catch(() => {});
  });

  it(
    'keeps both processes up, finishes every account once and delivers each email once through three restarts',
    async () => {
      console.log(`database restarts: seed ${seed} (CARAVAN_RESTART_SEED to replay)`);
      const cluster = await startPostgresCluster();
      cleanup.push(() => cluster.close());
      const capture = await startSmtpCapture();
      cleanup.push(() => capture.close());
      const s = await prepareScenario('postgres', accountCount, seededRandom(seed), cluster.url);
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
      const children = [startEngineChild('start', env), startEngineChild('worker', env)];
      cleanup.push(async () => void (await Promise.all(children.map((c) => c.kill()))));
      const started = Date.now();
      const apiUrl = await apiUrlOf(children[0]!);
      const booted = Date.now() - started;

      const waitFor = async (done: (p: { share: number; finished: boolean }) => boolean) => {
        for (;;) {
          const failed = children.map((c) => c.failure()).find((f) => f !== undefined);
          if (failed !== undefined) throw new Error(failed);
          // Not a timing assertion: it only stops the children of a run that can no longer pass.
          if (Date.now() - started > runLimitMs) throw new Error('the run did not finish');
          const progress = await progressOf(s);
          if (progress !== undefined && done(progress)) return progress.share;
          await sleep(25);
        }
      };

      const log: string[] = [];
      for (const disruption of disruptions) {
        const share = await waitFor((p) => p.share >= disruption.share || p.finished);
        const at = Date.now();
        if (disruption.kind === 'restart') {
          await cluster.restart('fast');
        } else {
          await cluster.stop('fast');
          const during = await probeApi(apiUrl);
          expect(during.journeys).toMatchObject({
            status: 503,
            retryAfter: '5',
            body: { error: { code: 'DATABASE_UNAVAILABLE' } },
          });
          expect(during.ready).toMatchObject({
            status: 503,
            body: { error: { code: 'NOT_READY', details: { reason: 'DATABASE_UNAVAILABLE' } } },
          });
          await sleep(outageMs);
          await cluster.start();
        }
        log.push(`${disruption.kind} at ${(share * 100).toFixed(0)}% (${Date.now() - at} ms down)`);
      }
      await waitFor((p) => p.finished);
      const ran = Date.now() - started;

      // Both processes are still the ones started at the beginning, and both listen again.
      expect(children.map((c) => c.failure())).toEqual([undefined, undefined]);
      for (let i = 0; i < 100 && (await listeners(s)) < 2; i += 1) await sleep(200);
      expect(await listeners(s)).toBe(2);
      expect((await fetch(`${apiUrl}/readyz`)).status).toBe(200);

      // Messages claimed more than once: a claim whose commit answer the restart swallowed
      // waits out its lease (60 s) before it is sent — late, but still once.
      const reclaimed = await s.database.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('attempts', '>', 1)
        .executeTakeFirstOrThrow();
      await expectEveryAccountOnce(s);
      // No process died, so not even the at-least-once window of a crash may repeat a message.
      const repeats = await expectOneEmailPerPerson(s, capture, 0);
      expect(repeats).toBe(0);
      console.log(
        `database restarts: ${log.join(', ')}; ${accountCount} accounts, ` +
          `${capture.messages.length} emails, each Message-ID once, ${Number(reclaimed.n)} claimed twice; ` +
          `caravan start listened after ${booted} ms, all done after ${ran} ms`,
      );
    },
    runLimitMs + 60_000,
  );
});
