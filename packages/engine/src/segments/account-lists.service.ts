/**
 * Account lists: static (members added and removed explicitly) or dynamic (members follow a
 * condition), draft or live. A dynamic list is evaluated in full when created, when its condition
 * changes and when published; while live, `reevaluateAccount` keeps it current. Draft dynamic
 * lists are not kept current between full evaluations.
 */
import type { Account } from '@caravan/core/b2b/account';
import type { Condition } from '@caravan/core/conditions/condition';
import { err, ok, type Result } from '@caravan/core/result';
import {
  addAccountListMembers,
  deleteAccountList as deleteListRow,
  findAccountList,
  insertAccountList,
  listAccountListMembers,
  listAccountLists as listListRows,
  removeAccountListMembers,
  updateAccountList,
  type AccountList,
  type AccountListKind,
  type AccountListPatch,
  type AccountListStatus,
} from '@caravan/storage/account-list.repository';
import type { Db } from '@caravan/storage/database';
import type { ListQuery, Page } from '../data/accounts.service.ts';
import type { DataDeps } from '../data/attribute-definitions.service.ts';
import { accountPage, type SegmentError } from './audiences.service.ts';
import { pagedSearch } from '../data/page-cursor.ts';
import {
  evaluateListInFull,
  reevaluateAudiencesUsingList,
  type FullEvaluation,
} from './membership-evaluation.ts';
import { admitNewMembers } from '../entry/journey-entry.ts';
import { findJourneyUsages } from '../data/journey-usages.ts';
import { inTransaction } from '../runtime/transaction.ts';

export type AccountListView = AccountList & { memberCount: number };

export interface AccountListInput {
  name: string;
  description?: string;
  kind: AccountListKind;
  status?: AccountListStatus;
  /** Required for a dynamic list, absent for a static one (the schema checks). */
  condition?: Condition;
}

export interface AccountListPatchInput {
  name?: string;
  description?: string;
  condition?: Condition;
}

function listNotFound(id: string): SegmentError {
  return { code: 'ACCOUNT_LIST_NOT_FOUND', message: `No account list has the id ${id}.` };
}

async function memberCount(db: Db, id: string): Promise<number> {
  return (await listAccountListMembers(db, id, { limit: 0, offset: 0 })).total;
}

async function view(db: Db, list: AccountList): Promise<AccountListView> {
  return { ...list, memberCount: await memberCount(db, list.id) };
}

async function findView(db: Db, id: string): Promise<Result<AccountListView, SegmentError>> {
  const list = await findAccountList(db, id);
  return list ? ok(await view(db, list)) : err(listNotFound(id));
}

export async function listAccountLists(
  deps: DataDeps,
  query: ListQuery,
): Promise<Result<Page<AccountListView>, SegmentError>> {
  const db = deps.database.db;
  return pagedSearch(query, async (q) => {
    const { items, total } = await listListRows(db, q);
    return { items: await Promise.all(items.map((l) => view(db, l))), total };
  });
}

export async function getAccountList(
  deps: DataDeps,
  id: string,
): Promise<Result<AccountListView, SegmentError>> {
  return findView(deps.database.db, id);
}

export async function createAccountList(
  deps: DataDeps,
  input: AccountListInput,
): Promise<Result<AccountListView, SegmentError>> {
  const now = deps.clock.now();
  return inTransaction(deps.database, async (trx) => {
    const inserted = await insertAccountList(trx, {
      id: crypto.randomUUID(),
      name: input.name,
      description: input.description ?? '',
      kind: input.kind,
      status: input.status ?? 'draft',
      condition: input.kind === 'dynamic' ? (input.condition ?? null) : null,
      now,
    });
    if (!inserted.ok) return err({ code: 'LIST_NAME_TAKEN', message: inserted.error.message });
    if (inserted.value.kind === 'dynamic') await evaluateListInFull(trx, inserted.value, now);
    return findView(trx, inserted.value.id);
  });
}

async function applyPatch(
  trx: Db,
  id: string,
  patch: AccountListPatch,
  now: Date,
): Promise<Result<AccountList, SegmentError>> {
  const updated = await updateAccountList(trx, id, patch, now);
  if (updated.ok) return updated;
  return err(
    updated.error.code === 'NOT_FOUND'
      ? listNotFound(id)
      : { code: 'LIST_NAME_TAKEN', message: updated.error.message },
  );
}

export async function patchAccountList(
  deps: DataDeps,
  id: string,
  patch: AccountListPatchInput,
): Promise<Result<AccountListView, SegmentError>> {
  const now = deps.clock.now();
  return inTransaction(deps.database, async (trx) => {
    const before = await findAccountList(trx, id);
    if (!before) return err(listNotFound(id));
    if (patch.condition !== undefined && before.kind === 'static') {
      return err({
        code: 'LIST_NOT_STATIC',
        message: 'A static list has no condition; create a dynamic list instead.',
      });
    }
    const updated = await applyPatch(trx, id, patch, now);
    if (!updated.ok) return updated;
    if (patch.condition !== undefined) await evaluateListInFull(trx, updated.value, now);
    return findView(trx, id);
  });
}

/** Makes the list live (idempotent); a dynamic list is evaluated in full at once. */
export async function publishAccountList(
  deps: DataDeps,
  id: string,
): Promise<Result<AccountListView, SegmentError>> {
  const now = deps.clock.now();
  return inTransaction(deps.database, async (trx) => {
    const updated = await applyPatch(trx, id, { status: 'live' }, now);
    if (!updated.ok) return updated;
    if (updated.value.kind === 'dynamic') await evaluateListInFull(trx, updated.value, now);
    return findView(trx, id);
  });
}

export async function deleteAccountList(
  deps: DataDeps,
  id: string,
): Promise<Result<true, SegmentError>> {
  return inTransaction(deps.database, async (trx) => {
    const list = await findAccountList(trx, id);
    if (!list) return err(listNotFound(id));
    const usages = await findJourneyUsages(trx, 'accountList', id);
    if (usages.length > 0) {
      return err({
        code: 'LIST_IN_USE',
        message: `Journeys use the list "${list.name}": ${usages.map((u) => `"${u.journeyName}" (${u.status})`).join(', ')}.`,
        details: usages,
      });
    }
    await deleteListRow(trx, id);
    // Audiences with a rule on the list now see it empty.
    await reevaluateAudiencesUsingList(trx, id, deps.clock.now());
    return ok(true);
  });
}

export async function accountListMembers(
  deps: DataDeps,
  id: string,
  query: Omit<ListQuery, 'search'>,
): Promise<Result<Page<Account>, SegmentError>> {
  const db = deps.database.db;
  if (!(await findAccountList(db, id))) return err(listNotFound(id));
  return accountPage(db, query, (page) => listAccountListMembers(db, id, page));
}

async function unknownAccountIds(db: Db, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = await db.selectFrom('accounts').select('id').where('id', 'in', ids).execute();
  const known = new Set(found.map((r) => r.id));
  return [...new Set(ids)].filter((id) => !known.has(id));
}

export interface MemberChange {
  /** The ids that actually changed: already-members (or non-members) are left out. */
  changed: string[];
  memberCount: number;
}

/** Adds (`add`) or removes accounts of a static list; both are idempotent. */
export async function changeStaticMembers(
  deps: DataDeps,
  id: string,
  change: 'add' | 'remove',
  accountIds: readonly string[],
): Promise<Result<MemberChange, SegmentError>> {
  const now = deps.clock.now();
  return inTransaction(deps.database, async (trx) => {
    const list = await findAccountList(trx, id);
    if (!list) return err(listNotFound(id));
    if (list.kind !== 'static') {
      return err({
        code: 'LIST_NOT_STATIC',
        message: `The list "${list.name}" is dynamic: its members follow its condition.`,
      });
    }
    if (change === 'remove') {
      const changed = await removeAccountListMembers(trx, id, accountIds, now);
      if (changed.length > 0) await reevaluateAudiencesUsingList(trx, id, now);
      return ok({ changed, memberCount: await memberCount(trx, id) });
    }
    const unknown = await unknownAccountIds(trx, accountIds);
    if (unknown.length > 0) {
      return err({
        code: 'LIST_MEMBERS_UNKNOWN',
        message: `${unknown.length} account id(s) name no account; nothing was added.`,
        details: unknown,
      });
    }
    const changed = await addAccountListMembers(trx, id, accountIds, now);
    if (changed.length > 0) await reevaluateAudiencesUsingList(trx, id, now);
    await admitNewMembers(trx, { kind: 'accountList', id }, changed, now);
    return ok({ changed, memberCount: await memberCount(trx, id) });
  });
}

export async function evaluateAccountList(
  deps: DataDeps,
  id: string,
): Promise<Result<FullEvaluation, SegmentError>> {
  const now = deps.clock.now();
  return inTransaction(deps.database, async (trx) => {
    const list = await findAccountList(trx, id);
    if (!list) return err(listNotFound(id));
    return ok(await evaluateListInFull(trx, list, now));
  });
}
