/**
 * Account audiences: a condition over accounts, evaluated by the engine. Their members are kept
 * by `audience-members.repository.ts`.
 */
import type { Condition } from '@caravan/core/conditions/condition';
import { err, ok, type Result } from '@caravan/core/result';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { AudienceRow } from './audience.table.ts';
import {
  fromJson,
  fromNullableTimestamp,
  fromTimestamp,
  toJson,
  toTimestamp,
} from './column-types.ts';
import type { Db } from './database.ts';
import { likePattern } from './journey.query.ts';
import {
  isNameTaken,
  nameTaken,
  notFound,
  type NameTaken,
  type NotFound,
} from './unique-name.query.ts';

export type AudienceStatus = 'draft' | 'live';

export interface Audience {
  id: string;
  name: string;
  description: string;
  condition: Condition;
  status: AudienceStatus;
  memberCount: number;
  /** When the members were last computed in full; null = never. */
  evaluatedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export const audienceEnteredType = 'audienceEntered';
export const audienceExitedType = 'audienceExited';

function toAudience(row: AudienceRow): Audience {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    // Trusted: conditions are parsed by the core schema before they are written.
    condition: fromJson(row.condition) as Condition,
    status: row.status as AudienceStatus,
    memberCount: Number(row.member_count),
    evaluatedAt: fromNullableTimestamp(row.evaluated_at),
    createdAt: fromTimestamp(row.created_at),
    updatedAt: fromTimestamp(row.updated_at),
  };
}

export async function insertAudience(
  db: Db,
  a: {
    id: string;
    name: string;
    description: string;
    condition: Condition;
    status: AudienceStatus;
    now: Date;
  },
): Promise<Result<Audience, NameTaken>> {
  const at = toTimestamp(a.now);
  // DO NOTHING rather than catching: a failed statement would abort the caller's PG transaction.
  const inserted = await db
    .insertInto('audiences')
    .values({
      id: a.id,
      name: a.name,
      description: a.description,
      condition: toJson(a.condition),
      status: a.status,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
    if (await isNameTaken(db, 'audiences', a.name)) return err(nameTaken('An audience', a.name));
    throw new Error(`An audience with id ${a.id} already exists.`);
  }
  return ok(await getAudience(db, a.id));
}

export async function findAudience(db: Db, id: string): Promise<Audience | undefined> {
  const row = await db.selectFrom('audiences').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toAudience(row);
}

async function getAudience(db: Db, id: string): Promise<Audience> {
  const audience = await findAudience(db, id);
  if (audience === undefined) throw new Error(`Audience ${id} vanished while being written.`);
  return audience;
}

export interface AudiencePatch {
  name?: string;
  description?: string;
  condition?: Condition;
  status?: AudienceStatus;
}

export async function updateAudience(
  db: Db,
  id: string,
  patch: AudiencePatch,
  now: Date,
): Promise<Result<Audience, NotFound | NameTaken>> {
  if (patch.name !== undefined && (await isNameTaken(db, 'audiences', patch.name, id))) {
    return err(nameTaken('An audience', patch.name));
  }
  const result = await db
    .updateTable('audiences')
    .set({
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.description !== undefined && { description: patch.description }),
      ...(patch.condition !== undefined && { condition: toJson(patch.condition) }),
      ...(patch.status !== undefined && { status: patch.status }),
      updated_at: toTimestamp(now),
    })
    .where('id', '=', id)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return err(notFound('Audience', id));
  return ok(await getAudience(db, id));
}

/** Deletes the audience and its members; false when there was none. */
export async function deleteAudience(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('audiences').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** One page of audiences by name, with the total matching a case-insensitive name search. */
export async function listAudiences(
  db: Db,
  q: { search?: string; limit: number; offset: number },
): Promise<{ items: Audience[]; total: number }> {
  const filters: Expression<SqlBool>[] = [];
  if (q.search !== undefined && q.search !== '') {
    filters.push(sql<SqlBool>`lower(name) like lower(${likePattern(q.search)}) escape '\\'`);
  }
  const rows = await db
    .selectFrom('audiences')
    .selectAll()
    .where((eb) => eb.and(filters))
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const { total } = await db
    .selectFrom('audiences')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where((eb) => eb.and(filters))
    .executeTakeFirstOrThrow();
  return { items: rows.map(toAudience), total: Number(total) };
}
