import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { testDialects } from '@caravan/storage/test-databases';
import { createPublishable, journeyInStatus } from './test-support/journey.factory.ts';
import { startTestApp, testPassword, type Client, type TestApp } from './test-support/test-app.ts';

describe.each(testDialects)('authentication and roles on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;

  beforeEach(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    admin = (await t.signIn('admin', 'Ada Admin')).client;
  });
  afterEach(async () => t.close());

  it('answers 401 UNAUTHENTICATED without a session or key', async () => {
    for (const response of [
      await t.anonymous.get('/journeys'),
      await t.anonymous.post('/journeys', { name: 'x' }),
      await t.anonymous.get('/auth/me'),
      await t.anonymous.get('/schemas/journey-definition'),
      await t.clientWith({ cookie: 'caravan_session=forged' }).get('/journeys'),
      await t.clientWith({ authorization: 'Bearer cvn_forged' }).get('/journeys'),
    ]) {
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers 200 with the user and an httpOnly cookie when the password is right', async () => {
    const created = await admin.post('/users', {
      email: 'Sam@Example.com',
      name: 'Sam',
      role: 'manager',
      password: 'long enough',
    });
    expect(created.status).toBe(201);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'sam@example.com', password: 'long enough' },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().user).toMatchObject({ name: 'Sam', role: 'manager' });
    const cookie = login.cookies.find((c) => c.name === 'caravan_session');
    expect(cookie?.httpOnly).toBe(true);
    const me = await t.clientWith({ cookie: `caravan_session=${cookie?.value}` }).get('/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.name).toBe('Sam');
  });

  it('answers 401 INVALID_CREDENTIALS for a wrong password or an unknown email', async () => {
    const wrong = await t.anonymous.post('/auth/login', {
      email: 'admin-1@example.com',
      password: 'nope',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    const unknown = await t.anonymous.post('/auth/login', {
      email: 'ghost@example.com',
      password: testPassword,
    });
    expect(unknown.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  const loginFrom = (remoteAddress: string, email: string, password: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
      remoteAddress,
    });

  it('answers 429 TOO_MANY_REQUESTS with Retry-After after repeated wrong passwords from one address for one email', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      statuses.push((await loginFrom('203.0.113.1', 'victim@example.com', 'x')).statusCode);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    const refused = await loginFrom('203.0.113.1', 'victim@example.com', 'x');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('lets the real user sign in (200) from their own address while an attacker is refused 429 for their account', async () => {
    const { user } = await t.signIn('manager');
    for (let i = 0; i < 12; i += 1) await loginFrom('203.0.113.2', user.email, 'guess');
    expect((await loginFrom('203.0.113.2', user.email, 'guess')).statusCode).toBe(429);
    expect((await loginFrom('203.0.113.3', user.email, testPassword)).statusCode).toBe(200);
  });

  it('counts parallel guesses: of 20 at once from one address for one account, at most 10 are checked', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () => loginFrom('203.0.113.4', 'parallel@example.com', 'x')),
    );
    expect(statuses.filter((r) => r.statusCode === 401)).toHaveLength(10);
    expect(statuses.filter((r) => r.statusCode === 429)).toHaveLength(10);
  });

  it('limits one address across many accounts (429 after 30 a minute)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i += 1) {
      statuses.push((await loginFrom('203.0.113.5', `spray-${i}@example.com`, 'x')).statusCode);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it('answers 401 with the old cookie after logout (204)', async () => {
    const { client } = await t.signIn('manager');
    expect((await client.get('/auth/me')).status).toBe(200);
    expect((await client.post('/auth/logout')).status).toBe(204);
    expect((await client.get('/auth/me')).status).toBe(401);
  });

  it('answers 401 when the session has expired', async () => {
    const { client } = await t.signIn('manager');
    t.clock.advance(169 * 60 * 60 * 1000);
    expect((await client.get('/journeys')).status).toBe(401);
  });

  it('answers 403 FORBIDDEN when a viewer creates, patches, publishes, duplicates or deletes', async () => {
    const journey = await createPublishable(t, admin);
    const { client: viewer } = await t.signIn('viewer');
    for (const response of [
      await viewer.post('/journeys', { name: 'Viewer journey' }),
      await viewer.patch(`/journeys/${journey.id}`, { name: 'Renamed' }),
      await viewer.post(`/journeys/${journey.id}/publish`),
      await viewer.post(`/journeys/${journey.id}/duplicate`, { type: 'partial' }),
      await viewer.delete(`/journeys/${journey.id}`),
    ]) {
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    }
    const after = await viewer.get(`/journeys/${journey.id}`);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ name: journey.name, status: 'draft' });
  });

  it('answers 200 when a viewer saves and reads their own preferences', async () => {
    const { client: viewer } = await t.signIn('viewer');
    const unset = await viewer.get('/me/preferences/journeyList.columns');
    expect(unset.body).toEqual({ key: 'journeyList.columns', value: null });
    const columns = { visible: ['name', 'status', 'createdBy'] };
    const saved = await viewer.put('/me/preferences/journeyList.columns', { value: columns });
    expect(saved.status).toBe(200);
    expect((await viewer.get('/me/preferences/journeyList.columns')).body.value).toEqual(columns);
    // Preferences are per user.
    expect((await admin.get('/me/preferences/journeyList.columns')).body.value).toBeNull();
  });

  it('answers 200 when a viewer validates a journey, which changes nothing', async () => {
    const journey = (await admin.post('/journeys', { name: 'Checked by a viewer' })).body;
    const { client: viewer } = await t.signIn('viewer');
    const report = await viewer.post(`/journeys/${journey.id}/validate`);
    expect(report.status).toBe(200);
    expect(report.body.valid).toBe(false);
    expect(report.body.problems.length).toBeGreaterThan(0);
  });

  it('answers 201 with a key once, and the key authenticates with audit fields naming it', async () => {
    const created = await admin.post('/api-keys', { name: 'CRM sync', role: 'manager' });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^cvn_/);
    const machine = t.clientWith({ authorization: `Bearer ${created.body.key}` });
    const journey = await machine.post('/journeys', { name: 'Made by a machine' });
    expect(journey.status).toBe(201);
    expect(journey.body.createdBy).toEqual({ id: created.body.id, name: 'CRM sync', email: '' });
    const listed = await admin.get('/api-keys');
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).not.toHaveProperty('key');
    expect(listed.body.items[0].lastUsedAt).not.toBeNull();
  });

  it('answers 401 with a revoked key (204 on revoke)', async () => {
    const created = await admin.post('/api-keys', { name: 'Temp', role: 'viewer' });
    expect((await admin.delete(`/api-keys/${created.body.id}`)).status).toBe(204);
    const machine = t.clientWith({ authorization: `Bearer ${created.body.key}` });
    expect((await machine.get('/journeys')).status).toBe(401);
    expect((await admin.delete(`/api-keys/${created.body.id}`)).status).toBe(404);
  });

  it('answers 403 when a viewer key changes a journey', async () => {
    const created = await admin.post('/api-keys', { name: 'Read only', role: 'viewer' });
    const machine = t.clientWith({ authorization: `Bearer ${created.body.key}` });
    expect((await machine.get('/journeys')).status).toBe(200);
    expect((await machine.post('/journeys', { name: 'Nope' })).status).toBe(403);
  });

  it('answers 403 when a manager manages users or API keys', async () => {
    const { client: manager } = await t.signIn('manager');
    expect((await manager.post('/api-keys', { name: 'k', role: 'admin' })).status).toBe(403);
    expect((await manager.get('/api-keys')).status).toBe(403);
    const user = { email: 'x@example.com', name: 'X', role: 'admin', password: 'long enough' };
    expect((await manager.post('/users', user)).status).toBe(403);
    expect((await manager.get('/users')).status).toBe(200);
  });

  it('answers 409 USER_EMAIL_TAKEN when a user email exists in another case', async () => {
    const user = { email: 'dup@example.com', name: 'Dup', role: 'viewer', password: 'long enough' };
    expect((await admin.post('/users', user)).status).toBe(201);
    const again = await admin.post('/users', { ...user, email: 'DUP@example.com' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('USER_EMAIL_TAKEN');
  });

  it('lets a manager act on journeys (200 on close of a live journey)', async () => {
    const { client: manager } = await t.signIn('manager');
    const journey = await journeyInStatus(t, manager, 'live');
    expect((await manager.post(`/journeys/${journey.id}/close`)).status).toBe(200);
  });
});
