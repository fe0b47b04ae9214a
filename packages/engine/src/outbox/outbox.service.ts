/**
 * The outbox as the API shows it: every message with its state (dead letters above all), and a
 * retry of a dead letter, which goes back to `pending`, due now, with a fresh count of attempts.
 */
import type { Db } from '@caravan/storage/database';
import { liftUndeliverable } from '@caravan/storage/email-undeliverable.repository';
import type { OutboxStatus } from '@caravan/core/engine/outbox';
import { err, ok, type Result } from '@caravan/core/result';
import type { Clock } from '@caravan/core/clock';
import type { Database } from '@caravan/storage/database';
import { notifyEngine } from '@caravan/storage/listener-wake.repository';
import {
  findOutboxMessage,
  listOutbox,
  retryDeadOutbox,
  type OutboxMessage,
} from '@caravan/storage/outbox.repository';
import {
  searchDeliveryLog,
  type DeliveryFilter,
  type DeliveryLogEntry,
} from '@caravan/storage/outbox-log.query';

export interface OutboxDeps {
  database: Database;
  clock: Clock;
}

export type OutboxError =
  | { code: 'INVALID_CURSOR'; message: string }
  | { code: 'OUTBOX_MESSAGE_NOT_FOUND'; message: string }
  | { code: 'OUTBOX_MESSAGE_NOT_DEAD'; message: string };

/** The cursor is the id of the last message of the previous page (ids only go down). */
function decodeCursor(cursor: string | undefined): Result<number | undefined, OutboxError> {
  if (cursor === undefined || cursor === '') return ok(undefined);
  const id = /^\d{1,15}$/.test(cursor) ? Number(cursor) : NaN;
  return Number.isSafeInteger(id)
    ? ok(id)
    : err({ code: 'INVALID_CURSOR', message: 'The cursor is malformed.' });
}

export async function listOutboxMessages(
  deps: OutboxDeps,
  q: { status?: OutboxStatus; limit?: number; cursor?: string },
): Promise<
  Result<{ items: OutboxMessage[]; total: number; nextCursor: string | null }, OutboxError>
> {
  const beforeId = decodeCursor(q.cursor);
  if (!beforeId.ok) return beforeId;
  const limit = q.limit ?? 50;
  const page = await listOutbox(deps.database.db, {
    ...(q.status === undefined ? {} : { status: q.status }),
    ...(beforeId.value === undefined ? {} : { beforeId: beforeId.value }),
    limit,
  });
  const last = page.items.at(-1);
  const nextCursor = page.items.length === limit && last !== undefined ? String(last.id) : null;
  return ok({ ...page, nextCursor });
}

/**
 * Retrying a dead email is an admin deciding its address deserves another try: a mark that a
 * refusal at send time put on the address (`reports/report-hooks.ts`, source `smtp`) is lifted,
 * or the retry would only be suppressed. Marks from a provider's bounce or a complaint stay.
 */
async function liftSendTimeRefusal(db: Db, id: number): Promise<void> {
  const message = await findOutboxMessage(db, id);
  if (message?.status === 'dead' && message.channel === 'email' && message.recipient) {
    await liftUndeliverable(db, message.recipient, 'smtp');
  }
}

export async function retryOutboxMessage(
  deps: OutboxDeps,
  id: number,
): Promise<Result<OutboxMessage, OutboxError>> {
  const db = deps.database.db;
  // Before the retry, so that the dispatcher cannot claim it while the mark still stands.
  await liftSendTimeRefusal(db, id);
  const retried = await retryDeadOutbox(db, id, deps.clock.now());
  if (retried === 'notFound') {
    return err({
      code: 'OUTBOX_MESSAGE_NOT_FOUND',
      message: `No outbox message has the id ${id}.`,
    });
  }
  if (retried === 'notDead') {
    const status = (await findOutboxMessage(db, id))?.status ?? 'unknown';
    return err({
      code: 'OUTBOX_MESSAGE_NOT_DEAD',
      message: `Only a dead message can be retried; message ${id} is ${status}.`,
    });
  }
  await notifyEngine(db);
  const message = await findOutboxMessage(db, id);
  if (message === undefined) throw new Error(`Outbox message ${id} vanished while retried.`);
  return ok(message);
}

export interface DeliveryQuery extends DeliveryFilter {
  limit?: number;
  cursor?: string;
}

/** The delivery log: the outbox filtered for people, newest first, with the journey's name. */
export async function searchDeliveries(
  deps: OutboxDeps,
  q: DeliveryQuery,
): Promise<
  Result<{ items: DeliveryLogEntry[]; total: number; nextCursor: string | null }, OutboxError>
> {
  const beforeId = decodeCursor(q.cursor);
  if (!beforeId.ok) return beforeId;
  const { limit: requested, cursor: _cursor, ...filter } = q;
  const limit = requested ?? 50;
  const page = await searchDeliveryLog(deps.database.db, {
    ...filter,
    ...(beforeId.value === undefined ? {} : { beforeId: beforeId.value }),
    limit,
  });
  const last = page.items.at(-1);
  const nextCursor = page.items.length === limit && last !== undefined ? String(last.id) : null;
  return ok({ ...page, nextCursor });
}

/**
 * Retries many dead letters at once; a message that is not (or no longer) dead is skipped, not
 * an error, since another person may have retried it meanwhile.
 */
export async function retryDeadLetters(
  deps: OutboxDeps,
  ids: readonly number[],
): Promise<{ retried: number[]; skipped: number[] }> {
  const db = deps.database.db;
  const now = deps.clock.now();
  const retried: number[] = [];
  const skipped: number[] = [];
  for (const id of new Set(ids)) {
    await liftSendTimeRefusal(db, id);
    ((await retryDeadOutbox(db, id, now)) === 'retried' ? retried : skipped).push(id);
  }
  if (retried.length > 0) await notifyEngine(db);
  return { retried, skipped };
}
