/**
 * Folder `data/`: the B2B records — accounts, people, their memberships, custom attribute
 * definitions, event types, and which journeys use a record. A change here re-evaluates segments
 * in the same transaction. May import `segments/`, `buying-groups/`, `content/` (the other data
 * folders), `entry/` and `runtime/`; never a workflow folder.
 *
 * Accounts: list, read, create, change, delete and upsert by external id, with custom attributes
 * checked against their declarations. Changes record `accountAttributeChanged` activities in the
 * same transaction (storage's `updateAccount` does that).
 */
import type { Account, AccountInput, AccountPatch } from '@caravan/core/b2b/account';
import { err, ok, type Result } from '@caravan/core/result';
import {
  deleteAccount as deleteAccountRow,
  findAccount,
  findAccountByExternalId,
  insertAccount,
  listAccounts as listAccountRows,
  updateAccount,
} from '@caravan/storage/account.repository';
import type { Db } from '@caravan/storage/database';
import { checkAttributes, type DataDeps } from './attribute-definitions.service.ts';
import { accountNotFound, checkDomain, type DataError } from './data-error.ts';
import { reevaluateAccount } from '../segments/membership-evaluation.ts';
import { pagedSearch, type ListQuery, type Page } from './page-cursor.ts';
import { inTransaction } from '../runtime/transaction.ts';

export type { ListQuery, Page } from './page-cursor.ts';

export async function listAccounts(
  deps: DataDeps,
  query: ListQuery,
): Promise<Result<Page<Account>, DataError>> {
  return pagedSearch(query, (q) => listAccountRows(deps.database.db, q));
}

export async function getAccount(deps: DataDeps, id: string): Promise<Result<Account, DataError>> {
  const account = await findAccount(deps.database.db, id);
  return account ? ok(account) : err(accountNotFound(id));
}

function externalIdTaken(message: string): DataError {
  return { code: 'ACCOUNT_EXTERNAL_ID_TAKEN', message };
}

/** Inserts a new account in `db` (a transaction when called from another command). */
export async function insertCheckedAccount(
  db: Db,
  now: Date,
  input: AccountInput,
): Promise<Result<Account, DataError>> {
  const badDomain = checkDomain(input.domain);
  if (badDomain) return err(badDomain);
  const attributes = await checkAttributes(db, 'account', input.attributes);
  if (!attributes.ok) return attributes;
  const inserted = await insertAccount(db, {
    ...input,
    attributes: attributes.value ?? {},
    id: crypto.randomUUID(),
    now,
  });
  if (!inserted.ok) return err(externalIdTaken(inserted.error.message));
  // Same transaction: the response already shows the account in its audiences.
  await reevaluateAccount(db, inserted.value.id, now);
  return inserted;
}

export async function createAccount(
  deps: DataDeps,
  input: AccountInput,
): Promise<Result<Account, DataError>> {
  return inTransaction(deps.database, (trx) => insertCheckedAccount(trx, deps.clock.now(), input));
}

/** Applies a patch in `db`; changed attributes are recorded as activities by storage. */
export async function patchAccountIn(
  db: Db,
  now: Date,
  id: string,
  patch: AccountPatch,
): Promise<Result<Account, DataError>> {
  const { attributes: given, ...standard } = patch;
  const badDomain = checkDomain(standard.domain);
  if (badDomain) return err(badDomain);
  const attributes = await checkAttributes(db, 'account', given);
  if (!attributes.ok) return attributes;
  const changes = { ...standard, ...(attributes.value ? { attributes: attributes.value } : {}) };
  const updated = await updateAccount(db, id, changes, now);
  if (updated.ok) {
    await reevaluateAccount(db, id, now);
    return ok(updated.value.account);
  }
  return err(
    updated.error.code === 'NOT_FOUND'
      ? accountNotFound(id)
      : externalIdTaken(updated.error.message),
  );
}

export async function patchAccount(
  deps: DataDeps,
  id: string,
  patch: AccountPatch,
): Promise<Result<Account, DataError>> {
  return inTransaction(deps.database, (trx) => patchAccountIn(trx, deps.clock.now(), id, patch));
}

export async function deleteAccount(deps: DataDeps, id: string): Promise<Result<true, DataError>> {
  return (await deleteAccountRow(deps.database.db, id)) ? ok(true) : err(accountNotFound(id));
}

export type AccountUpsertFields = Omit<AccountPatch, 'externalId'>;

/**
 * Changes the account with this external id, or creates it (then `name` is required). Fields left
 * out keep their stored value; custom attributes are merged.
 */
export async function upsertAccountIn(
  db: Db,
  now: Date,
  externalId: string,
  fields: AccountUpsertFields,
): Promise<Result<{ account: Account; created: boolean }, DataError>> {
  const existing = await findAccountByExternalId(db, externalId);
  if (existing) {
    const patched = await patchAccountIn(db, now, existing.id, fields);
    return patched.ok ? ok({ account: patched.value, created: false }) : patched;
  }
  if (fields.name === undefined) {
    return err({
      code: 'VALIDATION_FAILED',
      message: 'name: required to create an account that does not exist yet',
      details: [{ path: 'body.name', message: 'required to create an account' }],
    });
  }
  const created = await insertCheckedAccount(db, now, {
    domain: null,
    industry: null,
    annualRevenue: null,
    employees: null,
    city: null,
    state: null,
    country: null,
    sicCode: null,
    attributes: {},
    ...fields,
    name: fields.name,
    externalId,
  });
  return created.ok ? ok({ account: created.value, created: true }) : created;
}

export async function upsertAccountByExternalId(
  deps: DataDeps,
  externalId: string,
  fields: AccountUpsertFields,
): Promise<Result<{ account: Account; created: boolean }, DataError>> {
  return inTransaction(deps.database, (trx) =>
    upsertAccountIn(trx, deps.clock.now(), externalId, fields),
  );
}

export interface AccountSegments {
  lists: Array<{ id: string; name: string; kind: string }>;
  audiences: Array<{ id: string; name: string }>;
}

/** The account lists and audiences the account is a member of, by name. */
export async function accountSegments(
  deps: DataDeps,
  id: string,
): Promise<Result<AccountSegments, DataError>> {
  const db = deps.database.db;
  if (!(await findAccount(db, id))) return err(accountNotFound(id));
  const lists = await db
    .selectFrom('account_list_members as m')
    .innerJoin('account_lists as l', 'l.id', 'm.list_id')
    .select(['l.id', 'l.name', 'l.kind'])
    .where('m.account_id', '=', id)
    .orderBy('l.name')
    .execute();
  const audiences = await db
    .selectFrom('audience_members as m')
    .innerJoin('audiences as a', 'a.id', 'm.audience_id')
    .select(['a.id', 'a.name'])
    .where('m.account_id', '=', id)
    .orderBy('a.name')
    .execute();
  return ok({ lists, audiences });
}
