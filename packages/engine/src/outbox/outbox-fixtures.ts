/**
 * Test support (not a test): the rows the worker would have written before the dispatcher runs —
 * a journey, enrollments of accounts at a node, and outbox messages queued with `enqueueOutbox`.
 */
import { idempotencyKey, type OutboxPayload } from '@caravan/core/engine/outbox';
import type { JourneySettings } from '@caravan/core/journey/journey';
import { defaultSettings } from '@caravan/core/journey/journey';
import { toJson } from '@caravan/storage/column-types';
import type { Db } from '@caravan/storage/database';
import { insertJourney } from '@caravan/storage/journey.repository';
import {
  enqueueOutbox,
  findOutboxMessage,
  type OutboxMessage,
} from '@caravan/storage/outbox.repository';
import { aJourney, aUser } from '@caravan/storage/test-fixtures';

export async function seedJourney(
  db: Db,
  settings: Partial<JourneySettings> = {},
): Promise<string> {
  const user = await aUser(db);
  const journey = await insertJourney(
    db,
    aJourney(user.id, { status: 'live', settings: { ...defaultSettings(), ...settings } }),
  );
  if (!journey.ok) throw new Error(journey.error.message);
  return journey.value.id;
}

export async function seedEnrollment(
  db: Db,
  e: { journeyId: string; accountId: string; nodeId: string; now: Date; phase?: string },
): Promise<number> {
  // The next pass of the account, so that one account may have several passes in a test.
  const { passes } = await db
    .selectFrom('enrollments')
    .select((eb) => eb.fn.countAll<number>().as('passes'))
    .where('journey_id', '=', e.journeyId)
    .where('account_id', '=', e.accountId)
    .executeTakeFirstOrThrow();
  const row = await db
    .insertInto('enrollments')
    .values({
      journey_id: e.journeyId,
      account_id: e.accountId,
      pass: Number(passes) + 1,
      status: 'active',
      node_id: e.nodeId,
      phase: e.phase ?? 'run',
      due_at: null,
      entered_at: e.now.toISOString(),
      node_entered_at: e.now.toISOString(),
      state: toJson({}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export interface QueuedMessage {
  journeyId: string;
  enrollmentId: number;
  nodeId: string;
  accountId: string;
  personId: string | null;
  recipient?: string | null;
  payload: OutboxPayload;
  now: Date;
}

/** Queues one message as the worker would and answers its row. */
export async function queueMessage(db: Db, m: QueuedMessage): Promise<OutboxMessage> {
  const key = idempotencyKey(m.enrollmentId, m.nodeId, m.personId);
  await enqueueOutbox(db, [
    {
      idempotencyKey: key,
      channel: m.payload.channel,
      journeyId: m.journeyId,
      enrollmentId: m.enrollmentId,
      nodeId: m.nodeId,
      accountId: m.accountId,
      personId: m.personId,
      recipient: m.recipient ?? null,
      payload: m.payload,
      now: m.now,
    },
  ]);
  const row = await db
    .selectFrom('outbox')
    .select('id')
    .where('idempotency_key', '=', key)
    .executeTakeFirstOrThrow();
  const message = await findOutboxMessage(db, Number(row.id));
  if (message === undefined) throw new Error('queued message vanished');
  return message;
}

export async function outboxRow(db: Db, id: number): Promise<OutboxMessage> {
  const message = await findOutboxMessage(db, id);
  if (message === undefined) throw new Error(`no outbox row ${id}`);
  return message;
}
