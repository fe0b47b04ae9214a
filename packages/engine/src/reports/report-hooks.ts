/**
 * Folder `reports/`: journey reports, the overview, email performance, CSV, and the rollups that
 * keep them live (issue 12). A workflow folder (layer 3).
 *
 * The hooks the engine calls in the transactions that record what reports count — each a single
 * call from its caller, so that reports stay current within the same commit:
 *   - `rollupSettledSend`   from the dispatcher's settle (sent / dead), outbox/settle-attempt.ts;
 *   - `rollupSentGroup`     from the settle of a group of sends, outbox/settle-sent-group.ts:
 *                           one insert of their messages and one upsert per rollup table;
 *   - `rollupChannelActivity` from recordChannelActivity (opens, clicks, unsubscribes);
 *   - `rollupPassEnds`      from the worker's write-back (completed passes, their durations);
 *   - `recordEngagement`    (storage) from the listener taking `next` (an event in the journey).
 */
import type { Db } from '@caravan/storage/database';
import type { Enrollment } from '@caravan/storage/enrollment.repository';
import { markUndeliverable } from '@caravan/storage/email-undeliverable.repository';
import type { OutboxMessage } from '@caravan/storage/outbox.repository';
import {
  addReportRecipient,
  bumpMessageRollup,
  bumpMessageRollups,
  dayOf,
  findReportMessageByOutbox,
  insertReportMessage,
  insertReportMessages,
  messageKeyOf,
  recordCompletedPasses,
  recordEngagement,
  type ReportMessage,
  type RollupKey,
} from '@caravan/storage/report-rollup.repository';
import { messageIdFor } from '../outbox/smtp-transport.ts';

/**
 * On by default. `npm run bench:reports` turns it off to measure what keeping reports live costs
 * the engine; nothing else may.
 */
export const reportRollups = { enabled: true };

type Reportable = OutboxMessage & { journeyId: string; nodeId: string; channel: 'email' | 'sms' };

function reportable(message: OutboxMessage): message is Reportable {
  return (
    (message.channel === 'email' || message.channel === 'sms') &&
    message.journeyId !== null &&
    message.nodeId !== null
  );
}

/** The content a message came from: the email / SMS id, or '' for content authored in the node. */
export function contentIdOf(message: OutboxMessage): string {
  const p = message.payload;
  if (p.channel === 'email') return p.emailId ?? '';
  if (p.channel === 'sms') return p.smsId ?? '';
  return '';
}

export function rollupKeyOf(
  m: Pick<ReportMessage, 'journeyId' | 'nodeId' | 'channel' | 'contentId'>,
  day: string,
): RollupKey {
  return {
    journeyId: m.journeyId,
    nodeId: m.nodeId,
    channel: m.channel,
    contentId: m.contentId,
    day,
  };
}

/** A permanent SMTP refusal at send time (5xx) is a bounce; other dead letters are failures. */
export function isSmtpBounce(error: string): boolean {
  return error.startsWith('SMTP:') && /\b5\d\d\b/.test(error);
}

/** 5.1.x (bad mailbox / address) and 550/551/553 without a policy code: the address is bad. */
export function isHardAddressBounce(error: string): boolean {
  return /\b5\.1\.\d+\b/.test(error) || (/\b55[013]\b/.test(error) && !/\b5\.7\.\d+\b/.test(error));
}

type Sent = { kind: 'sent'; messageId?: string | undefined; recipient?: string | undefined };

function baseOf(message: Reportable, now: Date) {
  return {
    outboxId: message.id,
    journeyId: message.journeyId,
    nodeId: message.nodeId,
    channel: message.channel,
    contentId: contentIdOf(message),
    accountId: message.accountId,
    personId: message.personId,
    sentDay: dayOf(now),
  };
}

/**
 * Messages a channel accepted, settled together: their report messages in one insert, then the
 * sends of those that were new in one upsert per rollup table. Emails count as delivered when the
 * relay accepted them; SMS wait for the provider's status callback.
 */
export async function rollupSentGroup(
  db: Db,
  group: ReadonlyArray<{ message: OutboxMessage; outcome: Sent; now: Date }>,
): Promise<void> {
  const sends = group.flatMap(({ message, outcome, now }) => {
    if (!reportable(message)) return [];
    const providerId =
      outcome.messageId ??
      (message.channel === 'email' ? messageIdFor(message.idempotencyKey) : `outbox:${message.id}`);
    const row: ReportMessage = {
      ...baseOf(message, now),
      messageKey: messageKeyOf(providerId),
      recipient: outcome.recipient ?? message.recipient,
      state: message.channel === 'email' ? 'delivered' : 'sent',
    };
    return [{ row, now }];
  });
  const fresh = await insertReportMessages(
    db,
    sends.map((s) => s.row),
  );
  await bumpMessageRollups(
    db,
    sends
      .filter((s) => fresh.has(s.row.messageKey))
      .map(({ row, now }) => ({
        key: rollupKeyOf(row, row.sentDay),
        delta: { sent: 1, ...(row.channel === 'email' ? { delivered: 1 } : {}) },
        at: now,
      })),
  );
}

/**
 * A message settled: `sent` (with the provider's id) or `dead` (with its error). A dead email
 * refused with a 5xx is sent and bounced; other dead letters are failed.
 */
export async function rollupSettledSend(
  db: Db,
  message: OutboxMessage,
  settled: Sent | { kind: 'dead'; error: string },
  now: Date,
): Promise<void> {
  if (!reportable(message)) return;
  if (settled.kind === 'sent') {
    await rollupSentGroup(db, [{ message, outcome: settled, now }]);
    return;
  }
  const base = baseOf(message, now);
  const key = rollupKeyOf(base, base.sentDay);
  const bounce = message.channel === 'email' && isSmtpBounce(settled.error);
  const fresh = await insertReportMessage(db, {
    ...base,
    messageKey: `outbox:${message.id}`,
    recipient: message.recipient,
    state: bounce ? 'bounced' : 'failed',
  });
  if (!fresh) return;
  if (!bounce) {
    await bumpMessageRollup(db, key, { failed: 1 }, now);
    return;
  }
  await bumpMessageRollup(db, key, { sent: 1, bounced: 1 }, now);
  if (message.personId !== null) {
    await addReportRecipient(db, { ...base, kind: 'bounced', personId: message.personId, at: now });
  }
  if (isHardAddressBounce(settled.error)) {
    const address = message.recipient ?? (await emailOf(db, message.personId));
    if (address) {
      await markUndeliverable(db, {
        address,
        reason: 'hardBounce',
        source: 'smtp',
        detail: settled.error.slice(0, 500),
        at: now.toISOString(),
      });
    }
  }
}

async function emailOf(db: Db, personId: string | null): Promise<string | null> {
  if (personId === null) return null;
  const row = await db
    .selectFrom('people')
    .select('email')
    .where('id', '=', personId)
    .executeTakeFirst();
  return row?.email ?? null;
}

const engagementOf = {
  'email.opened': 'emailOpened',
  'email.clicked': 'emailClicked',
  'sms.clicked': 'smsClicked',
} as const;

/** An activity a channel recorded (open, click, unsubscribe) counted on its message's row. */
export async function rollupChannelActivity(
  db: Db,
  activity: {
    type: string;
    accountId: string | null;
    personId: string | null;
    at: Date;
    properties: Record<string, unknown>;
  },
): Promise<void> {
  const outboxId = activity.properties.outboxId;
  if (typeof outboxId !== 'number') return;
  const kind =
    activity.type === 'email.opened'
      ? 'opened'
      : activity.type === 'email.clicked' || activity.type === 'sms.clicked'
        ? 'clicked'
        : activity.type === 'email.unsubscribed'
          ? 'unsubscribed'
          : undefined;
  if (kind === undefined) return;
  const message = await findReportMessageByOutbox(db, outboxId);
  if (message === undefined) return;
  const personId = activity.personId ?? message.personId;
  const first =
    personId !== null &&
    (await addReportRecipient(db, {
      journeyId: message.journeyId,
      nodeId: message.nodeId,
      kind,
      personId,
      accountId: message.accountId,
      at: activity.at,
    }));
  const delta =
    kind === 'opened'
      ? { opens: 1, opened: first ? 1 : 0 }
      : kind === 'clicked'
        ? { clicks: 1, clicked: first ? 1 : 0 }
        : { unsubscribed: first ? 1 : 0 };
  await bumpMessageRollup(db, rollupKeyOf(message, dayOf(activity.at)), delta, activity.at);
  const engagement = engagementOf[activity.type as keyof typeof engagementOf];
  const accountId = activity.accountId ?? message.accountId;
  if (engagement !== undefined && accountId !== null) {
    await recordEngagement(db, {
      journeyId: message.journeyId,
      accountId,
      personId,
      kind: engagement,
      at: activity.at,
    });
  }
}

/** The passes of a worker batch that completed in it: completion over time and durations. */
export async function rollupPassEnds(
  db: Db,
  passes: readonly Enrollment[],
  now: Date,
): Promise<void> {
  if (!reportRollups.enabled) return;
  const ends = passes
    .filter((e) => e.endReason === 'completed' && e.endedAt?.getTime() === now.getTime())
    .map((e) => ({ journeyId: e.journeyId, enteredAt: e.enteredAt, endedAt: now }));
  await recordCompletedPasses(db, ends);
}
