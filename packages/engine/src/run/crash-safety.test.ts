/**
 * Crash safety (issue 4, docs/durability.md): the real product runs a 5,000-account journey with
 * emails in child processes that are killed with SIGKILL at 10 seeded random moments and
 * restarted each time. Afterwards every account finished exactly once, every step happened once,
 * the counters equal the timeline, and the SMTP server holds exactly one message per idempotency
 * key (a raw repeat is the documented at-least-once window: at most the sends in flight at a kill).
 *
 * The journey is published by the parent before the first child starts, so the children find
 * 5,000 enrollments due and nothing else to do. Replay a run with CARAVAN_CRASH_SEED=<seed>.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, it } from 'vitest';
import { sendConcurrency } from '../outbox/dispatcher.ts';
import {
  prepareScenario,
  readProgress,
  type Progress,
  type Scenario,
} from './crash-scenario.test-support.ts';
import {
  seededRandom,
  startEngineChild,
  startSmtpCapture,
  type EngineChild,
} from './engine-process.test-support.ts';
import { expectEveryAccountOnce, expectOneEmailPerPerson } from './run-checks.test-support.ts';

const accountCount = 5_000;
const killCount = 10;
/** Within the test's timeout, so that a run that hangs still stops its children. */
const runLimitMs = 270_000;
const seed = Number(process.env.CARAVAN_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));

interface CrashRun {
  kills: Array<{ slot: number; share: number }>;
  ms: number;
}

/**
 * Runs `slots` children; at 10 random shares of the work, plus a random delay, kills one of them
 * with SIGKILL and starts it again at once; then lets them finish. Kills land wherever the child
 * is: booting, inside a worker transaction, between an SMTP reply and its commit, idle.
 */
async function runWithKills(
  s: Scenario,
  slots: number,
  spawnChild: () => EngineChild,
  random: () => number,
): Promise<CrashRun> {
  const started = Date.now();
  const children = Array.from({ length: slots }, spawnChild);
  const shares = Array.from({ length: killCount }, () => 0.02 + random() * 0.88);
  const kills: CrashRun['kills'] = [];
  const waitFor = async (done: (p: Progress) => boolean) => {
    for (;;) {
      const failed = children.map((c) => c.failure()).find((f) => f !== undefined);
      if (failed !== undefined) throw new Error(failed);
      // Not a timing assertion: it only stops the children of a run that can no longer pass.
      if (Date.now() - started > runLimitMs) throw new Error('the run did not finish');
      if (done(await readProgress(s))) return;
      await sleep(20);
    }
  };
  try {
    for (const share of shares.sort((a, b) => a - b)) {
      await waitFor((p) => p.share >= share || p.finished);
      await sleep(Math.floor(random() * 250));
      const slot = Math.floor(random() * slots);
      await children[slot]!.kill();
      kills.push({ slot, share: (await readProgress(s)).share });
      children[slot] = spawnChild();
    }
    await waitFor((p) => p.finished);
  } finally {
    // Done (or failed). SIGKILL, not SIGTERM, here too: a graceful stop also waits for pooled
    // SMTP connections to time out, which says nothing about durability.
    await Promise.all(children.map((c) => c.kill()));
  }
  return { kills, ms: Date.now() - started };
}

describe.each([
  { dialect: 'sqlite' as const, command: 'start' as const, slots: 1 },
  { dialect: 'postgres' as const, command: 'worker' as const, slots: 2 },
])('crash safety on $dialect ($slots × caravan $command)', ({ dialect, command, slots }) => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it(
    'finishes every account exactly once and sends one email per person through 10 SIGKILLs',
    async () => {
      const random = seededRandom(seed + (dialect === 'sqlite' ? 0 : 1));
      console.log(`crash safety on ${dialect}: seed ${seed} (CARAVAN_CRASH_SEED to replay)`);
      const capture = await startSmtpCapture();
      cleanup.push(() => capture.close());
      const preparing = Date.now();
      const s = await prepareScenario(dialect, accountCount, random);
      const prepared = Date.now() - preparing;
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
      const run = await runWithKills(s, slots, () => startEngineChild(command, env), random);
      await expectEveryAccountOnce(s);
      // A kill repeats at most the sends in flight at that moment.
      const maxRepeats = run.kills.length * sendConcurrency;
      const repeats = await expectOneEmailPerPerson(s, capture, maxRepeats);
      console.log(
        `crash safety on ${dialect}: ${run.kills.length} kills at ` +
          `${run.kills.map((k) => `${(k.share * 100).toFixed(0)}%/w${k.slot}`).join(', ')}; ` +
          `${capture.messages.length} emails received, ${repeats} raw repeats; prepared in ${prepared} ms, ran in ${run.ms} ms`,
      );
    },
    runLimitMs + 30_000,
  );
});
