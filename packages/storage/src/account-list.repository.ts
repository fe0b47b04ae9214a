/**
 * Account lists: static (members added and removed by people, imports and journeys) or dynamic
 * (members follow a condition, re-evaluated by the engine), draft or live. Entering and leaving a
 * list is recorded as an activity so that journeys can listen for it.
 */
import { randomUUID } from 'node:crypto';
import type { Condition } from '@caravan/core/conditions/condition';
import { err, ok, type Result } from '@caravan/core/result';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { AccountListRow } from './account-list.table.ts';
import { recordActivities } from './activity.repository.ts';
import { fromJson, fromTimestamp, toJson, toTimestamp } from './column-types.ts';
import type { Db } from './database.ts';
import { likePattern } from './journey.query.ts';
import {
  isNameTaken,
  nameTaken,
  notFound,
  type NameTaken,
  type NotFound,
} from './unique-name.query.ts';
import { withTransaction } from './with-transaction.ts';

export type AccountListKind = 'static' | 'dynamic';
export type AccountListStatus = 'draft' | 'live';

export interface AccountList {
  id: string;
  name: string;
  description: string;
  kind: AccountListKind;
  status: AccountListStatus;
  /** The rule of a dynamic list; null for a static one. */
  condition: Condition | null;
  createdAt: string;
  updatedAt: string;
}

export const accountListEnteredType = 'accountListEntered';
export const accountListExitedType = 'accountListExited';

function toAccountList(row: AccountListRow): AccountList {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind as AccountListKind,
    status: row.status as AccountListStatus,
    // Trusted: conditions are parsed by the core schema before they are written.
    condition: row.condition === null ? null : (fromJson(row.condition) as Condition),
    createdAt: fromTimestamp(row.created_at),
    updatedAt: fromTimestamp(row.updated_at),
  };
}

export async function insertAccountList(
  db: Db,
  list: Omit<AccountList, 'createdAt' | 'updatedAt'> & { now: Date },
): Promise<Result<AccountList, NameTaken>> {
  const at = toTimestamp(list.now);
  // DO NOTHING rather than catching: a failed statement would abort the caller's PG transaction.
  const inserted = await db
    .insertInto('account_lists')
    .values({
      id: list.id,
      name: list.name,
      description: list.description,
      kind: list.kind,
      status: list.status,
      condition: list.condition === null ? null : toJson(list.condition),
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
    if (await isNameTaken(db, 'account_lists', list.name)) {
      return err(nameTaken('An account list', list.name));
    }
    throw new Error(`An account list with id ${list.id} already exists.`);
  }
  return ok(await getAccountList(db, list.id));
}

export async function findAccountList(db: Db, id: string): Promise<AccountList | undefined> {
  const row = await db
    .selectFrom('account_lists')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : toAccountList(row);
}

async function getAccountList(db: Db, id: string): Promise<AccountList> {
  const list = await findAccountList(db, id);
  if (list === undefined) throw new Error(`Account list ${id} vanished while being written.`);
  return list;
}

export interface AccountListPatch {
  name?: string;
  description?: string;
  status?: AccountListStatus;
  condition?: Condition | null;
}

export async function updateAccountList(
  db: Db,
  id: string,
  patch: AccountListPatch,
  now: Date,
): Promise<Result<AccountList, NotFound | NameTaken>> {
  if (patch.name !== undefined && (await isNameTaken(db, 'account_lists', patch.name, id))) {
    return err(nameTaken('An account list', patch.name));
  }
  const result = await db
    .updateTable('account_lists')
    .set({
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.description !== undefined && { description: patch.description }),
      ...(patch.status !== undefined && { status: patch.status }),
      ...(patch.condition !== undefined && {
        condition: patch.condition === null ? null : toJson(patch.condition),
      }),
      updated_at: toTimestamp(now),
    })
    .where('id', '=', id)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return err(notFound('Account list', id));
  return ok(await getAccountList(db, id));
}

/** Deletes the list and its memberships; false when there was none. */
export async function deleteAccountList(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('account_lists').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** One page of lists by name, with the total matching a case-insensitive name search. */
export async function listAccountLists(
  db: Db,
  q: { search?: string; limit: number; offset: number },
): Promise<{ items: AccountList[]; total: number }> {
  const filters: Expression<SqlBool>[] = [];
  if (q.search !== undefined && q.search !== '') {
    filters.push(sql<SqlBool>`lower(name) like lower(${likePattern(q.search)}) escape '\\'`);
  }
  const rows = await db
    .selectFrom('account_lists')
    .selectAll()
    .where((eb) => eb.and(filters))
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const { total } = await db
    .selectFrom('account_lists')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where((eb) => eb.and(filters))
    .executeTakeFirstOrThrow();
  return { items: rows.map(toAccountList), total: Number(total) };
}

function membershipActivities(type: string, listId: string, accountIds: string[], now: Date) {
  return accountIds.map((accountId) => ({
    id: randomUUID(),
    type,
    accountId,
    personId: null,
    occurredAt: now,
    receivedAt: now,
    messageId: null,
    properties: { listId },
  }));
}

/** Ids per statement, far below both dialects' parameter limits. */
const chunkSize = 1000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += chunkSize) {
    out.push(items.slice(start, start + chunkSize));
  }
  return out;
}

/**
 * Adds accounts to the list; those already in it are left as they were (idempotent). Answers the
 * ids that were added, each recorded as an `accountListEntered` activity.
 */
export async function addAccountListMembers(
  db: Db,
  listId: string,
  accountIds: readonly string[],
  now: Date,
): Promise<string[]> {
  return withTransaction(db, async (trx) => {
    const ids: string[] = [];
    for (const chunk of chunks([...new Set(accountIds)])) {
      const values = chunk.map((id) => ({
        list_id: listId,
        account_id: id,
        added_at: toTimestamp(now),
      }));
      const added = await trx
        .insertInto('account_list_members')
        .values(values)
        .onConflict((oc) => oc.doNothing())
        .returning('account_id')
        .execute();
      ids.push(...added.map((r) => r.account_id));
    }
    await recordActivities(trx, membershipActivities(accountListEnteredType, listId, ids, now));
    return ids;
  });
}

/** Removes accounts from the list; answers those that were in it (each an `accountListExited`). */
export async function removeAccountListMembers(
  db: Db,
  listId: string,
  accountIds: readonly string[],
  now: Date,
): Promise<string[]> {
  return withTransaction(db, async (trx) => {
    const ids: string[] = [];
    for (const chunk of chunks([...new Set(accountIds)])) {
      const removed = await trx
        .deleteFrom('account_list_members')
        .where('list_id', '=', listId)
        .where('account_id', 'in', chunk)
        .returning('account_id')
        .execute();
      ids.push(...removed.map((r) => r.account_id));
    }
    await recordActivities(trx, membershipActivities(accountListExitedType, listId, ids, now));
    return ids;
  });
}

/** One page of the list's account ids (in id order) and how many members it has. */
export async function listAccountListMembers(
  db: Db,
  listId: string,
  page: { limit: number; offset: number },
): Promise<{ accountIds: string[]; total: number }> {
  const rows = await db
    .selectFrom('account_list_members')
    .select('account_id')
    .where('list_id', '=', listId)
    .orderBy('account_id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const { total } = await db
    .selectFrom('account_list_members')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where('list_id', '=', listId)
    .executeTakeFirstOrThrow();
  return { accountIds: rows.map((r) => r.account_id), total: Number(total) };
}

/** The ids of every list the account is in (`AccountFacts.listIds`). */
export async function listAccountListIdsOf(db: Db, accountId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('account_list_members')
    .select('list_id')
    .where('account_id', '=', accountId)
    .orderBy('list_id')
    .execute();
  return rows.map((r) => r.list_id);
}
