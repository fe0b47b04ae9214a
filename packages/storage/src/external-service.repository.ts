/**
 * External services (SPEC §2 externalAction / externalSplit): where an external node's call goes,
 * the secret its requests are signed with and how long to wait for the callback. Names are unique
 * ignoring case (a unique index on `lower(name)`).
 */
import { err, ok, type Result } from '@caravan/core/result';
import { sql, type Expression, type SqlBool } from 'kysely';
import { fromTimestamp, toTimestamp } from './column-types.ts';
import type { Db } from './database.ts';
import type { ExternalServiceRow } from './engine.table.ts';
import { likePattern } from './journey.query.ts';
import { nameTaken, notFound, type NameTaken, type NotFound } from './unique-name.query.ts';

export interface ExternalService {
  id: string;
  name: string;
  /** An http(s) URL the dispatcher POSTs the call to. */
  url: string;
  /** Signs the requests sent to the service (HMAC), so that it can check they come from us. */
  secret: string;
  /** How long a call may stay unanswered before the enrollment takes `timeoutOrError`. */
  timeoutSeconds: number;
  createdAt: string;
  updatedAt: string;
}

export type ExternalServiceFields = Pick<
  ExternalService,
  'name' | 'url' | 'secret' | 'timeoutSeconds'
>;

function toExternalService(row: ExternalServiceRow): ExternalService {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    secret: row.secret,
    timeoutSeconds: Number(row.timeout_seconds),
    createdAt: fromTimestamp(row.created_at),
    updatedAt: fromTimestamp(row.updated_at),
  };
}

/** Whether a service other than `exceptId` has this name, ignoring case. */
async function isServiceNameTaken(db: Db, name: string, exceptId?: string): Promise<boolean> {
  let query = db
    .selectFrom('external_services')
    .select('id')
    .where(sql<SqlBool>`lower(name) = lower(${name})`);
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

const what = 'An external service';

export async function insertExternalService(
  db: Db,
  service: ExternalServiceFields & { id: string; now: Date },
): Promise<Result<ExternalService, NameTaken>> {
  const at = toTimestamp(service.now);
  // DO NOTHING rather than catching: a failed statement would abort the caller's PostgreSQL
  // transaction. The only unique constraints are the id and lower(name).
  const result = await db
    .insertInto('external_services')
    .values({
      id: service.id,
      name: service.name,
      url: service.url,
      secret: service.secret,
      timeout_seconds: service.timeoutSeconds,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) {
    if (await isServiceNameTaken(db, service.name)) return err(nameTaken(what, service.name));
    throw new Error(`${what} with id ${service.id} already exists.`);
  }
  const stored = await findExternalService(db, service.id);
  if (!stored) throw new Error(`${what} ${service.id} vanished after insert.`);
  return ok(stored);
}

/** The service an external node names (the dispatcher and the worker read it too). */
export async function findExternalService(
  db: Db,
  id: string,
): Promise<ExternalService | undefined> {
  const row = await db
    .selectFrom('external_services')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : toExternalService(row);
}

function serviceColumns(patch: Partial<ExternalServiceFields>) {
  return {
    ...(patch.name !== undefined && { name: patch.name }),
    ...(patch.url !== undefined && { url: patch.url }),
    ...(patch.secret !== undefined && { secret: patch.secret }),
    ...(patch.timeoutSeconds !== undefined && { timeout_seconds: patch.timeoutSeconds }),
  };
}

export async function updateExternalService(
  db: Db,
  id: string,
  patch: Partial<ExternalServiceFields>,
  now: Date,
): Promise<Result<ExternalService, NotFound | NameTaken>> {
  if (patch.name !== undefined && (await isServiceNameTaken(db, patch.name, id))) {
    return err(nameTaken(what, patch.name));
  }
  const result = await db
    .updateTable('external_services')
    .set({ ...serviceColumns(patch), updated_at: toTimestamp(now) })
    .where('id', '=', id)
    .executeTakeFirst();
  const updated = result.numUpdatedRows > 0n ? await findExternalService(db, id) : undefined;
  return updated === undefined ? err(notFound('External service', id)) : ok(updated);
}

export async function deleteExternalService(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('external_services').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** One page of services by name, with the total matching a case-insensitive name search. */
export async function listExternalServices(
  db: Db,
  q: { search?: string; limit: number; offset: number },
): Promise<{ items: ExternalService[]; total: number }> {
  const filters: Expression<SqlBool>[] = [];
  if (q.search !== undefined && q.search !== '') {
    filters.push(sql<SqlBool>`lower(name) like lower(${likePattern(q.search)}) escape '\\'`);
  }
  const rows = await db
    .selectFrom('external_services')
    .selectAll()
    .where((eb) => eb.and(filters))
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const { total } = await db
    .selectFrom('external_services')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where((eb) => eb.and(filters))
    .executeTakeFirstOrThrow();
  return { items: rows.map(toExternalService), total: Number(total) };
}
