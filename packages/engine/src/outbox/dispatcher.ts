/**
 * Folder `outbox/`: the dispatcher and its channels (SMTP, SMS, webhooks, external calls, sales
 * alerts), send-time checks, retries and tracking. A workflow folder: may import the data
 * folders, `entry/`, `runtime/` and the other workflow folders.
 *
 * The outbox dispatcher (SPEC §4 "Effects"): moves messages from `outbox` rows to the channels.
 *
 *   1. claim   — one short statement marks due rows `sending` with a 60 s lease (PostgreSQL:
 *                `FOR UPDATE SKIP LOCKED`, so any number of dispatchers claim disjoint rows);
 *                a row whose lease ran out (its process crashed) is due again. The lease is
 *                measured on the real clock (`leaseClock`), never the test clock: advancing the
 *                test clock must not expire the lease of a message still being sent;
 *   2. prepare — the batch's people, accounts, journeys, sent counts read set-based; consent,
 *                address, deduplication and limits checked in memory (`dispatch-run.ts`);
 *   3. send    — to SMTP / the SMS provider / HTTP, OUTSIDE any transaction, through one sliding
 *                window per channel with its own concurrency (`channel-lanes.ts`);
 *   4. settle  — as soon as its channel answered, in small grouped transactions: sent, retried
 *                later (`retry-policy.ts`), dead, or suppressed, with its timeline entry
 *                (`settle-attempt.ts`).
 *
 * `dispatchDueOutbox` is one batch of every channel, finished before it returns (tests, the test
 * clock's advance). `caravan start` / `caravan worker` run one lane per channel instead
 * (`dispatcher-lanes.ts`): each claims only its own channel and claims its next batch while the
 * last one is still sending.
 *
 * Delivery is at least once: a crash between "the channel accepted" and "settled" sends again
 * after the lease, with the same Message-ID / Idempotency-Key so that the receiver can drop it.
 * Only the sends in flight at the crash can repeat (docs/durability.md).
 */
import type { OutboxChannel } from '@caravan/core/engine/outbox';
import { systemClock } from '@caravan/core/clock';
import type { Db } from '@caravan/storage/database';
import { isDatabaseUnavailable } from '@caravan/storage/database-unavailable';
import {
  claimDueOutbox,
  releaseClaimedOutbox,
  releaseSendingOutbox,
  type OutboxMessage,
} from '@caravan/storage/outbox.repository';
import { retryWhileDatabaseAway } from '../runtime/database-retry.ts';
import { DispatchRun, outboxLeaseMs, type Attempt, type DispatcherDeps } from './dispatch-run.ts';

export {
  minLeaseLeftMs,
  outboxLeaseMs,
  sendConcurrency,
  type DispatcherDeps,
} from './dispatch-run.ts';

export interface ClaimedBatch {
  claimed: OutboxMessage[];
  claimedAt: Date;
  leaseUntil: Date;
}

/** Claims up to `limit` due rows (of `channels` only, when given) for one lease. */
export async function claimOutboxBatch(
  deps: DispatcherDeps,
  limit: number,
  channels?: readonly OutboxChannel[],
): Promise<ClaimedBatch> {
  const now = deps.clock.now();
  const leaseNow = (deps.leaseClock ?? systemClock).now();
  const leaseUntil = new Date(leaseNow.getTime() + outboxLeaseMs);
  const claimed = await deps.database.db
    .transaction()
    .execute((trx) => claimDueOutbox(trx, now, leaseUntil, limit, leaseNow, channels));
  return { claimed, claimedAt: now, leaseUntil };
}

/**
 * The claimed batch checked and ready to send. When the database goes away while it is read,
 * nothing of the batch was sent: the rows are given back once the database answers, rather than
 * left to wait out their lease. Any other failure keeps the claim (and its attempt), so that a
 * message that always fails still ends dead.
 */
export async function prepareClaimed(
  run: DispatchRun,
  deps: DispatcherDeps,
  batch: ClaimedBatch,
): Promise<Attempt[]> {
  return run
    .prepare(batch.claimed, batch.claimedAt, batch.leaseUntil)
    .catch(async (error: unknown) => {
      if (isDatabaseUnavailable(error)) {
        const ids = batch.claimed.map((m) => m.id);
        await retryWhileDatabaseAway(() => releaseClaimedOutbox(deps.database.db, ids));
      }
      throw error;
    });
}

/**
 * Claims up to `limit` due messages, sends them and settles each. Answers how many rows it
 * handled (0 when nothing was due).
 */
export async function dispatchDueOutbox(
  deps: DispatcherDeps,
  limit = 100,
  channels?: readonly OutboxChannel[],
): Promise<number> {
  const batch = await claimOutboxBatch(deps, limit, channels);
  if (batch.claimed.length === 0) return 0;
  const run = new DispatchRun(deps);
  run.push(await prepareClaimed(run, deps, batch));
  await run.drained();
  return batch.claimed.length;
}

/**
 * Every `sending` row back to `pending`: the single SQLite process calls it on start, since no
 * other process can be sending. (On PostgreSQL leases expire instead.) Answers how many.
 */
export function releaseOutboxLeases(db: Db, now: Date): Promise<number> {
  return releaseSendingOutbox(db, now);
}

/** Dispatches batch after batch until nothing is due; answers the rows handled in total. */
export async function runDispatcherUntilIdle(deps: DispatcherDeps, limit = 100): Promise<number> {
  let total = 0;
  for (;;) {
    const handled = await dispatchDueOutbox(deps, limit);
    if (handled === 0) return total;
    total += handled;
  }
}
