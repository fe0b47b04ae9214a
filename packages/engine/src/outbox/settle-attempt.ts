/**
 * Settles one attempt at a message in its own transaction: the row's new status with, where the
 * account has a timeline, the entry that explains it — `sent` (plus the `email.delivered` /
 * `sms.delivered` activity), `suppressed` with its reason, or `failed` for a dead letter (an
 * external call that dies also resolves the waiting enrollment with an error, so that it takes
 * its `timeoutOrError` path). A retry only reschedules the row. Events are emitted after commit.
 */
import type { TimelineEntry, TimelineKind } from '@caravan/core/engine/timeline';
import { assertNever } from '@caravan/core/result';
import type { Database, Db } from '@caravan/storage/database';
import {
  settleOutbox,
  type OutboxMessage,
  type OutboxSettlement,
} from '@caravan/storage/outbox.repository';
import { appendTimeline } from '@caravan/storage/timeline.repository';
import { retryWhileDatabaseAway } from '../runtime/database-retry.ts';
import type { EngineEvents } from '../runtime/engine-events.ts';
import { resolveExternalCall } from '../external-services/external-calls.ts';
import { rollupSettledSend } from '../reports/report-hooks.ts';
import { channelActivityTypes, recordChannelActivity } from './channel-activity.ts';
import { nextRetry } from './retry-policy.ts';
import type { FailureReason, SendOutcome } from './send-outcome.ts';
import { settleSentGroup, type SentSettlement } from './settle-sent-group.ts';

type Emit = (events: EngineEvents) => void;

async function appendEntry(
  db: Db,
  message: OutboxMessage,
  kind: TimelineKind,
  at: Date,
  detail: Record<string, unknown>,
): Promise<void> {
  const { journeyId, enrollmentId, accountId } = message;
  if (journeyId === null || enrollmentId === null || accountId === null) return;
  const entry: TimelineEntry = {
    journeyId,
    enrollmentId,
    accountId,
    personId: message.personId,
    nodeId: message.nodeId,
    at: at.toISOString(),
    kind,
    port: null,
    detail: { channel: message.channel, outboxId: message.id, ...detail },
  };
  await appendTimeline(db, [entry]);
}

async function settleSent(
  db: Db,
  message: OutboxMessage,
  outcome: Extract<SendOutcome, { kind: 'sent' }>,
  now: Date,
): Promise<Emit | undefined> {
  const { messageId, recipient } = outcome;
  const sent = { status: 'sent' as const, sentAt: now, ...(recipient ? { recipient } : {}) };
  if (!(await settleOutbox(db, message.id, sent))) return undefined;
  await rollupSettledSend(db, message, { kind: 'sent', messageId, recipient }, now);
  await appendEntry(db, message, 'sent', now, {
    ...(messageId === undefined ? {} : { messageId }),
    ...(recipient === undefined ? {} : { recipient }),
  });
  const type =
    message.channel === 'email'
      ? channelActivityTypes.emailDelivered
      : message.channel === 'sms'
        ? channelActivityTypes.smsDelivered
        : undefined;
  if (type !== undefined) {
    await recordChannelActivity(db, {
      type,
      accountId: message.accountId,
      personId: message.personId,
      at: now,
      messageId: `outbox:${message.id}:delivered`,
      properties: { journeyId: message.journeyId, nodeId: message.nodeId, outboxId: message.id },
    });
  }
  const { channel, journeyId } = message;
  return (events) => events.emit('message:sent', { channel, journeyId });
}

async function settleDead(
  db: Db,
  message: OutboxMessage,
  error: string,
  now: Date,
  reason?: FailureReason,
): Promise<Emit | undefined> {
  if (!(await settleOutbox(db, message.id, { status: 'dead', error }))) return undefined;
  await rollupSettledSend(db, message, { kind: 'dead', error }, now);
  await appendEntry(db, message, 'failed', now, {
    error,
    attempts: message.attempts,
    ...(reason === undefined ? {} : { reason }),
  });
  if (message.channel === 'external' && message.enrollmentId !== null && message.nodeId !== null) {
    await resolveExternalCall(
      db,
      { enrollmentId: message.enrollmentId, nodeId: message.nodeId },
      { status: 'error', reason: error },
      now,
    );
  }
  const { channel, journeyId } = message;
  return (events) => events.emit('message:dead', { channel, journeyId, error });
}

async function settleInTransaction(
  db: Db,
  message: OutboxMessage,
  outcome: SendOutcome,
  now: Date,
): Promise<Emit | undefined> {
  const { channel, journeyId } = message;
  switch (outcome.kind) {
    case 'sent':
      return settleSent(db, message, outcome, now);
    case 'failed':
      return settleDead(db, message, outcome.error, now, outcome.reason);
    case 'retry': {
      const next = nextRetry(message.attempts, now, outcome.retryAfterMs);
      if (!next.retry) {
        return settleDead(
          db,
          message,
          `${outcome.error} (gave up after ${message.attempts} attempts)`,
          now,
        );
      }
      const retry: OutboxSettlement = {
        status: 'pending',
        nextAttemptAt: next.at,
        error: outcome.error,
      };
      if (!(await settleOutbox(db, message.id, retry))) return undefined;
      const error = outcome.error;
      return (events) => events.emit('message:retried', { channel, journeyId, error });
    }
    case 'suppressed': {
      const { reason } = outcome;
      const settled = await settleOutbox(db, message.id, {
        status: 'suppressed',
        reason: `${reason}: ${outcome.message}`,
      });
      if (!settled) return undefined;
      await appendEntry(db, message, 'suppressed', now, { reason, message: outcome.message });
      return (events) => events.emit('message:suppressed', { channel, journeyId, reason });
    }
    default:
      return assertNever(outcome);
  }
}

export async function settleAttempt(
  deps: { database: Database; events?: EngineEvents | undefined },
  message: OutboxMessage,
  outcome: SendOutcome,
  now: Date,
): Promise<void> {
  // The channel has answered: if the database is away now, wait for it rather than drop the
  // settlement, or the row would stay `sending` and be sent again after its lease.
  const emit = await retryWhileDatabaseAway(() =>
    deps.database.db
      .transaction()
      .execute((trx) => settleInTransaction(trx, message, outcome, now)),
  );
  if (emit !== undefined && deps.events !== undefined) emit(deps.events);
}

export interface Settlement {
  message: OutboxMessage;
  outcome: SendOutcome;
  now: Date;
}

/**
 * Settles a group of attempts in ONE transaction (a busy lane: one commit for many rows instead
 * of one each). Every row is still settled all-or-nothing with its own entries; should the group
 * fail for a reason other than the database being away, each is settled on its own, so that one
 * bad row cannot hold back the others.
 */
export async function settleAttempts(
  deps: { database: Database; events?: EngineEvents | undefined },
  group: readonly Settlement[],
): Promise<void> {
  if (group.length === 1) {
    const [only] = group as [Settlement];
    return settleAttempt(deps, only.message, only.outcome, only.now);
  }
  let emits: (Emit | undefined)[];
  try {
    emits = await retryWhileDatabaseAway(() =>
      deps.database.db.transaction().execute(async (trx) => {
        const done: (Emit | undefined)[] = [];
        const sent: SentSettlement[] = [];
        for (const s of group) {
          if (s.outcome.kind === 'sent') sent.push({ ...s, outcome: s.outcome });
          else done.push(await settleInTransaction(trx, s.message, s.outcome, s.now));
        }
        return [...done, ...(await settleSentGroup(trx, sent))];
      }),
    );
  } catch {
    for (const s of group) await settleAttempt(deps, s.message, s.outcome, s.now);
    return;
  }
  if (deps.events === undefined) return;
  for (const emit of emits) emit?.(deps.events);
}
