/**
 * The dispatcher's pipeline (issue 15 "Sending"), shared by a one-shot dispatch and the
 * background lanes:
 *
 *   claim   — one statement per batch (`dispatcher.ts`);
 *   prepare — the batch's context read set-based (`send-context.ts`), then consent, address,
 *             deduplication and limits checked in memory (`send-checks.ts`);
 *   send    — one sliding window per channel (`send-window.ts`): each channel has its own queue,
 *             concurrency and optional rate (`channel-lanes.ts`), so a hanging SMS provider holds
 *             back only SMS; content is read once per batch and templates parsed once per version;
 *   settle  — as soon as a message's channel answered, in small grouped transactions
 *             (`settle-attempt.ts#settleAttempts`). A message keeps its slot until it is settled:
 *             per channel, at most `concurrency` messages are ever sent-but-not-written-down, the
 *             most a crash can repeat (docs/durability.md).
 *
 * Checks and settlements take turns (a lock): while a batch is checked no settlement commits, so
 * each message counts exactly once — in the database once settled, in the tally until then.
 */
import { systemClock, type Clock } from '@caravan/core/clock';
import type { OutboxChannel, OutboxPayload } from '@caravan/core/engine/outbox';
import { assertNever } from '@caravan/core/result';
import type { Database } from '@caravan/storage/database';
import { releaseClaimedOutbox, type OutboxMessage } from '@caravan/storage/outbox.repository';
import { retryWhileDatabaseAway } from '../runtime/database-retry.ts';
import type { EngineEvents } from '../runtime/engine-events.ts';
import {
  channelLanes,
  defaultChannelConcurrency,
  type ChannelLane,
  type ChannelSettings,
} from './channel-lanes.ts';
import { readCommunicationLimits } from './communication-limits.ts';
import {
  newContentCache,
  sendEmail,
  type ChannelDeps,
  type ContentCache,
} from './email-channel.ts';
import { sendExternal } from './external-channel.ts';
import { retryPolicy } from './retry-policy.ts';
import { sendSalesAlert } from './sales-alert.ts';
import { checkSend, newBatchTally, tallyKeys, untally, type TallyKeys } from './send-checks.ts';
import { loadBatchContext, type SendContext } from './send-context.ts';
import { errorText, type SendOutcome } from './send-outcome.ts';
import { GroupSettler, SendWindow } from './send-window.ts';
import { settleAttempt, settleAttempts, type Settlement } from './settle-attempt.ts';
import type { OutboundPolicy } from './outbound-policy.ts';
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
  /** Per-channel concurrency, rates and the SMTP pool size; defaults when absent. */
  channels?: ChannelSettings;
  /** Where webhooks and external calls may go (CARAVAN_OUTBOUND_ALLOW); nothing internal by default. */
  outbound?: OutboundPolicy;
}

/** How long a claimed row is ours; every channel gives up well before (timeouts of 15–30 s). */
export const outboxLeaseMs = 60_000;

/**
 * A claimed message is started only while this much of its lease is left (the longest channel
 * timeout, 30 s, and a margin); otherwise it is given back, so that no other dispatcher can take
 * it over while it is still being sent.
 */
export const minLeaseLeftMs = 35_000;

/**
 * Email sends in flight (or sent and not yet settled) at once by default — twice `SMTP_POOL_SIZE`:
 * also the most emails a crash of one process can make go out twice.
 */
export const sendConcurrency = defaultChannelConcurrency.email;

export interface Attempt {
  message: OutboxMessage;
  context: SendContext;
  /** Decided before sending (a suppression), or by the channel. */
  outcome?: SendOutcome;
  /** The tally entries it holds until settled (emails and SMS let through). */
  keys?: TallyKeys;
  /** When the batch was claimed (the time webhooks sign), and the lease's end. */
  claimedAt: Date;
  leaseUntil: Date;
  cache: ContentCache;
}

class Lock {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(step: () => Promise<T>): Promise<T> {
    const result = this.tail.then(step);
    this.tail = result.catch(() => {});
    return result;
  }
}

function sendOne(deps: ChannelDeps, attempt: Attempt): Promise<SendOutcome> {
  const { message, context, claimedAt } = attempt;
  const payload: OutboxPayload = message.payload;
  switch (payload.channel) {
    case 'email':
      return sendEmail(deps, message, payload, context);
    case 'sms':
      return sendSms(deps, message, payload, context);
    case 'webhook':
      return sendWebhook(deps, message, payload, context, claimedAt);
    case 'salesAlert':
      return sendSalesAlert(deps, message, payload, context);
    case 'external':
      return sendExternal(deps, message, payload, context, claimedAt);
    default:
      return assertNever(payload);
  }
}

/** One dispatcher's windows, tally and settler: a one-shot dispatch, or a background lane. */
export class DispatchRun {
  private readonly tally = newBatchTally();
  private readonly lock = new Lock();
  private readonly settler: GroupSettler<Settlement & { keys?: TallyKeys }>;
  private readonly windows = new Map<OutboxChannel, SendWindow<Attempt>>();
  readonly lanes: ChannelLane[];
  stopped = false;

  constructor(private readonly deps: DispatcherDeps) {
    this.lanes = channelLanes(deps.channels);
    this.settler = new GroupSettler((group) =>
      this.lock.run(async () => {
        await settleAttempts(deps, group);
        for (const s of group) if (s.keys) untally(this.tally, s.message, s.keys);
      }),
    );
    for (const lane of this.lanes) {
      const window = new SendWindow<Attempt>(
        lane.concurrency,
        (attempt) => this.sendAndSettle(attempt),
        lane.ratePerSecond,
      );
      this.windows.set(lane.channel, window);
    }
  }

  window(channel: OutboxChannel): SendWindow<Attempt> {
    const window = this.windows.get(channel);
    if (window === undefined) throw new Error(`No lane for the channel ${channel}.`);
    return window;
  }

  /** Dead letters for rows past their attempts, then the checks of the rest, set-based. */
  async prepare(claimed: OutboxMessage[], claimedAt: Date, leaseUntil: Date): Promise<Attempt[]> {
    const { deps } = this;
    // A claim counts as an attempt. A row claimed more often than the policy allows was claimed
    // before by senders that stopped mid-send (a message that crashes its sender): dead, not sent.
    for (const message of claimed.filter((m) => m.attempts > retryPolicy.maxAttempts)) {
      const error = `gave up after ${message.attempts - 1} attempts that never finished`;
      await settleAttempt(deps, message, { kind: 'failed', error }, claimedAt);
    }
    const sendable = claimed.filter((m) => m.attempts <= retryPolicy.maxAttempts);
    if (sendable.length === 0) return [];
    try {
      return await this.lock.run(() => this.check(sendable, claimedAt, leaseUntil));
    } catch (error) {
      // Nothing of the batch was sent (the database went away mid-check): give the rows back once
      // it answers, rather than leave them to wait out their lease.
      const ids = sendable.map((m) => m.id);
      await retryWhileDatabaseAway(() => releaseClaimedOutbox(deps.database.db, ids));
      throw error;
    }
  }

  private async check(messages: OutboxMessage[], claimedAt: Date, leaseUntil: Date) {
    const db = this.deps.database.db;
    const limits = await readCommunicationLimits(db);
    const batch = await loadBatchContext(db, messages, limits, claimedAt);
    const cache = newContentCache();
    return messages.map((message): Attempt => {
      const context = batch.contextOf(message);
      const channel = message.payload.channel;
      const attempt: Attempt = { message, context, claimedAt, leaseUntil, cache };
      if (channel !== 'email' && channel !== 'sms') return attempt;
      const suppressed = checkSend(batch, message, channel, context, this.tally);
      if (suppressed) return { ...attempt, outcome: suppressed };
      const person = context.person;
      if (person === undefined) return attempt;
      return { ...attempt, keys: tallyKeys(message, channel, person.id, person.email) };
    });
  }

  /** Queues each attempt on its channel's window. */
  push(attempts: readonly Attempt[]): void {
    for (const lane of this.lanes) {
      const mine = attempts.filter((a) => a.message.payload.channel === lane.channel);
      if (mine.length > 0) this.window(lane.channel).push(mine);
    }
  }

  async drained(): Promise<void> {
    await Promise.all([...this.windows.values()].map((w) => w.drained()));
  }

  /** Starts no more sends on any channel; waiting lanes wake. */
  stopStarting(): void {
    this.stopped = true;
    for (const window of this.windows.values()) window.stopStarting();
  }

  /** Gives back every queued attempt not started yet (a lane that stops); answers how many. */
  async releaseBacklog(): Promise<number> {
    const backlog = [...this.windows.values()].flatMap((w) => w.takeBacklog());
    await this.release(backlog);
    return backlog.length;
  }

  private async release(attempts: readonly Attempt[]): Promise<void> {
    if (attempts.length === 0) return;
    const ids = attempts.map((a) => a.message.id);
    await retryWhileDatabaseAway(() => releaseClaimedOutbox(this.deps.database.db, ids));
    await this.lock.run(async () => {
      for (const a of attempts) if (a.keys) untally(this.tally, a.message, a.keys);
    });
  }

  private async sendAndSettle(attempt: Attempt): Promise<void> {
    const { deps } = this;
    let outcome = attempt.outcome;
    if (outcome === undefined) {
      const leaseLeft =
        attempt.leaseUntil.getTime() - (deps.leaseClock ?? systemClock).now().getTime();
      // Waited too long for a slot: another dispatcher could take it over mid-send. Give it back.
      if (leaseLeft < minLeaseLeftMs) return this.release([attempt]);
      outcome = await this.send(attempt);
    }
    await this.settler.settle({
      message: attempt.message,
      outcome,
      now: deps.clock.now(),
      ...(attempt.keys ? { keys: attempt.keys } : {}),
    });
  }

  private async send(attempt: Attempt): Promise<SendOutcome> {
    const { deps } = this;
    const channelDeps: ChannelDeps = {
      db: deps.database.db,
      secret: deps.secret,
      publicUrl: deps.publicUrl,
      smtpUrl: deps.smtpUrl,
      smsProviderUrl: deps.smsProviderUrl,
      smtpPoolSize: deps.channels?.smtpPoolSize,
      cache: attempt.cache,
      outbound: deps.outbound,
    };
    try {
      return await sendOne(channelDeps, attempt);
    } catch (error) {
      // A bug or an unexpected failure of one message must not stop the others: retry it later.
      return { kind: 'retry', error: errorText(error) };
    }
  }
}
