import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import {
  linkPerson,
  listAccountPeople,
  listPersonAccounts,
  unlinkPerson,
} from './account-membership.repository.ts';
import { deleteAccount } from './account.repository.ts';
import { storedAccount, storedPerson } from './b2b-fixtures.ts';
import type { Database } from './database.ts';
import { openTestDatabase, testDialects } from './test-databases.ts';
import { t0 } from './test-fixtures.ts';

describe.each(testDialects)('account memberships on %s', (dialect) => {
  let database: Database;
  beforeEach(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
  });
  afterEach(async () => {
    await database.close();
  });

  it("lists an account's people with their roles and a person's accounts", async () => {
    const { db } = database;
    const acme = await storedAccount(db, { name: 'Acme' });
    const beta = await storedAccount(db, { name: 'Beta' });
    const ada = await storedPerson(db, { email: 'ada@example.com', lastName: 'Lovelace' });
    const grace = await storedPerson(db, { email: 'grace@example.com', lastName: 'Hopper' });
    await linkPerson(db, { accountId: acme.id, personId: ada.id, role: 'Decision maker', now: t0 });
    await linkPerson(db, { accountId: acme.id, personId: grace.id, role: null, now: t0 });
    await linkPerson(db, { accountId: beta.id, personId: ada.id, role: null, now: t0 });
    expect(await listAccountPeople(db, acme.id)).toEqual([
      { ...grace, role: null },
      { ...ada, role: 'Decision maker' },
    ]);
    expect(await listPersonAccounts(db, ada.id)).toEqual([
      { account: acme, role: 'Decision maker' },
      { account: beta, role: null },
    ]);
  });

  it('changes the role when a person is linked again, and unlinks once', async () => {
    const { db } = database;
    const acme = await storedAccount(db);
    const ada = await storedPerson(db, { email: 'ada@example.com' });
    await linkPerson(db, { accountId: acme.id, personId: ada.id, role: 'User', now: t0 });
    await linkPerson(db, { accountId: acme.id, personId: ada.id, role: 'Champion', now: t0 });
    expect((await listAccountPeople(db, acme.id)).map((p) => p.role)).toEqual(['Champion']);
    expect(await unlinkPerson(db, acme.id, ada.id)).toBe(true);
    expect(await unlinkPerson(db, acme.id, ada.id)).toBe(false);
    expect(await listAccountPeople(db, acme.id)).toEqual([]);
  });

  it('answers NOT_FOUND when linking to a missing account or person', async () => {
    const { db } = database;
    const acme = await storedAccount(db);
    const ada = await storedPerson(db, { email: 'ada@example.com' });
    const now = t0;
    expect(
      await linkPerson(db, { accountId: randomUUID(), personId: ada.id, role: null, now }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(
      await linkPerson(db, { accountId: acme.id, personId: randomUUID(), role: null, now }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('drops the memberships of a deleted account', async () => {
    const { db } = database;
    const acme = await storedAccount(db);
    const ada = await storedPerson(db, { email: 'ada@example.com' });
    await linkPerson(db, { accountId: acme.id, personId: ada.id, role: null, now: t0 });
    await deleteAccount(db, acme.id);
    expect(await listPersonAccounts(db, ada.id)).toEqual([]);
  });
});
