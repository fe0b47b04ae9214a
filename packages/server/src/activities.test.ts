import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDialects } from '@caravan/storage/test-databases';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

describe.each(testDialects)('activity history on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;
  let viewer: Client;
  let accountId: string;
  let personId: string;

  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    manager = (await t.signIn('manager')).client;
    viewer = (await t.signIn('viewer')).client;
    const account = await manager.post('/accounts', { name: 'Acme', externalId: 'acme' });
    accountId = account.body.id;
    const person = await manager.post('/people', { email: 'ada@acme.example', firstName: 'Ada' });
    personId = person.body.id;
    await manager.put(`/accounts/${accountId}/people/${personId}`, { role: null });
    const events = Array.from({ length: 5 }, (_, i) => ({
      messageId: `m-${i}`,
      type: i % 2 === 0 ? 'formFilledOut' : 'webPageVisited',
      occurredAt: `2026-03-01T0${i}:00:00.000Z`,
      accountId,
      ...(i < 4 ? { personId } : {}),
      properties: { n: i },
    }));
    const answer = await manager.post('/events', { events });
    expect(answer.body.accepted).toBe(5);
  });
  afterAll(async () => t.close());

  it('lists an account’s activities newest first with the person’s name, in pages', async () => {
    const first = await viewer.get(
      `/accounts/${accountId}/activities?limit=2&type=formFilledOut,webPageVisited`,
    );
    expect(first.status).toBe(200);
    expect(first.body.items.map((a: { properties: { n: number } }) => a.properties.n)).toEqual([
      4, 3,
    ]);
    expect(first.body.items[1].person).toMatchObject({ id: personId, name: 'Ada' });
    expect(first.body.items[0].person).toBeNull();
    const second = await viewer.get(
      `/accounts/${accountId}/activities?limit=2&type=formFilledOut,webPageVisited&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((a: { properties: { n: number } }) => a.properties.n)).toEqual([
      2, 1,
    ]);
    expect(first.body.types).toEqual(expect.arrayContaining(['formFilledOut', 'webPageVisited']));
  });

  it('filters a person’s activities by type', async () => {
    const forms = await viewer.get(`/people/${personId}/activities?type=formFilledOut`);
    expect(forms.body.items.map((a: { properties: { n: number } }) => a.properties.n)).toEqual([
      2, 0,
    ]);
    expect(forms.body.nextCursor).toBeNull();
    const both = await viewer.get(
      `/people/${personId}/activities?type=formFilledOut&type=webPageVisited`,
    );
    expect(both.body.items).toHaveLength(4);
  });

  it('answers 404 for an unknown account or person and 400 for a malformed cursor', async () => {
    const missing = crypto.randomUUID();
    expect((await viewer.get(`/accounts/${missing}/activities`)).body.error.code).toBe(
      'ACCOUNT_NOT_FOUND',
    );
    expect((await viewer.get(`/people/${missing}/activities`)).status).toBe(404);
    const bad = await viewer.get(`/people/${personId}/activities?cursor=nonsense`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_CURSOR');
  });
});
