import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listActivities } from '@caravan/storage/activity.repository';
import { testDialects } from '@caravan/storage/test-databases';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

const day = 24 * 60 * 60 * 1000;

describe.each(testDialects)('account lists API on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;
  let viewer: Client;

  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    manager = (await t.signIn('manager')).client;
    viewer = (await t.signIn('viewer')).client;
  });
  afterAll(async () => t.close());

  const createAccount = async (body: Record<string, unknown>) => {
    const response = await manager.post('/accounts', body);
    expect(response.status).toBe(201);
    return response.body as { id: string };
  };

  const createList = async (body: Record<string, unknown>) => {
    const response = await manager.post('/account-lists', body);
    expect(response.status).toBe(201);
    return response.body as { id: string; memberCount: number; status: string };
  };

  const memberIds = async (listId: string) => {
    const response = await manager.get(`/account-lists/${listId}/members?limit=200`);
    expect(response.status).toBe(200);
    return (response.body.items as { id: string }[]).map((a) => a.id).sort();
  };

  const industryIs = (value: string) => ({
    match: 'all',
    rules: [{ kind: 'account', attribute: 'industry', operator: 'equals', value }],
  });

  it('adds and removes members of a static list idempotently', async () => {
    const a = await createAccount({ name: 'Static A' });
    const b = await createAccount({ name: 'Static B' });
    const list = await createList({ name: 'Hand picked', kind: 'static' });
    expect(list).toMatchObject({ status: 'draft', memberCount: 0, condition: null });

    const added = await manager.put(`/account-lists/${list.id}/members`, {
      accountIds: [a.id, b.id],
    });
    expect(added.status).toBe(200);
    expect(added.body.changed.sort()).toEqual([a.id, b.id].sort());
    const again = await manager.put(`/account-lists/${list.id}/members`, { accountIds: [a.id] });
    expect(again.body).toEqual({ changed: [], memberCount: 2 });

    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/account-lists/${list.id}/members`,
      headers: manager.headers,
      payload: { accountIds: [a.id] },
    });
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toEqual({ changed: [a.id], memberCount: 1 });
    const removedAgain = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/account-lists/${list.id}/members`,
      headers: manager.headers,
      payload: { accountIds: [a.id] },
    });
    expect(removedAgain.json()).toEqual({ changed: [], memberCount: 1 });
    expect(await memberIds(list.id)).toEqual([b.id]);
    const entries = await listActivities(t.database.db, {
      accountId: a.id,
      types: ['accountListEntered', 'accountListExited'],
      limit: 10,
    });
    expect(entries.map((e) => e.type).sort()).toEqual(['accountListEntered', 'accountListExited']);
  });

  it('answers 422 LIST_MEMBERS_UNKNOWN and adds nothing when an account id names no account', async () => {
    const a = await createAccount({ name: 'Known' });
    const list = await createList({ name: 'With unknown', kind: 'static' });
    const missing = crypto.randomUUID();
    const response = await manager.put(`/account-lists/${list.id}/members`, {
      accountIds: [a.id, missing],
    });
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ code: 'LIST_MEMBERS_UNKNOWN', details: [missing] });
    expect(await memberIds(list.id)).toEqual([]);
  });

  it('keeps a live dynamic list current as accounts change', async () => {
    const a = await createAccount({ name: 'Dyn A', industry: 'Aerospace' });
    const list = await createList({
      name: 'Aerospace list',
      kind: 'dynamic',
      condition: industryIs('Aerospace'),
    });
    expect(list.memberCount).toBe(1);
    const published = await manager.post(`/account-lists/${list.id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('live');

    const b = await createAccount({ name: 'Dyn B', industry: 'Aerospace' });
    expect(await memberIds(list.id)).toEqual([a.id, b.id].sort());
    await manager.patch(`/accounts/${a.id}`, { industry: 'Shipping' });
    expect(await memberIds(list.id)).toEqual([b.id]);
  });

  it('moves an account into, then out of, a list-rule audience as it joins the list and the list is deleted', async () => {
    const account = await createAccount({ name: 'Listed' });
    const list = await createList({ name: 'VIPs', kind: 'static' });
    const audience = await manager.post('/audiences', {
      name: 'In the VIP list',
      condition: {
        match: 'all',
        rules: [{ kind: 'listMembership', listId: list.id, isMember: true }],
      },
    });
    expect(audience.body.memberCount).toBe(0);
    await manager.put(`/account-lists/${list.id}/members`, { accountIds: [account.id] });
    expect((await manager.get(`/audiences/${audience.body.id}`)).body.memberCount).toBe(1);
    expect((await manager.delete(`/account-lists/${list.id}`)).status).toBe(204);
    expect((await manager.get(`/audiences/${audience.body.id}`)).body.memberCount).toBe(0);
  });

  it('lists the lists and audiences an account is in by name, and 404 for an unknown account', async () => {
    const account = await createAccount({ name: 'Segmented' });
    const list = await createList({ name: 'Segment list', kind: 'static' });
    const audience = await manager.post('/audiences', {
      name: 'In the segment list',
      condition: {
        match: 'all',
        rules: [{ kind: 'listMembership', listId: list.id, isMember: true }],
      },
    });
    await manager.put(`/account-lists/${list.id}/members`, { accountIds: [account.id] });
    const segments = await manager.get(`/accounts/${account.id}/segments`);
    expect(segments.status).toBe(200);
    expect(segments.body).toEqual({
      lists: [{ id: list.id, name: 'Segment list', kind: 'static' }],
      audiences: expect.arrayContaining([{ id: audience.body.id, name: 'In the segment list' }]),
    });
    const unknown = await manager.get('/accounts/00000000-0000-4000-8000-00000000dead/segments');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('ACCOUNT_NOT_FOUND');
  });

  it('answers 409 LIST_NOT_STATIC when members of a dynamic list are changed by hand', async () => {
    const account = await createAccount({ name: 'Not by hand' });
    const list = await createList({
      name: 'Rule based',
      kind: 'dynamic',
      condition: industryIs('X'),
    });
    const response = await manager.put(`/account-lists/${list.id}/members`, {
      accountIds: [account.id],
    });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('LIST_NOT_STATIC');
  });

  it('answers 400 VALIDATION_FAILED for a dynamic list without a condition', async () => {
    const response = await manager.post('/account-lists', { name: 'No rule', kind: 'dynamic' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('answers 404 ACCOUNT_LIST_NOT_FOUND for an unknown list', async () => {
    const response = await manager.get(`/account-lists/${crypto.randomUUID()}`);
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('ACCOUNT_LIST_NOT_FOUND');
  });

  it('answers 409 LIST_IN_USE when a live journey adds accounts to the list', async () => {
    const list = await createList({ name: 'Journey target', kind: 'static' });
    // Publish checks references: the list must be live and the audience must exist.
    expect((await manager.post(`/account-lists/${list.id}/publish`)).status).toBe(200);
    const audience = await manager.post('/audiences', {
      name: 'Journey audience',
      condition: { match: 'all', rules: [] },
    });
    expect(audience.status).toBe(201);
    const journey = await manager.post('/journeys', { name: 'Adds to the list' });
    const definition = {
      nodes: [
        {
          id: 'audience',
          type: 'audience',
          settings: { source: 'audience', sourceId: audience.body.id },
        },
        {
          id: 'add',
          type: 'action',
          settings: { on: 'accounts', action: { type: 'addToAccountList', listId: list.id } },
        },
      ],
      edges: [{ from: 'audience', port: 'next', to: 'add' }],
    };
    const end = new Date(t.clock.now().getTime() + 30 * day).toISOString();
    const patched = await manager.patch(`/journeys/${journey.body.id}`, {
      definition,
      schedule: { start: 'immediately', end },
    });
    expect(patched.status).toBe(200);
    const published = await manager.post(`/journeys/${journey.body.id}/publish`);
    expect(published.status).toBe(200);

    const refused = await manager.delete(`/account-lists/${list.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('LIST_IN_USE');
    const unused = await createList({ name: 'Unused list', kind: 'static' });
    expect((await manager.delete(`/account-lists/${unused.id}`)).status).toBe(204);
  });

  it('lists account lists with search and member counts', async () => {
    await createList({ name: 'Omega searchable', kind: 'static' });
    const response = await manager.get('/account-lists?search=omega');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ total: 1, nextCursor: null });
    expect(response.body.items[0]).toMatchObject({ name: 'Omega searchable', memberCount: 0 });
  });

  it('answers 403 FORBIDDEN when a viewer changes a list', async () => {
    const list = await createList({ name: 'Viewer list', kind: 'static' });
    expect((await viewer.post('/account-lists', { name: 'V', kind: 'static' })).status).toBe(403);
    expect((await viewer.post(`/account-lists/${list.id}/publish`)).status).toBe(403);
    expect((await viewer.delete(`/account-lists/${list.id}`)).status).toBe(403);
    expect((await viewer.get(`/account-lists/${list.id}`)).status).toBe(200);
  });
});
