/**
 * An account's or a person's activity history, newest first, by keyset pages (occurred at, id)
 * so that paging stays fast and stable while new activities arrive.
 */
import { fromJson, fromTimestamp, toTimestamp } from './column-types.ts';
import type { Db } from './database.ts';
import type { ActivityProperties } from './activity.repository.ts';

export interface ActivityEntry {
  id: string;
  type: string;
  occurredAt: string;
  receivedAt: string;
  account: { id: string; name: string };
  person: { id: string; name: string; email: string | null } | null;
  properties: ActivityProperties;
}

export interface ActivityPageQuery {
  accountId?: string;
  personId?: string;
  types: readonly string[];
  limit: number;
  /** Strictly older than this (occurredAt, id). */
  before?: { occurredAt: Date; id: string };
}

function personName(first: string | null, last: string | null, email: string | null): string {
  const name = [first, last].filter(Boolean).join(' ');
  return name || email || '';
}

/** One page, newest first (ties by id, descending). */
export async function pageActivities(db: Db, q: ActivityPageQuery): Promise<ActivityEntry[]> {
  let query = db
    .selectFrom('activities as a')
    .innerJoin('accounts as acc', 'acc.id', 'a.account_id')
    .leftJoin('people as p', 'p.id', 'a.person_id')
    .select([
      'a.id',
      'a.type',
      'a.occurred_at',
      'a.received_at',
      'a.properties',
      'a.account_id',
      'acc.name as account_name',
      'a.person_id',
      'p.first_name',
      'p.last_name',
      'p.email',
    ]);
  if (q.accountId !== undefined) query = query.where('a.account_id', '=', q.accountId);
  if (q.personId !== undefined) query = query.where('a.person_id', '=', q.personId);
  if (q.types.length > 0) query = query.where('a.type', 'in', [...q.types]);
  const before = q.before;
  if (before) {
    const at = toTimestamp(before.occurredAt);
    query = query.where((eb) =>
      eb.or([
        eb('a.occurred_at', '<', at),
        eb.and([eb('a.occurred_at', '=', at), eb('a.id', '<', before.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('a.occurred_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(q.limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    occurredAt: fromTimestamp(row.occurred_at),
    receivedAt: fromTimestamp(row.received_at),
    account: { id: row.account_id, name: row.account_name },
    person:
      row.person_id === null
        ? null
        : {
            id: row.person_id,
            name: personName(row.first_name, row.last_name, row.email),
            email: row.email,
          },
    properties: fromJson(row.properties) as ActivityProperties,
  }));
}

/** The activity types that occur in this history, for a filter. */
export async function activityTypesOf(
  db: Db,
  subject: { accountId?: string; personId?: string },
): Promise<string[]> {
  let query = db.selectFrom('activities').select('type').distinct();
  if (subject.accountId !== undefined) query = query.where('account_id', '=', subject.accountId);
  if (subject.personId !== undefined) query = query.where('person_id', '=', subject.personId);
  const rows = await query.orderBy('type').limit(200).execute();
  return rows.map((r) => r.type);
}
