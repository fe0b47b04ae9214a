/**
 * Settles the `sent` messages of one settlement group together, inside the group's transaction:
 * the rows' status (one statement on PostgreSQL; only a row still `sending` is settled), then
 * ONE multi-row insert for their timeline entries, ONE for their `email.delivered` / `sms.delivered` activities
 * (with the existence of their accounts and people read in one statement each), and their report
 * rows and rollups in one statement per table — instead of six or seven statements per message.
 * What is written per message is exactly what `settleSent` of `settle-attempt.ts` writes.
 */
import { randomUUID } from 'node:crypto';
import type { TimelineEntry } from '@caravan/core/engine/timeline';
import { recordActivities, type NewActivity } from '@caravan/storage/activity.repository';
import type { Db } from '@caravan/storage/database';
import { settleOutboxSent } from '@caravan/storage/outbox-settlement.repository';
import type { OutboxMessage } from '@caravan/storage/outbox.repository';
import { appendTimeline } from '@caravan/storage/timeline.repository';
import { rollupSentGroup } from '../reports/report-hooks.ts';
import type { EngineEvents } from '../runtime/engine-events.ts';
import { channelActivityTypes } from './channel-activity.ts';
import type { SendOutcome } from './send-outcome.ts';

export interface SentSettlement {
  message: OutboxMessage;
  outcome: Extract<SendOutcome, { kind: 'sent' }>;
  now: Date;
}

type Emit = (events: EngineEvents) => void;

async function existing(db: Db, table: 'accounts' | 'people', ids: string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await db.selectFrom(table).select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

function timelineEntry(s: SentSettlement): TimelineEntry | undefined {
  const { message, outcome, now } = s;
  const { journeyId, enrollmentId, accountId } = message;
  if (journeyId === null || enrollmentId === null || accountId === null) return undefined;
  const { messageId, recipient } = outcome;
  return {
    journeyId,
    enrollmentId,
    accountId,
    personId: message.personId,
    nodeId: message.nodeId,
    at: now.toISOString(),
    kind: 'sent',
    port: null,
    detail: {
      channel: message.channel,
      outboxId: message.id,
      ...(messageId === undefined ? {} : { messageId }),
      ...(recipient === undefined ? {} : { recipient }),
    },
  };
}

const deliveredType = (channel: string) =>
  channel === 'email'
    ? channelActivityTypes.emailDelivered
    : channel === 'sms'
      ? channelActivityTypes.smsDelivered
      : undefined;

export async function settleSentGroup(db: Db, group: readonly SentSettlement[]): Promise<Emit[]> {
  // Only rows still `sending` are settled (another dispatcher may have taken one over).
  const settledIds = await settleOutboxSent(
    db,
    group.map((s) => ({
      id: s.message.id,
      sentAt: s.now,
      ...(s.outcome.recipient ? { recipient: s.outcome.recipient } : {}),
    })),
  );
  const settled = group.filter((s) => settledIds.has(s.message.id));
  if (settled.length === 0) return [];
  // The reports' rollups, in the same transaction as the rows they count (`reports/`).
  await rollupSentGroup(db, settled);
  const entries = settled.map(timelineEntry).filter((e) => e !== undefined);
  if (entries.length > 0) await appendTimeline(db, entries);
  const delivered = settled.filter(
    (s) => deliveredType(s.message.channel) !== undefined && s.message.accountId !== null,
  );
  const accounts = await existing(
    db,
    'accounts',
    delivered.map((s) => s.message.accountId as string),
  );
  const people = await existing(
    db,
    'people',
    delivered.flatMap((s) => (s.message.personId === null ? [] : [s.message.personId])),
  );
  const activities: NewActivity[] = delivered
    .filter((s) => accounts.has(s.message.accountId as string))
    .map(({ message, now }) => ({
      id: randomUUID(),
      type: deliveredType(message.channel) as string,
      accountId: message.accountId as string,
      personId: message.personId !== null && people.has(message.personId) ? message.personId : null,
      occurredAt: now,
      receivedAt: now,
      messageId: `outbox:${message.id}:delivered`,
      properties: { journeyId: message.journeyId, nodeId: message.nodeId, outboxId: message.id },
    }));
  if (activities.length > 0) await recordActivities(db, activities);
  return settled.map(({ message: { channel, journeyId } }) => (events: EngineEvents) => {
    events.emit('message:sent', { channel, journeyId });
  });
}
