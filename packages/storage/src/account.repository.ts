/** Accounts (companies). Custom attribute values are checked by the caller (core) before writing. */
import type { Account } from '@caravan/core/b2b/account';
import { err, ok, type Result } from '@caravan/core/result';
import { sql, type Expression, type SqlBool } from 'kysely';
import {
  applyAccountChanges,
  attributeChangeActivities,
  diffAccount,
  type AccountChanges,
  type AttributeChange,
} from './account-change.ts';
import { accountColumns, toAccount } from './account.mapper.ts';
import { recordActivities } from './activity.repository.ts';
import { toTimestamp } from './column-types.ts';
import type { Db } from './database.ts';
import { supportsRowLocks } from './dialects/postgres/row-lock.ts';
import { likePattern } from './journey.query.ts';
import { notFound, type NotFound } from './unique-name.query.ts';
import { isUniqueViolation } from './unique-violation.ts';
import { withTransaction } from './with-transaction.ts';

export interface ExternalIdTaken {
  code: 'EXTERNAL_ID_TAKEN';
  message: string;
}

function externalIdTaken(externalId: string): ExternalIdTaken {
  return {
    code: 'EXTERNAL_ID_TAKEN',
    message: `An account with external id "${externalId}" already exists.`,
  };
}

async function isExternalIdTaken(db: Db, externalId: string, exceptId?: string): Promise<boolean> {
  let query = db.selectFrom('accounts').select('id').where('external_id', '=', externalId);
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** Inserts an account; an external id already used is refused without throwing. */
export async function insertAccount(
  db: Db,
  account: Account & { now: Date },
): Promise<Result<Account, ExternalIdTaken>> {
  const at = toTimestamp(account.now);
  // DO NOTHING rather than catching: a failed statement would abort the caller's PG transaction.
  const inserted = await db
    .insertInto('accounts')
    .values({ ...accountColumns(account), created_at: at, updated_at: at })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
    if (account.externalId !== null && (await isExternalIdTaken(db, account.externalId))) {
      return err(externalIdTaken(account.externalId));
    }
    throw new Error(`An account with id ${account.id} already exists.`);
  }
  const { now: _now, ...stored } = account;
  return ok(stored);
}

export async function findAccount(db: Db, id: string): Promise<Account | undefined> {
  const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toAccount(row);
}

export async function findAccountByExternalId(
  db: Db,
  externalId: string,
): Promise<Account | undefined> {
  const row = await db
    .selectFrom('accounts')
    .selectAll()
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row === undefined ? undefined : toAccount(row);
}

export type AccountUpdateError = NotFound | ExternalIdTaken;

/**
 * Applies `changes` and, in the same transaction, records one `accountAttributeChanged` activity
 * per attribute whose value changed. Answers the account and those changes (empty = nothing
 * changed, and then nothing is written).
 */
export async function updateAccount(
  db: Db,
  id: string,
  changes: AccountChanges,
  now: Date,
): Promise<Result<{ account: Account; changes: AttributeChange[] }, AccountUpdateError>> {
  const { externalId } = changes;
  if (externalId !== undefined && externalId !== null) {
    if (await isExternalIdTaken(db, externalId, id)) return err(externalIdTaken(externalId));
  }
  try {
    return await withTransaction(db, async (trx) => {
      // Locks the row on PostgreSQL so that two updates cannot both diff against the old value.
      const row = await trx
        .selectFrom('accounts')
        .selectAll()
        .where('id', '=', id)
        .$if(supportsRowLocks(trx), (q) => q.forUpdate())
        .executeTakeFirst();
      if (row === undefined) return err(notFound('Account', id));
      const before = toAccount(row);
      const after = applyAccountChanges(before, changes);
      const made = diffAccount(before, after);
      if (made.length === 0) return ok({ account: before, changes: made });
      await trx
        .updateTable('accounts')
        .set({ ...accountColumns(after), updated_at: toTimestamp(now) })
        .where('id', '=', id)
        .execute();
      await recordActivities(trx, attributeChangeActivities(id, made, now));
      return ok({ account: after, changes: made });
    });
  } catch (error) {
    // A concurrent writer took the external id between the check and the update.
    if (isUniqueViolation(error) && externalId) return err(externalIdTaken(externalId));
    throw error;
  }
}

/** Deletes the account with its memberships, list and audience entries, groups and activities. */
export async function deleteAccount(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('accounts').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export interface AccountQuery {
  /** Case-insensitive substring of the name or the domain. */
  search?: string;
  limit: number;
  offset: number;
}

/** One page of accounts by name (ties by id) and the total matching the search. */
export async function listAccounts(
  db: Db,
  q: AccountQuery,
): Promise<{ items: Account[]; total: number }> {
  const filters: Expression<SqlBool>[] = [];
  if (q.search !== undefined && q.search !== '') {
    const pattern = likePattern(q.search);
    filters.push(
      sql<SqlBool>`(lower(name) like lower(${pattern}) escape '\\' or lower(domain) like lower(${pattern}) escape '\\')`,
    );
  }
  const rows = await db
    .selectFrom('accounts')
    .selectAll()
    .where((eb) => eb.and(filters))
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const { total } = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where((eb) => eb.and(filters))
    .executeTakeFirstOrThrow();
  return { items: rows.map(toAccount), total: Number(total) };
}
