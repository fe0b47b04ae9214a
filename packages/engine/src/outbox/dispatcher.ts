/**
 * Folder `outbox/`: the dispatcher and its channels (SMTP, SMS, webhooks, external calls, sales
 * alerts), send-time checks, retries and tracking. A workflow folder: may import the data
 * folders, `entry/`, `runtime/` and the other workflow folders.
 *
 * The outbox dispatcher (SPEC §4 "Effects"): moves messages from `outbox` rows to the channels.
 *
 *   1. claim  — one short statement marks due rows `sending` with a 60 s lease (PostgreSQL:
 *               `FOR UPDATE SKIP LOCKED`, so any number of dispatchers claim disjoint rows);
 *               a row whose lease ran out (its process crashed) is due again. The lease is
 *               measured on the real clock (`leaseClock`), never the test clock: advancing the
 *               test clock must not expire the lease of a message still being sent;
 *   2. check  — consent, address, deduplication and limits, one row at a time (`send-checks.ts`);
 *   3. send   — to SMTP / the SMS provider / HTTP, OUTSIDE any transaction, a few at a time;
 *   4. settle — each row in its own transaction as soon as its channel answered: sent, retried
 *               later (`retry-policy.ts`), dead, or suppressed, with its timeline entry
 *               (`settle-attempt.ts`).
 *
 * Delivery is at least once: a crash between "the channel accepted" and "settled" sends again
 * after the lease, with the same Message-ID / Idempotency-Key so that the receiver can drop it.
 * Only the sends in flight at the crash can repeat (docs/durability.md).
 */
import { systemClock, type Clock } from '@caravan/core/clock';
import type { OutboxPayload } from '@caravan/core/engine/outbox';
import { assertNever } from '@caravan/core/result';
import type { Database } from '@caravan/storage/database';
import { isDatabaseUnavailable } from '@caravan/storage/database-unavailable';
import {
  claimDueOutbox,
  releaseClaimedOutbox,
  releaseSendingOutbox,
  type OutboxMessage,
} from '@caravan/storage/outbox.repository';
import type { Db } from '@caravan/storage/database';
import { retryWhileDatabaseAway } from '../runtime/database-retry.ts';
import type { EngineEvents } from '../runtime/engine-events.ts';
import { readCommunicationLimits } from './communication-limits.ts';
import { sendEmail, type ChannelDeps } from './email-channel.ts';
import { sendExternal } from './external-channel.ts';
import { sendSalesAlert } from './sales-alert.ts';
import { checkSend, newBatchTally } from './send-checks.ts';
import { loadSendContext, type JourneySettingsCache, type SendContext } from './send-context.ts';
import { errorText, type SendOutcome } from './send-outcome.ts';
import { retryPolicy } from './retry-policy.ts';
import { settleAttempt } from './settle-attempt.ts';
import { sendSms } from './sms-channel.ts';
import { sendWebhook } from './webhook-channel.ts';

export interface DispatcherDeps {
  database: Database;
  clock: Clock;
  events?: EngineEvents;
  secret: string;
  publicUrl: string;
  smtpUrl?: string;
  smsProviderUrl?: string;
  /** The clock leases are measured on: the real one (the default) even under a test clock. */
  leaseClock?: Clock;
}

/** How long a claimed row is ours; every channel gives up well before (timeouts of 15–30 s). */
export const outboxLeaseMs = 60_000;

/** Sends in flight at once within a batch: also the most a crash can make go out twice. */
export const sendConcurrency = 8;

interface Attempt {
  message: OutboxMessage;
  context: SendContext;
  /** Decided before sending (a suppression), or by the channel. */
  outcome?: SendOutcome;
}

async function checkBatch(deps: DispatcherDeps, claimed: OutboxMessage[], now: Date) {
  const db = deps.database.db;
  const limits = await readCommunicationLimits(db);
  const tally = newBatchTally();
  const journeys: JourneySettingsCache = new Map();
  const attempts: Attempt[] = [];
  for (const message of claimed) {
    const context = await loadSendContext(db, message, journeys);
    const channel = message.payload.channel;
    const suppressed =
      channel === 'email' || channel === 'sms'
        ? await checkSend(db, message, channel, context, limits, tally, now)
        : undefined;
    attempts.push({ message, context, ...(suppressed ? { outcome: suppressed } : {}) });
  }
  return attempts;
}

function sendOne(
  deps: ChannelDeps,
  message: OutboxMessage,
  payload: OutboxPayload,
  context: SendContext,
  now: Date,
): Promise<SendOutcome> {
  switch (payload.channel) {
    case 'email':
      return sendEmail(deps, message, payload, context);
    case 'sms':
      return sendSms(deps, message, payload, context);
    case 'webhook':
      return sendWebhook(deps, message, payload, context, now);
    case 'salesAlert':
      return sendSalesAlert(deps, message, payload, context);
    case 'external':
      return sendExternal(deps, message, payload, context, now);
    default:
      return assertNever(payload);
  }
}

async function send(deps: DispatcherDeps, attempt: Attempt, now: Date): Promise<SendOutcome> {
  const channelDeps: ChannelDeps = {
    db: deps.database.db,
    secret: deps.secret,
    publicUrl: deps.publicUrl,
    smtpUrl: deps.smtpUrl,
    smsProviderUrl: deps.smsProviderUrl,
  };
  try {
    return await sendOne(
      channelDeps,
      attempt.message,
      attempt.message.payload,
      attempt.context,
      now,
    );
  } catch (error) {
    // A bug or an unexpected failure of one message must not stop the batch: retry it later.
    return { kind: 'retry', error: errorText(error) };
  }
}

/**
 * Claims up to `limit` due messages, sends them and settles each. Answers how many rows it
 * handled (0 when nothing was due).
 */
export async function dispatchDueOutbox(deps: DispatcherDeps, limit = 100): Promise<number> {
  const now = deps.clock.now();
  const leaseNow = (deps.leaseClock ?? systemClock).now();
  const leaseUntil = new Date(leaseNow.getTime() + outboxLeaseMs);
  const claimed = await deps.database.db
    .transaction()
    .execute((trx) => claimDueOutbox(trx, now, leaseUntil, limit, leaseNow));
  if (claimed.length === 0) return 0;
  // A claim counts as an attempt. A row claimed more often than the policy allows was claimed
  // before by senders that stopped mid-send (a message that crashes its sender): dead, not sent.
  const exhausted = claimed.filter((m) => m.attempts > retryPolicy.maxAttempts);
  for (const message of exhausted) {
    const error = `gave up after ${message.attempts - 1} attempts that never finished`;
    await settleAttempt(deps, message, { kind: 'failed', error }, now);
  }
  const sendable = claimed.filter((m) => m.attempts <= retryPolicy.maxAttempts);
  const attempts = await checkBatch(deps, sendable, now).catch(async (error: unknown) => {
    // Nothing of the batch was sent and the database went away mid-check: give the rows back
    // once it answers, rather than leave them to wait out their lease. Any other failure keeps
    // its claim (and its attempt), so that a message that always fails still ends dead.
    if (isDatabaseUnavailable(error)) {
      const ids = sendable.map((m) => m.id);
      await retryWhileDatabaseAway(() => releaseClaimedOutbox(deps.database.db, ids));
    }
    throw error;
  });
  for (let start = 0; start < attempts.length; start += sendConcurrency) {
    const slice = attempts.slice(start, start + sendConcurrency);
    // Each message is settled as soon as its channel answered, not after the whole batch: a
    // crash then repeats only the sends in flight, not every send of the batch so far.
    await Promise.all(
      slice.map(async (attempt) => {
        const outcome = attempt.outcome ?? (await send(deps, attempt, now));
        await settleAttempt(deps, attempt.message, outcome, deps.clock.now());
      }),
    );
  }
  return claimed.length;
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
