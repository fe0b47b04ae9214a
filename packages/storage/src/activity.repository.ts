/**
 * Activities: ingested events, attribute changes, list and audience entries and exits. Written in
 * batches, deduplicated by the source's message id; read newest first by account or person.
 */
import type { EventPropertyValue } from '@caravan/core/conditions/account-facts';
import { sql } from 'kysely';
import { fromJson, fromTimestamp, toJson, toTimestamp } from './column-types.ts';
import type { ActivityRow } from './activity.table.ts';
import type { Db } from './database.ts';
import { isPostgresDb } from './dialects/postgres/is-postgres.ts';
import { unnestInsert, type UnnestColumn } from './dialects/postgres/unnest-insert.ts';
import { noteActivityAccounts } from './activity-witness.ts';
import { wakeListeningEnrollments } from './listener-wake.repository.ts';

export type ActivityProperties = Record<string, EventPropertyValue>;

export interface NewActivity {
  id: string;
  type: string;
  accountId: string;
  personId: string | null;
  occurredAt: Date;
  receivedAt: Date;
  /** The sender's id of the event; a second activity with the same id is dropped. */
  messageId: string | null;
  properties: ActivityProperties;
}

export interface Activity {
  id: string;
  type: string;
  accountId: string;
  personId: string | null;
  /** ISO-8601 UTC with ms. */
  occurredAt: string;
  receivedAt: string;
  messageId: string | null;
  properties: ActivityProperties;
}

/**
 * SQLite rows per INSERT: 8 parameters each, 4,000 rows bind 32,000 — under SQLite's limit of
 * 32,766 — so that a 1,000-event request is one statement and the per-statement cost is paid
 * rarely. PostgreSQL binds one array per column instead (`unnest-insert.ts`), whatever the rows.
 */
const sqliteRowsPerInsert = 4000;

const unnestColumns: readonly UnnestColumn[] = [
  ['id', 'text'],
  ['type', 'text'],
  ['account_id', 'text'],
  ['person_id', 'text'],
  ['occurred_at', 'timestamptz'],
  ['received_at', 'timestamptz'],
  ['message_id', 'text'],
  ['properties', 'jsonb'],
];

const rowOf = (a: NewActivity) => ({
  id: a.id,
  type: a.type,
  account_id: a.accountId,
  person_id: a.personId,
  occurred_at: toTimestamp(a.occurredAt),
  received_at: toTimestamp(a.receivedAt),
  message_id: a.messageId,
  properties: toJson(a.properties),
});

/** Inserts the rows that are new; answers the ids of those inserted. */
async function insertActivities(db: Db, activities: readonly NewActivity[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  // No conflict target: a repeated message id and a repeated id are both "already stored".
  if (isPostgresDb(db)) {
    const rows = activities.map((a): Record<string, unknown> => rowOf(a));
    const values = unnestColumns.map(([name]) => rows.map((row) => row[name] ?? null));
    const result = await unnestInsert(
      'activities',
      unnestColumns,
      values,
      sql`on conflict do nothing returning id`,
    ).execute(db);
    for (const row of result.rows as Array<{ id: string }>) inserted.add(row.id);
    return inserted;
  }
  for (let start = 0; start < activities.length; start += sqliteRowsPerInsert) {
    const rows = await db
      .insertInto('activities')
      .values(activities.slice(start, start + sqliteRowsPerInsert).map(rowOf))
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .execute();
    for (const row of rows) inserted.add(row.id);
  }
  return inserted;
}

function toActivity(row: ActivityRow): Activity {
  return {
    id: row.id,
    type: row.type,
    accountId: row.account_id,
    personId: row.person_id,
    occurredAt: fromTimestamp(row.occurred_at),
    receivedAt: fromTimestamp(row.received_at),
    messageId: row.message_id,
    properties: fromJson(row.properties) as ActivityProperties,
  };
}

/**
 * Stores the activities with multi-row INSERTs (one statement for a whole request); those whose
 * message id (or id) is already stored — or repeated earlier in the same call — are skipped.
 * Answers how many were new.
 */
export async function recordActivities(
  db: Db,
  activities: readonly NewActivity[],
): Promise<number> {
  return (await recordNewActivities(db, activities)).size;
}

/**
 * `recordActivities`, answering the ids of the activities stored: an activity left out had its
 * message id stored already (the insert's own unique-index check says so, with no lookup first).
 */
export async function recordNewActivities(
  db: Db,
  activities: readonly NewActivity[],
): Promise<Set<string>> {
  if (activities.length === 0) return new Set();
  const inserted = await insertActivities(db, activities);
  if (inserted.size > 0) {
    const now = activities.reduce(
      (latest, a) => (a.receivedAt > latest ? a.receivedAt : latest),
      new Date(0),
    );
    const accountIds = activities.map((a) => a.accountId);
    // Inside an engine batch the worker wakes them after writing its enrollments back.
    if (!noteActivityAccounts(accountIds)) await wakeListeningEnrollments(db, accountIds, now);
  }
  return inserted;
}

export interface ActivityQuery {
  accountId?: string;
  personId?: string;
  /** Only these types; empty or absent = every type. */
  types?: readonly string[];
  /** Occurred at or after. */
  since?: Date;
  /** Occurred at or before. */
  until?: Date;
  limit: number;
}

/** Newest first (ties by id, descending). */
export async function listActivities(db: Db, q: ActivityQuery): Promise<Activity[]> {
  let query = db.selectFrom('activities').selectAll();
  if (q.accountId !== undefined) query = query.where('account_id', '=', q.accountId);
  if (q.personId !== undefined) query = query.where('person_id', '=', q.personId);
  if (q.types !== undefined && q.types.length > 0) query = query.where('type', 'in', [...q.types]);
  if (q.since !== undefined) query = query.where('occurred_at', '>=', toTimestamp(q.since));
  if (q.until !== undefined) query = query.where('occurred_at', '<=', toTimestamp(q.until));
  const rows = await query
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit)
    .execute();
  return rows.map(toActivity);
}

/**
 * `listActivitiesReceivedSince` for many accounts in one query (the worker's listeners of a
 * batch): per account, its activities of these types received at or after `since`, oldest first,
 * at most `limit` per account and type (a window function keeps each account's first ones).
 */
export async function listActivitiesReceivedSinceByAccount(
  db: Db,
  accountIds: readonly string[],
  types: readonly string[],
  since: Date,
  limit: number,
): Promise<Map<string, Activity[]>> {
  const byAccount = new Map<string, Activity[]>();
  const unique = [...new Set(accountIds)];
  if (types.length === 0) return byAccount;
  for (let start = 0; start < unique.length; start += 500) {
    const ranked = db
      .selectFrom('activities')
      .selectAll()
      .select(
        sql<number>`row_number() over (partition by account_id, type order by received_at, id)`.as(
          'rank',
        ),
      )
      .where('account_id', 'in', unique.slice(start, start + 500))
      .where('type', 'in', [...types])
      .where('received_at', '>=', toTimestamp(since));
    const rows = await db
      .selectFrom(ranked.as('r'))
      .selectAll()
      .where('rank', '<=', limit)
      .orderBy('account_id')
      .orderBy('received_at')
      .orderBy('id')
      .execute();
    for (const { rank: _rank, ...row } of rows) {
      const list = byAccount.get(row.account_id) ?? [];
      list.push(toActivity(row));
      byAccount.set(row.account_id, list);
    }
  }
  return byAccount;
}

/**
 * Activities of one type for an account received at or after `since`, oldest first: what a
 * listener that has been waiting since then may match.
 */
export async function listActivitiesReceivedSince(
  db: Db,
  accountId: string,
  type: string,
  since: Date,
  limit: number,
): Promise<Activity[]> {
  const rows = await db
    .selectFrom('activities')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('type', '=', type)
    .where('received_at', '>=', since.toISOString())
    .orderBy('received_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toActivity);
}
