import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listActivities } from '@caravan/storage/activity.repository';
import { testDialects } from '@caravan/storage/test-databases';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

describe.each(testDialects)('accounts API on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;
  let viewer: Client;

  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    manager = (await t.signIn('manager')).client;
    viewer = (await t.signIn('viewer')).client;
    await manager.post('/attribute-definitions', {
      entity: 'account',
      name: 'tier',
      label: 'Tier',
      type: 'text',
    });
    await manager.post('/attribute-definitions', {
      entity: 'account',
      name: 'renewalDate',
      label: 'Renewal date',
      type: 'date',
    });
  });
  afterAll(async () => t.close());

  const create = async (body: Record<string, unknown>) => {
    const response = await manager.post('/accounts', body);
    expect(response.status).toBe(201);
    return response.body;
  };

  it('answers 201 with the stored account, then 200 when read back', async () => {
    const created = await create({
      name: 'Acme Corp',
      domain: 'acme.example',
      employees: 250,
      attributes: { tier: 'gold', renewalDate: '2026-12-01' },
    });
    expect(created).toMatchObject({ name: 'Acme Corp', domain: 'acme.example', industry: null });
    expect(created.attributes).toEqual({ tier: 'gold', renewalDate: '2026-12-01' });
    const read = await manager.get(`/accounts/${created.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created);
  });

  it('answers 422 ACCOUNT_DOMAIN_INVALID for a domain that is not a domain, on create and patch', async () => {
    const refused = await manager.post('/accounts', { name: 'Bad domain', domain: 'not a domain' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('ACCOUNT_DOMAIN_INVALID');
    expect(refused.body.error.message).toContain('"not a domain" is not a domain');
    const good = await create({ name: 'Good domain', domain: 'good.example' });
    const patched = await manager.patch(`/accounts/${good.id}`, {
      domain: 'https://good.example/',
    });
    expect(patched.status).toBe(422);
    expect(patched.body.error.code).toBe('ACCOUNT_DOMAIN_INVALID');
    expect((await manager.get(`/accounts/${good.id}`)).body.domain).toBe('good.example');
  });

  it('answers 422 ATTRIBUTES_INVALID listing every attribute problem at once', async () => {
    const response = await manager.post('/accounts', {
      name: 'Bad attributes',
      attributes: { tier: 3, colour: 'red', renewalDate: 'next year' },
    });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('ATTRIBUTES_INVALID');
    const problems = response.body.error.details as { attribute: string; code: string }[];
    expect(problems.map((p) => [p.attribute, p.code]).sort()).toEqual([
      ['colour', 'ATTRIBUTE_UNKNOWN'],
      ['renewalDate', 'ATTRIBUTE_TYPE_MISMATCH'],
      ['tier', 'ATTRIBUTE_TYPE_MISMATCH'],
    ]);
  });

  it('answers 400 VALIDATION_FAILED naming the field for a wrongly typed standard field', async () => {
    const response = await manager.post('/accounts', { name: '', employees: -3 });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    const paths = (response.body.error.details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.employees']));
  });

  it('answers 409 ACCOUNT_EXTERNAL_ID_TAKEN when another account has the external id', async () => {
    await create({ name: 'Crm One', externalId: 'crm-1' });
    const again = await manager.post('/accounts', { name: 'Crm Two', externalId: 'crm-1' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ACCOUNT_EXTERNAL_ID_TAKEN');
    const other = await create({ name: 'Crm Three' });
    const patched = await manager.patch(`/accounts/${other.id}`, { externalId: 'crm-1' });
    expect(patched.status).toBe(409);
    expect(patched.body.error.code).toBe('ACCOUNT_EXTERNAL_ID_TAKEN');
  });

  it('answers 200 to a patch and records each changed attribute as an activity with old and new value', async () => {
    const account = await create({
      name: 'Globex',
      industry: 'Energy',
      attributes: { tier: 'silver' },
    });
    const patched = await manager.patch(`/accounts/${account.id}`, {
      industry: 'Utilities',
      attributes: { tier: 'gold' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Globex', industry: 'Utilities' });
    expect(patched.body.attributes).toEqual({ tier: 'gold' });
    const activities = await listActivities(t.database.db, { accountId: account.id, limit: 10 });
    const changes = activities.map((a) => [
      a.type,
      a.properties.attribute,
      a.properties.old,
      a.properties.new,
    ]);
    expect(changes.sort()).toEqual([
      ['accountAttributeChanged', 'industry', 'Energy', 'Utilities'],
      ['accountAttributeChanged', 'tier', 'silver', 'gold'],
    ]);
  });

  it('stores nothing and records no activity when a patch is refused', async () => {
    const account = await create({ name: 'Initech', attributes: { tier: 'bronze' } });
    const refused = await manager.patch(`/accounts/${account.id}`, {
      industry: 'Software',
      attributes: { tier: 42 },
    });
    expect(refused.status).toBe(422);
    expect((await manager.get(`/accounts/${account.id}`)).body.industry).toBeNull();
    expect(await listActivities(t.database.db, { accountId: account.id, limit: 10 })).toEqual([]);
  });

  it('answers 201 to an upsert of a new external id and 200 when it changes that account', async () => {
    const created = await manager.put('/accounts/by-external-id/sf-001', {
      name: 'Umbrella',
      domain: 'umbrella.example',
    });
    expect(created.status).toBe(201);
    expect(created.body.externalId).toBe('sf-001');
    const changed = await manager.put('/accounts/by-external-id/sf-001', { city: 'Raccoon City' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      id: created.body.id,
      name: 'Umbrella',
      domain: 'umbrella.example',
      city: 'Raccoon City',
    });
  });

  it('answers 400 naming the name when an upsert would create an account without one', async () => {
    const response = await manager.put('/accounts/by-external-id/sf-404', { city: 'Nowhere' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('name');
  });

  it('answers 200 with pages that follow the cursor, the total and a name or domain search', async () => {
    for (const name of ['Page A', 'Page B', 'Page C'])
      await create({ name, domain: `${name.slice(-1)}.pages.example` });
    const first = await manager.get('/accounts?search=page&limit=2');
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(3);
    expect(first.body.items.map((a: { name: string }) => a.name)).toEqual(['Page A', 'Page B']);
    const second = await manager.get(
      `/accounts?search=page&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((a: { name: string }) => a.name)).toEqual(['Page C']);
    expect(second.body.nextCursor).toBeNull();
    const byDomain = await manager.get('/accounts?search=B.PAGES');
    expect(byDomain.body.items.map((a: { name: string }) => a.name)).toEqual(['Page B']);
    const wrong = await manager.get(`/accounts?search=other&cursor=${first.body.nextCursor}`);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('INVALID_CURSOR');
  });

  it('answers 204 to a delete, then 404 ACCOUNT_NOT_FOUND', async () => {
    const account = await create({ name: 'Short-lived' });
    expect((await manager.delete(`/accounts/${account.id}`)).status).toBe(204);
    const gone = await manager.get(`/accounts/${account.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('ACCOUNT_NOT_FOUND');
    expect((await manager.delete(`/accounts/${account.id}`)).status).toBe(404);
    expect((await manager.patch(`/accounts/${account.id}`, { name: 'x' })).status).toBe(404);
  });

  it('links people with an optional role, lists both ways, changes the role and unlinks', async () => {
    const account = await create({ name: 'Linked Co' });
    const ada = (
      await manager.post('/people', { email: 'ada@linked.example', lastName: 'Lovelace' })
    ).body;
    const alan = (
      await manager.post('/people', { email: 'alan@linked.example', lastName: 'Turing' })
    ).body;
    const linked = await manager.put(`/accounts/${account.id}/people/${ada.id}`, {
      role: 'Champion',
    });
    expect(linked.status).toBe(200);
    expect(linked.body).toEqual({ accountId: account.id, personId: ada.id, role: 'Champion' });
    expect((await manager.put(`/accounts/${account.id}/people/${alan.id}`)).body.role).toBeNull();
    const people = await manager.get(`/accounts/${account.id}/people`);
    expect(
      people.body.items.map((p: { email: string; role: string | null }) => [p.email, p.role]),
    ).toEqual([
      ['ada@linked.example', 'Champion'],
      ['alan@linked.example', null],
    ]);
    await manager.put(`/accounts/${account.id}/people/${ada.id}`, { role: 'Decision maker' });
    const accounts = await manager.get(`/people/${ada.id}/accounts`);
    expect(accounts.body.items).toEqual([{ account, role: 'Decision maker' }]);
    expect((await manager.delete(`/accounts/${account.id}/people/${ada.id}`)).status).toBe(204);
    const again = await manager.delete(`/accounts/${account.id}/people/${ada.id}`);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('MEMBERSHIP_NOT_FOUND');
  });

  it('answers 404 when linking to an account or a person that does not exist', async () => {
    const account = await create({ name: 'Lonely Co' });
    const missing = crypto.randomUUID();
    const noPerson = await manager.put(`/accounts/${account.id}/people/${missing}`);
    expect(noPerson.body.error.code).toBe('PERSON_NOT_FOUND');
    const noAccount = await manager.get(`/accounts/${missing}/people`);
    expect(noAccount.status).toBe(404);
    expect(noAccount.body.error.code).toBe('ACCOUNT_NOT_FOUND');
  });

  it('answers 400 VALIDATION_FAILED for an id that is not a UUID', async () => {
    const response = await manager.get('/accounts/not-a-uuid');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('answers 401 without credentials and 403 when a viewer changes an account, yet lets viewers read', async () => {
    expect((await t.anonymous.get('/accounts')).status).toBe(401);
    const forbidden = await viewer.post('/accounts', { name: 'Viewer Co' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
    expect((await viewer.put('/accounts/by-external-id/v-1', { name: 'V' })).status).toBe(403);
    expect((await viewer.get('/accounts')).status).toBe(200);
  });
});
