import { randomUUID } from 'node:crypto';
import type { Condition } from '@caravan/core/conditions/condition';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import {
  accountListEnteredType,
  accountListExitedType,
  addAccountListMembers,
  deleteAccountList,
  findAccountList,
  insertAccountList,
  listAccountListIdsOf,
  listAccountListMembers,
  listAccountLists,
  removeAccountListMembers,
  updateAccountList,
  type AccountList,
} from './account-list.repository.ts';
import { deleteAccount } from './account.repository.ts';
import { listActivities } from './activity.repository.ts';
import { storedAccount } from './b2b-fixtures.ts';
import type { Database } from './database.ts';
import { openTestDatabase, testDialects } from './test-databases.ts';
import { at, t0 } from './test-fixtures.ts';

const condition: Condition = {
  match: 'any',
  rules: [{ kind: 'listMembership', listId: 'vip', isMember: true }],
};

function aList(overrides: Partial<Omit<AccountList, 'createdAt' | 'updatedAt'>> = {}) {
  return {
    id: randomUUID(),
    name: `List ${randomUUID().slice(0, 8)}`,
    description: '',
    kind: 'static' as const,
    status: 'draft' as const,
    condition: null,
    now: t0,
    ...overrides,
  };
}

describe.each(testDialects)('account lists on %s', (dialect) => {
  let database: Database;
  beforeEach(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
  });
  afterEach(async () => {
    await database.close();
  });

  it('round-trips a dynamic list and answers NAME_TAKEN for a name differing only in case', async () => {
    const { db } = database;
    const input = aList({ name: 'Big Banks', kind: 'dynamic', status: 'live', condition });
    const inserted = await insertAccountList(db, input);
    const { now: _now, ...fields } = input;
    const expected = { ...fields, createdAt: t0.toISOString(), updatedAt: t0.toISOString() };
    expect(inserted).toEqual({ ok: true, value: expected });
    expect(await findAccountList(db, input.id)).toEqual(expected);
    expect(await insertAccountList(db, aList({ name: 'big BANKS' }))).toMatchObject({
      ok: false,
      error: { code: 'NAME_TAKEN' },
    });
  });

  it('updates, lists and deletes lists', async () => {
    const { db } = database;
    const a = await insertAccountList(db, aList({ name: 'Alpha' }));
    await insertAccountList(db, aList({ name: 'beta' }));
    const id = a.ok ? a.value.id : '';
    const updated = await updateAccountList(db, id, { name: 'Gamma', status: 'live' }, at(1));
    expect(updated).toMatchObject({
      ok: true,
      value: { name: 'Gamma', status: 'live', updatedAt: at(1).toISOString() },
    });
    expect(await updateAccountList(db, id, { name: 'BETA' }, at(2))).toMatchObject({
      ok: false,
      error: { code: 'NAME_TAKEN' },
    });
    expect(await updateAccountList(db, randomUUID(), { name: 'x' }, at(2))).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const page = await listAccountLists(db, { limit: 10, offset: 0 });
    expect(page).toMatchObject({ total: 2 });
    expect(page.items.map((l) => l.name)).toEqual(['beta', 'Gamma']);
    expect((await listAccountLists(db, { search: 'GAM', limit: 10, offset: 0 })).total).toBe(1);
    expect(await deleteAccountList(db, id)).toBe(true);
    expect(await deleteAccountList(db, id)).toBe(false);
  });

  it('adds and removes static members idempotently, recording entries and exits', async () => {
    const { db } = database;
    const list = aList();
    await insertAccountList(db, list);
    const acme = await storedAccount(db);
    const beta = await storedAccount(db);
    expect(await addAccountListMembers(db, list.id, [acme.id], t0)).toEqual([acme.id]);
    expect(
      (await addAccountListMembers(db, list.id, [acme.id, beta.id, beta.id], at(1))).sort(),
    ).toEqual([beta.id]);
    expect(await listAccountListMembers(db, list.id, { limit: 10, offset: 0 })).toEqual({
      accountIds: [acme.id, beta.id].sort(),
      total: 2,
    });
    expect(await listAccountListIdsOf(db, acme.id)).toEqual([list.id]);
    expect(await removeAccountListMembers(db, list.id, [acme.id], at(2))).toEqual([acme.id]);
    expect(await removeAccountListMembers(db, list.id, [acme.id], at(3))).toEqual([]);
    const history = await listActivities(db, { accountId: acme.id, limit: 10 });
    expect(history.map((h) => [h.type, h.properties])).toEqual([
      [accountListExitedType, { listId: list.id }],
      [accountListEnteredType, { listId: list.id }],
    ]);
    await deleteAccount(db, beta.id);
    expect((await listAccountListMembers(db, list.id, { limit: 10, offset: 0 })).total).toBe(0);
  });
});
