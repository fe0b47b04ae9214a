/**
 * The outbox: messages and calls the engine decided on, written in the transaction of the move.
 * A row is unique by its idempotency key, so a step that is repeated writes nothing twice.
 */
import type { OutboxChannel, OutboxPayload } from '@caravan/core/engine/outbox';
import { toJson } from './column-types.ts';
import type { Db } from './database.ts';

export interface NewOutboxMessage {
  idempotencyKey: string;
  channel: OutboxChannel;
  journeyId: string | null;
  enrollmentId: number | null;
  nodeId: string | null;
  accountId: string | null;
  personId: string | null;
  recipient: string | null;
  payload: OutboxPayload;
  now: Date;
}

const batchSize = 500;

/** Queues the messages (due at once); a key already queued is skipped. Answers how many were new. */
export async function enqueueOutbox(
  db: Db,
  messages: readonly NewOutboxMessage[],
): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < messages.length; start += batchSize) {
    const rows = messages.slice(start, start + batchSize).map((m) => ({
      idempotency_key: m.idempotencyKey,
      channel: m.channel,
      journey_id: m.journeyId,
      enrollment_id: m.enrollmentId,
      node_id: m.nodeId,
      account_id: m.accountId,
      person_id: m.personId,
      recipient: m.recipient,
      payload: toJson(m.payload),
      status: 'pending',
      next_attempt_at: m.now.toISOString(),
      created_at: m.now.toISOString(),
    }));
    const result = await db
      .insertInto('outbox')
      .values(rows)
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

/** Abort: every message of the journey not yet sent is cancelled. Answers how many. */
export async function cancelPendingOutbox(db: Db, journeyId: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('outbox')
    .set({
      status: 'cancelled',
      next_attempt_at: null,
      lease_until: null,
      last_error: `cancelled ${now.toISOString()}`,
    })
    .where('journey_id', '=', journeyId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
