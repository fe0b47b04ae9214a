/**
 * The outbox: messages and calls the engine decided on, written in the transaction of the move.
 * A row is unique by its idempotency key, so a step that is repeated writes nothing twice.
 * The dispatcher (`@caravan/engine/outbox/dispatcher`) claims, settles and retries rows here.
 */
import type { OutboxChannel, OutboxPayload, OutboxStatus } from '@caravan/core/engine/outbox';
import { assertNever } from '@caravan/core/result';
import { sql } from 'kysely';
import {
  fromJson,
  fromNullableTimestamp,
  fromTimestamp,
  toJson,
  toTimestamp,
} from './column-types.ts';
import type { Db } from './database.ts';
import { isPostgresDb } from './dialects/postgres/is-postgres.ts';
import { supportsRowLocks } from './dialects/postgres/row-lock.ts';
import { executeUnnestInsert, type UnnestColumn } from './dialects/postgres/unnest-insert.ts';
import type { OutboxRow } from './engine.table.ts';

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

const unnestColumns: readonly UnnestColumn[] = [
  ['idempotency_key', 'text'],
  ['channel', 'text'],
  ['journey_id', 'text'],
  ['enrollment_id', 'bigint'],
  ['node_id', 'text'],
  ['account_id', 'text'],
  ['person_id', 'text'],
  ['recipient', 'text'],
  ['payload', 'jsonb'],
  ['status', 'text'],
  ['next_attempt_at', 'timestamptz'],
  ['created_at', 'timestamptz'],
];

/** PostgreSQL: the whole batch in one statement of constant text (`unnest-insert.ts`). */
function enqueueByUnnest(db: Db, messages: readonly NewOutboxMessage[]): Promise<number> {
  const rows = messages.map((m) => [
    m.idempotencyKey,
    m.channel,
    m.journeyId,
    m.enrollmentId,
    m.nodeId,
    m.accountId,
    m.personId,
    m.recipient,
    toJson(m.payload),
    'pending',
    m.now.toISOString(),
    m.now.toISOString(),
  ]);
  return executeUnnestInsert(
    db,
    'outbox',
    unnestColumns,
    rows,
    sql`on conflict (idempotency_key) do nothing`,
  );
}

/** Queues the messages (due at once); a key already queued is skipped. Answers how many were new. */
export async function enqueueOutbox(
  db: Db,
  messages: readonly NewOutboxMessage[],
): Promise<number> {
  if (isPostgresDb(db)) return enqueueByUnnest(db, messages);
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

/** An outbox row as the dispatcher and the API see it. */
export interface OutboxMessage {
  id: number;
  idempotencyKey: string;
  channel: OutboxChannel;
  journeyId: string | null;
  enrollmentId: number | null;
  nodeId: string | null;
  accountId: string | null;
  personId: string | null;
  recipient: string | null;
  payload: OutboxPayload;
  status: OutboxStatus;
  /** Sends tried so far (a claim counts as one, so a send lost in a crash counts too). */
  attempts: number;
  nextAttemptAt: string | null;
  leaseUntil: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export function toOutboxMessage(row: OutboxRow): OutboxMessage {
  return {
    id: Number(row.id),
    idempotencyKey: row.idempotency_key,
    channel: row.channel as OutboxChannel,
    journeyId: row.journey_id,
    enrollmentId: row.enrollment_id === null ? null : Number(row.enrollment_id),
    nodeId: row.node_id,
    accountId: row.account_id,
    personId: row.person_id,
    recipient: row.recipient,
    payload: fromJson(row.payload) as OutboxPayload,
    status: row.status as OutboxStatus,
    attempts: Number(row.attempts),
    nextAttemptAt: fromNullableTimestamp(row.next_attempt_at),
    leaseUntil: fromNullableTimestamp(row.lease_until),
    lastError: row.last_error,
    createdAt: fromTimestamp(row.created_at),
    sentAt: fromNullableTimestamp(row.sent_at),
  };
}

/**
 * Claims up to `limit` rows that are due — pending with `next_attempt_at <= now`, or `sending`
 * with an expired lease (a crashed process) — and marks them `sending` until `leaseUntil`, one
 * attempt more. One statement; on PostgreSQL `FOR UPDATE SKIP LOCKED` lets concurrent
 * dispatchers claim disjoint rows. `next_attempt_at` stays set while sending, so that the due
 * index finds an expired lease too.
 */
export async function claimDueOutbox(
  db: Db,
  now: Date,
  leaseUntil: Date,
  limit: number,
  /** The time leases are measured on, when it is not `now` (the real clock under a test clock). */
  leaseNow: Date = now,
  /** Only these channels (a dispatcher lane of its own); every channel when absent. */
  channels?: readonly OutboxChannel[],
): Promise<OutboxMessage[]> {
  const at = toTimestamp(now);
  const leaseAt = toTimestamp(leaseNow);
  let due = db
    .selectFrom('outbox')
    .select('id')
    .where('next_attempt_at', '<=', at)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'pending'),
        eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', leaseAt)]),
      ]),
    )
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit);
  if (channels !== undefined) due = due.where('channel', 'in', [...channels]);
  const locking = supportsRowLocks(db);
  // PostgreSQL: `id = any(array(…))` makes the claim an InitPlan run once. With `id in (…)` a
  // plan cached while the outbox was small can join a sequential scan of the outbox to the
  // locking subquery rescanned per row: one claim took minutes over 200,000 pending rows.
  const ids = locking
    ? sql<boolean>`${sql.ref('id')} = any(array(${due.forUpdate().skipLocked()}))`
    : undefined;
  const rows = await db
    .updateTable('outbox')
    .set((eb) => ({
      status: 'sending',
      lease_until: toTimestamp(leaseUntil),
      attempts: eb('attempts', '+', 1),
    }))
    .where((eb) => ids ?? eb('id', 'in', due))
    .returningAll()
    .execute();
  return rows.map(toOutboxMessage).sort((a, b) => a.id - b.id);
}

/** How a claimed row ends its attempt. */
export type OutboxSettlement =
  | { status: 'sent'; sentAt: Date; recipient?: string }
  | { status: 'pending'; nextAttemptAt: Date; error: string }
  | { status: 'dead'; error: string }
  | { status: 'suppressed'; reason: string };

/**
 * Settles a row this process holds (`sending`); answers false when it is no longer `sending`
 * (another dispatcher took it over after the lease ran out and settled it first).
 */
export async function settleOutbox(
  db: Db,
  id: number,
  settlement: OutboxSettlement,
): Promise<boolean> {
  const columns = (() => {
    switch (settlement.status) {
      case 'sent':
        return {
          status: 'sent',
          sent_at: toTimestamp(settlement.sentAt),
          next_attempt_at: null,
          last_error: null,
          // The address it really went to (the person's, read at send time).
          ...(settlement.recipient === undefined ? {} : { recipient: settlement.recipient }),
        };
      case 'pending':
        return {
          status: 'pending',
          next_attempt_at: toTimestamp(settlement.nextAttemptAt),
          last_error: settlement.error,
        };
      case 'dead':
        return { status: 'dead', next_attempt_at: null, last_error: settlement.error };
      case 'suppressed':
        return { status: 'suppressed', next_attempt_at: null, last_error: settlement.reason };
      default:
        return assertNever(settlement);
    }
  })();
  const result = await db
    .updateTable('outbox')
    .set({ ...columns, lease_until: null })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Gives back rows this process claimed but never sent (it failed before sending, e.g. the
 * database went away mid-check): `pending` again at their due time, without the attempt the
 * claim counted. Answers how many were still `sending`.
 */
export async function releaseClaimedOutbox(db: Db, ids: readonly number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('outbox')
    .set((eb) => ({ status: 'pending', lease_until: null, attempts: eb('attempts', '-', 1) }))
    .where('id', 'in', ids)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Every `sending` row back to `pending` (the single SQLite process on start). Answers how many. */
export async function releaseSendingOutbox(db: Db, now: Date): Promise<number> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'pending', lease_until: null, next_attempt_at: toTimestamp(now) })
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Messages sent to the person on the channel at or after `since` (communication limits). */
export async function countSentOutbox(
  db: Db,
  personId: string,
  channel: OutboxChannel,
  since: Date,
): Promise<number> {
  const { count } = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('person_id', '=', personId)
    .where('channel', '=', channel)
    .where('status', '=', 'sent')
    .where('sent_at', '>=', toTimestamp(since))
    .executeTakeFirstOrThrow();
  return Number(count);
}

/**
 * Whether this email node of the journey was already sent to `recipient` for another enrollment
 * that is still active (email deduplication).
 */
export async function hasActiveDuplicateEmail(
  db: Db,
  q: { journeyId: string; nodeId: string; recipient: string; enrollmentId: number },
): Promise<boolean> {
  const hit = await db
    .selectFrom('outbox')
    .innerJoin('enrollments', 'enrollments.id', 'outbox.enrollment_id')
    .select('outbox.id')
    .where('outbox.journey_id', '=', q.journeyId)
    .where('outbox.node_id', '=', q.nodeId)
    .where('outbox.channel', '=', 'email')
    .where('outbox.status', '=', 'sent')
    .where(sql`lower(outbox.recipient)`, '=', q.recipient.toLowerCase())
    .where('outbox.enrollment_id', '!=', q.enrollmentId)
    .where('enrollments.status', '=', 'active')
    .limit(1)
    .executeTakeFirst();
  return hit !== undefined;
}

export async function findOutboxMessage(db: Db, id: number): Promise<OutboxMessage | undefined> {
  const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toOutboxMessage(row);
}

/** Newest first; `beforeId` continues after the last row of the previous page. */
export async function listOutbox(
  db: Db,
  q: { status?: OutboxStatus; beforeId?: number; limit: number },
): Promise<{ items: OutboxMessage[]; total: number }> {
  let query = db.selectFrom('outbox').selectAll();
  let counted = db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('total'));
  if (q.status !== undefined) {
    query = query.where('status', '=', q.status);
    counted = counted.where('status', '=', q.status);
  }
  if (q.beforeId !== undefined) query = query.where('id', '<', q.beforeId);
  const rows = await query.orderBy('id', 'desc').limit(q.limit).execute();
  const { total } = await counted.executeTakeFirstOrThrow();
  return { items: rows.map(toOutboxMessage), total: Number(total) };
}

/** A dead letter goes back to `pending`, due now, with a fresh count of attempts. */
export async function retryDeadOutbox(
  db: Db,
  id: number,
  now: Date,
): Promise<'retried' | 'notDead' | 'notFound'> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: toTimestamp(now), lease_until: null })
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) return 'retried';
  return (await findOutboxMessage(db, id)) === undefined ? 'notFound' : 'notDead';
}
