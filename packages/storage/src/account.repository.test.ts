import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { accountAttributeChangedType } from './account-change.ts';
import { upsertAccounts } from './account-upsert.repository.ts';
import {
  deleteAccount,
  findAccount,
  findAccountByExternalId,
  insertAccount,
  listAccounts,
  updateAccount,
} from './account.repository.ts';
import { listActivities } from './activity.repository.ts';
import { anAccount, storedAccount } from './b2b-fixtures.ts';
import type { Database } from './database.ts';
import { openTestDatabase, testDialects } from './test-databases.ts';
import { at, t0 } from './test-fixtures.ts';

describe.each(testDialects)('accounts on %s', (dialect) => {
  let database: Database;
  beforeEach(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
  });
  afterEach(async () => {
    await database.close();
  });

  it('reads back every field of an inserted account, by id and by external id', async () => {
    const { db } = database;
    const account = anAccount({
      name: 'Volvo Cars',
      domain: 'volvocars.com',
      industry: 'Automotive',
      annualRevenue: 1234567.89,
      employees: 40000,
      city: 'Göteborg',
      state: 'Västra Götaland',
      country: 'SE',
      sicCode: '3711',
      externalId: 'crm-1',
      attributes: { tier: 'gold', score: 7.5, partner: true, since: '2020-01-01' },
    });
    expect(await insertAccount(db, { ...account, now: t0 })).toEqual({ ok: true, value: account });
    expect(await findAccount(db, account.id)).toEqual(account);
    expect(await findAccountByExternalId(db, 'crm-1')).toEqual(account);
    expect(await findAccount(db, randomUUID())).toBeUndefined();
  });

  it('answers EXTERNAL_ID_TAKEN for a second account with the same external id', async () => {
    const { db } = database;
    await storedAccount(db, { externalId: 'crm-1' });
    const second = await insertAccount(db, { ...anAccount({ externalId: 'crm-1' }), now: t0 });
    expect(second).toMatchObject({ ok: false, error: { code: 'EXTERNAL_ID_TAKEN' } });
    // Many accounts without an external id are fine.
    await storedAccount(db);
    await storedAccount(db);
  });

  it('records each changed attribute as an activity with its old and new value', async () => {
    const { db } = database;
    const account = await storedAccount(db, { industry: 'Retail', attributes: { tier: 'silver' } });
    const updated = await updateAccount(
      db,
      account.id,
      { industry: 'Banking', employees: 12, attributes: { tier: 'gold' } },
      at(5),
    );
    expect(updated.ok && updated.value.changes).toEqual([
      { attribute: 'industry', custom: false, old: 'Retail', new: 'Banking' },
      { attribute: 'employees', custom: false, old: null, new: 12 },
      { attribute: 'tier', custom: true, old: 'silver', new: 'gold' },
    ]);
    expect(await findAccount(db, account.id)).toMatchObject({
      industry: 'Banking',
      employees: 12,
      attributes: { tier: 'gold' },
    });
    const activities = await listActivities(db, {
      accountId: account.id,
      types: [accountAttributeChangedType],
      limit: 10,
    });
    expect(
      activities
        .map((a) => a.properties)
        .sort((a, b) => String(a.attribute).localeCompare(String(b.attribute))),
    ).toEqual([
      { attribute: 'employees', custom: false, old: null, new: 12 },
      { attribute: 'industry', custom: false, old: 'Retail', new: 'Banking' },
      { attribute: 'tier', custom: true, old: 'silver', new: 'gold' },
    ]);
    expect(activities[0]).toMatchObject({ occurredAt: at(5).toISOString(), personId: null });
  });

  it('removes a custom attribute set to null and records nothing when nothing changed', async () => {
    const { db } = database;
    const account = await storedAccount(db, { attributes: { tier: 'gold', region: 'north' } });
    const removed = await updateAccount(db, account.id, { attributes: { tier: null } }, at(1));
    expect(removed.ok && removed.value.account.attributes).toEqual({ region: 'north' });
    const same = await updateAccount(db, account.id, { attributes: { region: 'north' } }, at(2));
    expect(same.ok && same.value.changes).toEqual([]);
    expect(await listActivities(db, { accountId: account.id, limit: 10 })).toHaveLength(1);
  });

  it("joins the caller's transaction, so a rollback undoes the change and its activity", async () => {
    const { db } = database;
    const account = await storedAccount(db, { industry: 'Retail' });
    await expect(
      db.transaction().execute(async (trx) => {
        await updateAccount(trx, account.id, { industry: 'Banking' }, at(1));
        throw new Error('caller gives up');
      }),
    ).rejects.toThrow('caller gives up');
    expect(await findAccount(db, account.id)).toMatchObject({ industry: 'Retail' });
    expect(await listActivities(db, { accountId: account.id, limit: 10 })).toEqual([]);
  });

  it('answers NOT_FOUND and EXTERNAL_ID_TAKEN from an update', async () => {
    const { db } = database;
    await storedAccount(db, { externalId: 'crm-1' });
    const other = await storedAccount(db);
    expect(await updateAccount(db, randomUUID(), { name: 'X' }, t0)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await updateAccount(db, other.id, { externalId: 'crm-1' }, t0)).toMatchObject({
      ok: false,
      error: { code: 'EXTERNAL_ID_TAKEN' },
    });
  });

  it('lists a page by name with the total, searching name and domain ignoring case', async () => {
    const { db } = database;
    await storedAccount(db, { name: 'beta', domain: 'beta.io' });
    await storedAccount(db, { name: 'Alpha', domain: 'ACME.com' });
    await storedAccount(db, { name: 'Gamma 100%' });
    const all = await listAccounts(db, { limit: 2, offset: 0 });
    expect(all.total).toBe(3);
    expect(all.items.map((a) => a.name)).toEqual(['Alpha', 'beta']);
    expect(
      (await listAccounts(db, { search: 'acme', limit: 10, offset: 0 })).items.map((a) => a.name),
    ).toEqual(['Alpha']);
    expect((await listAccounts(db, { search: '0%', limit: 10, offset: 0 })).total).toBe(1);
    expect((await listAccounts(db, { search: '_', limit: 10, offset: 0 })).total).toBe(0);
  });

  it('deletes an account and answers false the second time', async () => {
    const { db } = database;
    const account = await storedAccount(db);
    expect(await deleteAccount(db, account.id)).toBe(true);
    expect(await deleteAccount(db, account.id)).toBe(false);
    expect(await findAccount(db, account.id)).toBeUndefined();
  });

  it('upserts a batch mixing new rows and rows matching by external id or by domain', async () => {
    const { db } = database;
    const byExternalId = await storedAccount(db, {
      name: 'Old name',
      externalId: 'crm-1',
      city: 'Lund',
    });
    const byDomain = await storedAccount(db, { name: 'Domain Co', domain: 'domain.co' });
    const result = await upsertAccounts(
      db,
      [
        { id: randomUUID(), name: 'New name', externalId: 'crm-1' },
        { id: randomUUID(), name: 'Domain Co', domain: 'DOMAIN.co', industry: 'IT' },
        { id: randomUUID(), name: 'Brand new', domain: 'new.io' },
        { id: randomUUID(), name: 'Brand new', domain: 'new.io', employees: 5 },
      ],
      at(10),
    );
    expect(result).toMatchObject({ inserted: 1, updated: 2, unchanged: 0 });
    expect(result.ids[0]).toBe(byExternalId.id);
    expect(result.ids[1]).toBe(byDomain.id);
    expect(result.ids[3]).toBe(result.ids[2]);
    expect(await findAccount(db, byExternalId.id)).toMatchObject({
      name: 'New name',
      city: 'Lund',
    });
    expect(await findAccount(db, byDomain.id)).toMatchObject({
      domain: 'DOMAIN.co',
      industry: 'IT',
    });
    expect(await findAccount(db, result.ids[2] ?? '')).toMatchObject({
      name: 'Brand new',
      employees: 5,
    });
    expect((await listAccounts(db, { limit: 10, offset: 0 })).total).toBe(3);
    const changes = await listActivities(db, { accountId: byExternalId.id, limit: 10 });
    expect(changes.map((c) => c.properties)).toEqual([
      { attribute: 'name', custom: false, old: 'Old name', new: 'New name' },
    ]);
  });

  it('matches a batch by domain alone, and a batch by external id alone', async () => {
    const { db } = database;
    const stored = await storedAccount(db, {
      name: 'Acme',
      domain: 'acme.com',
      externalId: 'crm-1',
    });
    const byDomain = await upsertAccounts(
      db,
      [{ id: randomUUID(), name: 'Acme', domain: 'ACME.com', industry: 'IT' }],
      at(10),
    );
    const byExternalId = await upsertAccounts(
      db,
      [{ id: randomUUID(), name: 'Acme AB', externalId: 'crm-1' }],
      at(11),
    );
    expect(byDomain).toMatchObject({ inserted: 0, updated: 1, ids: [stored.id] });
    expect(byExternalId).toMatchObject({ inserted: 0, updated: 1, ids: [stored.id] });
    expect(await findAccount(db, stored.id)).toMatchObject({ name: 'Acme AB', industry: 'IT' });
  });

  it('does not merge by domain two accounts that each have their own external id', async () => {
    const { db } = database;
    await storedAccount(db, { domain: 'shared.com', externalId: 'crm-1' });
    const result = await upsertAccounts(
      db,
      [{ id: randomUUID(), name: 'Sister', domain: 'shared.com', externalId: 'crm-2' }],
      at(1),
    );
    expect(result).toMatchObject({ inserted: 1, updated: 0 });
    const again = await upsertAccounts(
      db,
      [{ id: randomUUID(), name: 'Sister', externalId: 'crm-2' }],
      at(2),
    );
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 1, ids: result.ids });
  });

  it('upserts more rows than one statement holds', async () => {
    const { db } = database;
    const rows = Array.from({ length: 2500 }, (_, i) => ({
      id: randomUUID(),
      name: `Account ${i}`,
      externalId: `ext-${i}`,
    }));
    expect(await upsertAccounts(db, rows, t0)).toMatchObject({ inserted: 2500 });
    const renamed = rows.map((r) => ({ ...r, id: randomUUID(), name: `${r.name}!` }));
    expect(await upsertAccounts(db, renamed, at(1))).toMatchObject({ inserted: 0, updated: 2500 });
    expect((await listAccounts(db, { limit: 1, offset: 0 })).total).toBe(2500);
  });
});
