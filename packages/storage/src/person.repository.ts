/** People (contacts at accounts). Emails are unique ignoring case; external ids are unique. */
import type { Person } from '@caravan/core/b2b/person';
import { err, ok, type Result } from '@caravan/core/result';
import { sql, type Expression, type SqlBool } from 'kysely';
import { toTimestamp } from './column-types.ts';
import type { Db } from './database.ts';
import { likePattern } from './journey.query.ts';
import {
  applyPersonChanges,
  personChanged,
  personColumns,
  toPerson,
  type PersonChanges,
} from './person.mapper.ts';
import { notFound, type NotFound } from './unique-name.query.ts';
import { isUniqueViolation } from './unique-violation.ts';

export interface PersonTaken {
  code: 'EXTERNAL_ID_TAKEN' | 'EMAIL_TAKEN';
  message: string;
}

/** Which unique key of `person` another stored person already has, if any. */
async function takenKey(
  db: Db,
  person: Pick<Person, 'email' | 'externalId'>,
  exceptId?: string,
): Promise<PersonTaken | undefined> {
  const others = (q: ReturnType<typeof selectIds>) =>
    exceptId === undefined ? q : q.where('id', '!=', exceptId);
  const selectIds = () => db.selectFrom('people').select('id');
  if (person.externalId !== null) {
    const hit = await others(
      selectIds().where('external_id', '=', person.externalId),
    ).executeTakeFirst();
    if (hit !== undefined) {
      return {
        code: 'EXTERNAL_ID_TAKEN',
        message: `A person with external id "${person.externalId}" already exists.`,
      };
    }
  }
  if (person.email !== null) {
    const email = person.email;
    const hit = await others(
      selectIds().where(sql`lower(email)`, '=', email.toLowerCase()),
    ).executeTakeFirst();
    if (hit !== undefined) {
      return { code: 'EMAIL_TAKEN', message: `A person with email "${email}" already exists.` };
    }
  }
  return undefined;
}

/** Inserts a person; an email or external id already used is refused without throwing. */
export async function insertPerson(
  db: Db,
  person: Person & { now: Date },
): Promise<Result<Person, PersonTaken>> {
  const at = toTimestamp(person.now);
  const inserted = await db
    .insertInto('people')
    .values({ ...personColumns(person), created_at: at, updated_at: at })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
    const taken = await takenKey(db, person);
    if (taken !== undefined) return err(taken);
    throw new Error(`A person with id ${person.id} already exists.`);
  }
  const { now: _now, ...stored } = person;
  return ok(stored);
}

export async function findPerson(db: Db, id: string): Promise<Person | undefined> {
  const row = await db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toPerson(row);
}

/** The person with this email, ignoring case. */
export async function findPersonByEmail(db: Db, email: string): Promise<Person | undefined> {
  const row = await db
    .selectFrom('people')
    .selectAll()
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
  return row === undefined ? undefined : toPerson(row);
}

export async function findPersonByExternalId(
  db: Db,
  externalId: string,
): Promise<Person | undefined> {
  const row = await db
    .selectFrom('people')
    .selectAll()
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row === undefined ? undefined : toPerson(row);
}

/** Applies `changes` (custom attributes merged, `null` removes one) and answers the person. */
export async function updatePerson(
  db: Db,
  id: string,
  changes: PersonChanges,
  now: Date,
): Promise<Result<Person, NotFound | PersonTaken>> {
  const before = await findPerson(db, id);
  if (before === undefined) return err(notFound('Person', id));
  const after = applyPersonChanges(before, changes);
  if (!personChanged(before, after)) return ok(before);
  const taken = await takenKey(db, after, id);
  if (taken !== undefined) return err(taken);
  try {
    await db
      .updateTable('people')
      .set({ ...personColumns(after), updated_at: toTimestamp(now) })
      .where('id', '=', id)
      .execute();
  } catch (error) {
    // A concurrent writer took a key between the check and the update. No query to tell which:
    // on PostgreSQL the caller's transaction is aborted now.
    if (!isUniqueViolation(error)) throw error;
    const emailChanged = after.email !== before.email;
    return err({
      code: emailChanged ? 'EMAIL_TAKEN' : 'EXTERNAL_ID_TAKEN',
      message: emailChanged
        ? `A person with email "${after.email}" already exists.`
        : `A person with external id "${after.externalId}" already exists.`,
    });
  }
  return ok(after);
}

/** Deletes the person with their memberships and buying group roles; activities keep no person. */
export async function deletePerson(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('people').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export interface PersonQuery {
  /** Case-insensitive substring of the email, first or last name. */
  search?: string;
  limit: number;
  offset: number;
}

/** One page of people by last name, first name, email (ties by id), and the total matching. */
export async function listPeople(
  db: Db,
  q: PersonQuery,
): Promise<{ items: Person[]; total: number }> {
  const filters: Expression<SqlBool>[] = [];
  if (q.search !== undefined && q.search !== '') {
    const p = likePattern(q.search);
    filters.push(sql<SqlBool>`(lower(email) like lower(${p}) escape '\\'
      or lower(first_name) like lower(${p}) escape '\\'
      or lower(last_name) like lower(${p}) escape '\\')`);
  }
  const rows = await db
    .selectFrom('people')
    .selectAll()
    .where((eb) => eb.and(filters))
    .orderBy(sql`lower(last_name)`, (ob) => ob.asc().nullsLast())
    .orderBy(sql`lower(first_name)`, (ob) => ob.asc().nullsLast())
    .orderBy(sql`lower(email)`, (ob) => ob.asc().nullsLast())
    .orderBy('id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const { total } = await db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where((eb) => eb.and(filters))
    .executeTakeFirstOrThrow();
  return { items: rows.map(toPerson), total: Number(total) };
}
