/**
 * What Segment-spec ingestion keeps besides activities: other ids of a person (anonymous ids,
 * aliases), calls pending until their person is known, the message ids of identify / group /
 * alias calls, and when each trait was last set. Each function works set-based on a batch.
 */
import { sql } from 'kysely';
import { fromJson, fromTimestamp, toJson, toTimestamp } from './column-types.ts';
import type { Db } from './database.ts';
import { isPostgresDb } from './dialects/postgres/is-postgres.ts';

/** Rows per statement: a few parameters each, far below both dialects' limits. */
const chunk = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += chunk) out.push(items.slice(i, i + chunk));
  return out;
}

/** The person each identity (`anon:…`, `user:…`) names, for those known. */
export async function findIdentityPeople(
  db: Db,
  identities: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const part of chunks([...new Set(identities)])) {
    const rows = await db
      .selectFrom('ingestion_identities')
      .select(['identity', 'person_id'])
      .where('identity', 'in', part)
      .execute();
    for (const row of rows) found.set(row.identity, row.person_id);
  }
  return found;
}

/** Records that `identity` names the person; a known identity keeps its first person. */
export async function linkIdentity(
  db: Db,
  identity: string,
  personId: string,
  now: Date,
): Promise<void> {
  await db
    .insertInto('ingestion_identities')
    .values({ identity, person_id: personId, created_at: toTimestamp(now) })
    .onConflict((oc) => oc.column('identity').doNothing())
    .execute();
}

/** Message ids a SQLite statement reads at once. */
const sqliteSeenChunk = 4000;

/**
 * Which of these message ids are already stored, as an applied call, a pending call or (unless
 * `activities` is false) an activity: one statement for the whole set. PostgreSQL binds the ids
 * as one array (joined through `unnest`; the text is the same whatever the count, so it is
 * planned once per connection); SQLite reads them from a JSON parameter (`json_each`), up to
 * `sqliteSeenChunk` a statement, each id an index lookup. Callers that insert activities with
 * ON CONFLICT DO NOTHING leave activities out and learn their duplicates from the insert, which
 * checks the unique index anyway.
 */
export async function findSeenMessageIds(
  db: Db,
  messageIds: readonly string[],
  options: { activities?: boolean } = {},
): Promise<Set<string>> {
  const seen = new Set<string>();
  const unique = [...new Set(messageIds)];
  if (unique.length === 0) return seen;
  const tables = ['ingested_messages', 'ingestion_pending'];
  if (options.activities !== false) tables.push('activities');
  if (isPostgresDb(db)) {
    // Joined to the ids, not `message_id = any(…)`: on a small table PostgreSQL scans it and
    // compares every row with every id of a parameter array (a thousand ids against a thousand
    // rows is a million string comparisons); a join hashes or probes the index instead.
    const ids = sql`unnest(${unique}::text[]) as u(v)`;
    const { rows } = await sql<{ message_id: string }>`${sql.join(
      tables.map(
        (t) => sql`select s.message_id from ${ids} join ${sql.table(t)} s on s.message_id = u.v`,
      ),
      sql` union all `,
    )}`.execute(db);
    for (const row of rows) seen.add(row.message_id);
    return seen;
  }
  for (let start = 0; start < unique.length; start += sqliteSeenChunk) {
    const ids = JSON.stringify(unique.slice(start, start + sqliteSeenChunk));
    // Driven by the ids (an index lookup each): `in (select … json_each)` sorts the ids first.
    const { rows } = await sql<{ message_id: string }>`${sql.join(
      tables.map(
        (t) =>
          sql`select j.value as message_id from json_each(${ids}) j join ${sql.table(t)} s on s.message_id = j.value`,
      ),
      sql` union all `,
    )}`.execute(db);
    for (const row of rows) seen.add(row.message_id);
  }
  return seen;
}

export async function recordMessageIds(
  db: Db,
  messages: ReadonlyArray<{ messageId: string; type: string }>,
  now: Date,
): Promise<void> {
  for (const part of chunks(messages)) {
    await db
      .insertInto('ingested_messages')
      .values(
        part.map((m) => ({ message_id: m.messageId, type: m.type, received_at: toTimestamp(now) })),
      )
      .onConflict((oc) => oc.column('message_id').doNothing())
      .execute();
  }
}

export interface PendingCall {
  id: string;
  identity: string;
  messageId: string | null;
  type: string;
  payload: Record<string, unknown>;
  receivedAt: string;
}

export async function insertPendingCalls(db: Db, calls: readonly PendingCall[]): Promise<number> {
  let inserted = 0;
  for (const part of chunks(calls)) {
    const result = await db
      .insertInto('ingestion_pending')
      .values(
        part.map((c) => ({
          id: c.id,
          identity: c.identity,
          message_id: c.messageId,
          type: c.type,
          payload: toJson(c.payload),
          received_at: c.receivedAt,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

/** The pending calls of these identities, oldest first. */
export async function listPendingCalls(
  db: Db,
  identities: readonly string[],
): Promise<PendingCall[]> {
  const out: PendingCall[] = [];
  for (const part of chunks([...new Set(identities)])) {
    const rows = await db
      .selectFrom('ingestion_pending')
      .selectAll()
      .where('identity', 'in', part)
      .orderBy('received_at')
      .orderBy('id')
      .execute();
    for (const row of rows) {
      out.push({
        id: row.id,
        identity: row.identity,
        messageId: row.message_id,
        type: row.type,
        payload: fromJson(row.payload) as Record<string, unknown>,
        receivedAt: fromTimestamp(row.received_at),
      });
    }
  }
  return out;
}

export async function deletePendingCalls(db: Db, ids: readonly string[]): Promise<void> {
  for (const part of chunks(ids)) {
    await db.deleteFrom('ingestion_pending').where('id', 'in', part).execute();
  }
}

export async function countPendingCalls(db: Db): Promise<number> {
  const row = await db
    .selectFrom('ingestion_pending')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export type TraitTimes = Record<string, string>;

export async function findTraitTimes(
  db: Db,
  entity: 'person' | 'account',
  entityId: string,
): Promise<TraitTimes> {
  const row = await db
    .selectFrom('trait_times')
    .select('times')
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .executeTakeFirst();
  return row ? (fromJson(row.times) as TraitTimes) : {};
}

export async function saveTraitTimes(
  db: Db,
  entity: 'person' | 'account',
  entityId: string,
  times: TraitTimes,
): Promise<void> {
  await db
    .insertInto('trait_times')
    .values({ entity, entity_id: entityId, times: toJson(times) })
    .onConflict((oc) => oc.columns(['entity', 'entity_id']).doUpdateSet({ times: toJson(times) }))
    .execute();
}

/** Ids of the `table`'s rows by external id, for those stored. */
async function idsByExternalIds(
  db: Db,
  table: 'people' | 'accounts',
  externalIds: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const part of chunks([...new Set(externalIds)])) {
    const rows = await db
      .selectFrom(table)
      .select(['id', 'external_id'])
      .where('external_id', 'in', part)
      .execute();
    for (const row of rows) if (row.external_id !== null) found.set(row.external_id, row.id);
  }
  return found;
}

/** Person ids by external id, for those stored. */
export const findPersonIdsByExternalIds = (db: Db, externalIds: readonly string[]) =>
  idsByExternalIds(db, 'people', externalIds);

/** Account ids by external id, for those stored. */
export const findAccountIdsByExternalIds = (db: Db, externalIds: readonly string[]) =>
  idsByExternalIds(db, 'accounts', externalIds);

/** Each person's first account by name (the account an event of the person belongs to). */
export async function findFirstAccountsOfPeople(
  db: Db,
  personIds: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const part of chunks([...new Set(personIds)])) {
    // Ordered as `listPersonAccounts` orders a person's accounts: the first row of each wins.
    const rows = await db
      .selectFrom('account_memberships as m')
      .innerJoin('accounts as a', 'a.id', 'm.account_id')
      .select(['m.person_id', 'a.id'])
      .where('m.person_id', 'in', part)
      .orderBy(sql`lower(a.name)`)
      .orderBy('a.id')
      .execute();
    for (const row of rows) if (!found.has(row.person_id)) found.set(row.person_id, row.id);
  }
  return found;
}

/** Which of these ids name a stored row of `table`. */
async function existingIds(
  db: Db,
  table: 'people' | 'accounts',
  ids: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await db.selectFrom(table).select('id').where('id', 'in', part).execute();
    for (const row of rows) found.add(row.id);
  }
  return found;
}

/** The person ids among these, for those stored. */
export const findExistingPersonIds = (db: Db, ids: readonly string[]) =>
  existingIds(db, 'people', ids);

/** The account ids among these, for those stored. */
export const findExistingAccountIds = (db: Db, ids: readonly string[]) =>
  existingIds(db, 'accounts', ids);

/** Person ids by email (keys lower-cased: emails match ignoring case), for those stored. */
export async function findPersonIdsByEmails(
  db: Db,
  emails: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const part of chunks([...new Set(emails.map((e) => e.toLowerCase()))])) {
    const rows = await db
      .selectFrom('people')
      .select(['id', 'email'])
      .where(sql`lower(email)`, 'in', part)
      .execute();
    for (const row of rows) if (row.email !== null) found.set(row.email.toLowerCase(), row.id);
  }
  return found;
}

/**
 * Account ids by domain (keys lower-cased: domains match ignoring case); when accounts share a
 * domain, the first by name.
 */
export async function findAccountIdsByDomains(
  db: Db,
  domains: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const part of chunks([...new Set(domains.map((d) => d.toLowerCase()))])) {
    const rows = await db
      .selectFrom('accounts')
      .select(['id', 'domain'])
      .where(sql`lower(domain)`, 'in', part)
      .orderBy(sql`lower(name)`)
      .orderBy('id')
      .execute();
    for (const row of rows) {
      const domain = row.domain?.toLowerCase();
      if (domain !== undefined && !found.has(domain)) found.set(domain, row.id);
    }
  }
  return found;
}
