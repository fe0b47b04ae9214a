/**
 * What providers report after a send (issue 12): asynchronous bounces and complaints of emails,
 * delivered / failed statuses of SMS. Each event finds its message by the provider's message id
 * (`report_messages`), moves it once (a repeated notification changes nothing), bumps the rollup
 * of the day it was sent, records the activity journeys can listen for (`email.bounced`,
 * `email.complained`, `sms.failed`; `sms.delivered` is already recorded at send) and, for a hard
 * bounce or a complaint, marks the address undeliverable so later emails are suppressed.
 */
import { randomUUID } from 'node:crypto';
import { recordActivities } from '@caravan/storage/activity.repository';
import type { Database, Db } from '@caravan/storage/database';
import { markUndeliverable } from '@caravan/storage/email-undeliverable.repository';
import {
  addReportRecipient,
  bumpMessageRollup,
  findReportMessage,
  moveReportMessage,
  type ReportMessage,
} from '@caravan/storage/report-rollup.repository';
import { rollupKeyOf } from './report-hooks.ts';

export type DeliveryEventKind = 'bounce' | 'complaint' | 'smsDelivered' | 'smsFailed';

export interface DeliveryEvent {
  kind: DeliveryEventKind;
  /** hard: the address will never work (SES Permanent, Mailgun permanent); soft: it may. */
  bounceType?: 'hard' | 'soft';
  /** The address that bounced or complained (emails). */
  recipient?: string;
  /** The id the message was sent with: our Message-ID, or the provider's id (an SMS sid). */
  messageId?: string;
  at: Date;
  source: 'generic' | 'ses' | 'mailgun' | 'twilio';
  detail?: string;
}

export interface DeliveryEventsResult {
  received: number;
  /** Events that found their message and changed its counts. */
  matched: number;
  /** Addresses newly or again marked undeliverable. */
  undeliverable: number;
}

async function activity(db: Db, message: ReportMessage, type: string, event: DeliveryEvent) {
  if (message.accountId === null) return;
  const account = await db
    .selectFrom('accounts')
    .select('id')
    .where('id', '=', message.accountId)
    .executeTakeFirst();
  if (account === undefined) return;
  await recordActivities(db, [
    {
      id: randomUUID(),
      type,
      accountId: message.accountId,
      personId: message.personId,
      occurredAt: event.at,
      receivedAt: event.at,
      messageId: `outbox:${message.outboxId}:${type}`,
      properties: {
        journeyId: message.journeyId,
        nodeId: message.nodeId,
        outboxId: message.outboxId,
        ...(event.bounceType ? { bounceType: event.bounceType } : {}),
        ...(event.detail ? { reason: event.detail.slice(0, 500) } : {}),
      },
    },
  ]);
}

async function bounced(db: Db, m: ReportMessage, e: DeliveryEvent): Promise<boolean> {
  if (!(await moveReportMessage(db, m.messageKey, ['delivered', 'sent'], 'bounced'))) return false;
  const wasDelivered = m.state === 'delivered';
  await bumpMessageRollup(
    db,
    rollupKeyOf(m, m.sentDay),
    { bounced: 1, ...(wasDelivered ? { delivered: -1 } : {}) },
    e.at,
  );
  if (m.personId !== null) {
    await addReportRecipient(db, { ...m, kind: 'bounced', personId: m.personId, at: e.at });
  }
  await activity(db, m, m.channel === 'sms' ? 'sms.failed' : 'email.bounced', e);
  return true;
}

async function complained(db: Db, m: ReportMessage, e: DeliveryEvent): Promise<boolean> {
  if (m.personId === null) return false;
  const first = await addReportRecipient(db, {
    ...m,
    kind: 'complained',
    personId: m.personId,
    at: e.at,
  });
  if (!first) return false;
  await bumpMessageRollup(db, rollupKeyOf(m, m.sentDay), { complained: 1 }, e.at);
  await activity(db, m, 'email.complained', e);
  return true;
}

async function smsDelivered(db: Db, m: ReportMessage, e: DeliveryEvent): Promise<boolean> {
  if (!(await moveReportMessage(db, m.messageKey, ['sent'], 'delivered'))) return false;
  await bumpMessageRollup(db, rollupKeyOf(m, m.sentDay), { delivered: 1 }, e.at);
  return true;
}

async function recordOne(db: Db, e: DeliveryEvent, result: DeliveryEventsResult) {
  const message = e.messageId === undefined ? undefined : await findReportMessage(db, e.messageId);
  if (message !== undefined) {
    const changed =
      e.kind === 'complaint'
        ? await complained(db, message, e)
        : e.kind === 'smsDelivered'
          ? await smsDelivered(db, message, e)
          : await bounced(db, message, e);
    if (changed) result.matched += 1;
  }
  const address = e.recipient ?? (message?.channel === 'email' ? message.recipient : null);
  const marks = e.kind === 'complaint' || (e.kind === 'bounce' && e.bounceType !== 'soft');
  if (marks && address) {
    await markUndeliverable(db, {
      address,
      reason: e.kind === 'complaint' ? 'complaint' : 'hardBounce',
      source: e.source,
      detail: e.detail?.slice(0, 500) ?? null,
      at: e.at.toISOString(),
    });
    result.undeliverable += 1;
  }
}

/** Records the events in one transaction. */
export async function recordDeliveryEvents(
  database: Database,
  events: readonly DeliveryEvent[],
): Promise<DeliveryEventsResult> {
  const result: DeliveryEventsResult = { received: events.length, matched: 0, undeliverable: 0 };
  if (events.length === 0) return result;
  await database.db.transaction().execute(async (trx) => {
    for (const e of events) await recordOne(trx, e, result);
  });
  return result;
}
