/**
 * The delivery log: the outbox searched and filtered for people (status, channel, journey,
 * recipient, date), newest first, with the journey's name. `retrying` is a pending row that has
 * been tried before; `pending` one that has not.
 */
import type { OutboxChannel } from '@caravan/core/engine/outbox';
import { sql } from 'kysely';
import { toTimestamp } from './column-types.ts';
import type { Db } from './database.ts';
import { toOutboxMessage, type OutboxMessage } from './outbox.repository.ts';

export type DeliveryState =
  'pending' | 'retrying' | 'sending' | 'sent' | 'dead' | 'suppressed' | 'cancelled';

export interface DeliveryFilter {
  state?: DeliveryState;
  channel?: OutboxChannel;
  journeyId?: string;
  /** Part of the recipient's address or number, ignoring case. */
  recipient?: string;
  /** Created at or after. */
  from?: Date;
  /** Created before. */
  to?: Date;
}

export interface DeliveryLogEntry extends OutboxMessage {
  state: DeliveryState;
  journeyName: string | null;
}

export function deliveryStateOf(message: Pick<OutboxMessage, 'status' | 'attempts'>) {
  return message.status === 'pending' && message.attempts > 0
    ? 'retrying'
    : (message.status as DeliveryState);
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function searchDeliveryLog(
  db: Db,
  q: DeliveryFilter & { beforeId?: number; limit: number },
): Promise<{ items: DeliveryLogEntry[]; total: number }> {
  let query = db.selectFrom('outbox');
  if (q.state === 'retrying' || q.state === 'pending') {
    query = query.where('outbox.status', '=', 'pending');
    query = query.where('outbox.attempts', q.state === 'retrying' ? '>' : '=', 0);
  } else if (q.state !== undefined) {
    query = query.where('outbox.status', '=', q.state);
  }
  if (q.channel !== undefined) query = query.where('outbox.channel', '=', q.channel);
  if (q.journeyId !== undefined) query = query.where('outbox.journey_id', '=', q.journeyId);
  if (q.recipient !== undefined && q.recipient !== '') {
    const pattern = `%${escapeLike(q.recipient.toLowerCase())}%`;
    query = query.where(sql<boolean>`lower(outbox.recipient) like ${pattern} escape '\\'`);
  }
  if (q.from !== undefined) query = query.where('outbox.created_at', '>=', toTimestamp(q.from));
  if (q.to !== undefined) query = query.where('outbox.created_at', '<', toTimestamp(q.to));
  const { total } = await query
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  let page = query
    .leftJoin('journeys', 'journeys.id', 'outbox.journey_id')
    .selectAll('outbox')
    .select('journeys.name as journey_name');
  if (q.beforeId !== undefined) page = page.where('outbox.id', '<', q.beforeId);
  const rows = await page.orderBy('outbox.id', 'desc').limit(q.limit).execute();
  return {
    items: rows.map(({ journey_name, ...row }) => {
      const message = toOutboxMessage(row);
      return { ...message, state: deliveryStateOf(message), journeyName: journey_name };
    }),
    total: Number(total),
  };
}

/** Outbox rows not yet settled and dead letters, by channel (the system status page). */
export async function outboxDepthByChannel(
  db: Db,
): Promise<Array<{ channel: string; status: string; count: number }>> {
  const rows = await db
    .selectFrom('outbox')
    .select(['channel', 'status', db.fn.countAll<number>().as('n')])
    .where('status', 'in', ['pending', 'sending', 'dead'])
    .groupBy(['channel', 'status'])
    .execute();
  return rows.map((r) => ({ channel: r.channel, status: r.status, count: Number(r.n) }));
}
