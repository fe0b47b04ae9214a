/** SMS messages (core `Sms`): names unique ignoring case. Checks of the content live in core. */
import type { Sms } from '@caravan/core/content/sms';
import { err, ok, type Result } from '@caravan/core/result';
import { sql, type Expression, type SqlBool } from 'kysely';
import { toTimestamp } from './column-types.ts';
import type { Db } from './database.ts';
import { likePattern } from './journey.query.ts';
import {
  insertUnlessNameTaken,
  isNameTaken,
  nameTaken,
  notFound,
  type NameTaken,
  type NotFound,
} from './unique-name.query.ts';

export async function insertSms(db: Db, s: Sms & { now: Date }): Promise<Result<Sms, NameTaken>> {
  const at = toTimestamp(s.now);
  const inserted = await insertUnlessNameTaken(db, 'sms_messages', 'An SMS', s, () =>
    db
      .insertInto('sms_messages')
      .values({ id: s.id, name: s.name, message: s.message, created_at: at, updated_at: at })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst(),
  );
  if (!inserted.ok) return inserted;
  return ok({ id: s.id, name: s.name, message: s.message });
}

export async function findSms(db: Db, id: string): Promise<Sms | undefined> {
  return db
    .selectFrom('sms_messages')
    .select(['id', 'name', 'message'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateSms(
  db: Db,
  id: string,
  patch: Partial<Omit<Sms, 'id'>>,
  now: Date,
): Promise<Result<Sms, NotFound | NameTaken>> {
  if (patch.name !== undefined && (await isNameTaken(db, 'sms_messages', patch.name, id))) {
    return err(nameTaken('An SMS', patch.name));
  }
  const result = await db
    .updateTable('sms_messages')
    .set({
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.message !== undefined && { message: patch.message }),
      updated_at: toTimestamp(now),
    })
    .where('id', '=', id)
    .executeTakeFirst();
  const updated = result.numUpdatedRows > 0n ? await findSms(db, id) : undefined;
  return updated === undefined ? err(notFound('SMS', id)) : ok(updated);
}

export async function deleteSms(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('sms_messages').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** One page of SMS messages by name, with the total matching a case-insensitive name search. */
export async function listSms(
  db: Db,
  q: { search?: string; limit: number; offset: number },
): Promise<{ items: Sms[]; total: number }> {
  const filters: Expression<SqlBool>[] = [];
  if (q.search !== undefined && q.search !== '') {
    filters.push(sql<SqlBool>`lower(name) like lower(${likePattern(q.search)}) escape '\\'`);
  }
  const items = await db
    .selectFrom('sms_messages')
    .select(['id', 'name', 'message'])
    .where((eb) => eb.and(filters))
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const { total } = await db
    .selectFrom('sms_messages')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where((eb) => eb.and(filters))
    .executeTakeFirstOrThrow();
  return { items, total: Number(total) };
}
