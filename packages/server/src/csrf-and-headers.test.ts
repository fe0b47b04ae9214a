import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDialects } from '@caravan/storage/test-databases';
import { startTestApp, testOrigin, type Client, type TestApp } from './test-support/test-app.ts';

describe.each(testDialects)('cross-site requests and security headers on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;
  let cookie: string;
  let apiKey: string;

  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    manager = (await t.signIn('manager')).client;
    cookie = manager.headers['cookie'] ?? '';
    const admin = (await t.signIn('admin')).client;
    apiKey = (await admin.post('/api-keys', { name: 'CI', role: 'manager' })).body.key;
  });
  afterAll(async () => t.close());

  const create = (headers: Record<string, string>, payload: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/journeys', headers, payload });
  const body = () => JSON.stringify({ name: `CSRF ${crypto.randomUUID()}` });
  const journeyCount = async () => (await manager.get('/journeys?limit=1')).body.total as number;

  it('answers 403 CSRF_REJECTED to a cookie mutation from a page on another port of the same host, and creates nothing', async () => {
    const before = await journeyCount();
    const response = await create(
      { cookie, origin: 'http://localhost:5173', 'content-type': 'application/json' },
      body(),
    );
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('CSRF_REJECTED');
    expect(await journeyCount()).toBe(before);
  });

  it('answers 403 CSRF_REJECTED to a same-origin cookie mutation sent as text/plain (a form can send that)', async () => {
    const response = await create(
      { cookie, origin: testOrigin, 'content-type': 'text/plain' },
      body(),
    );
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('CSRF_REJECTED');
  });

  it('answers 403 CSRF_REJECTED to a cookie mutation that names no origin at all', async () => {
    const response = await create({ cookie, 'content-type': 'application/json' }, body());
    expect(response.statusCode).toBe(403);
  });

  it('accepts (201) a cookie mutation with a same-origin Origin, or only a same-origin Referer', async () => {
    const byOrigin = await create(
      { cookie, origin: testOrigin, 'content-type': 'application/json' },
      body(),
    );
    expect(byOrigin.statusCode).toBe(201);
    const byReferer = await create(
      { cookie, referer: `${testOrigin}/journeys`, 'content-type': 'application/json' },
      body(),
    );
    expect(byReferer.statusCode).toBe(201);
  });

  it('does not apply to bearer keys: 201 without any Origin', async () => {
    const response = await create(
      { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body(),
    );
    expect(response.statusCode).toBe(201);
  });

  it('lets CSV through the check (the route then answers for itself, not 403)', async () => {
    const response = await create(
      { cookie, origin: testOrigin, 'content-type': 'text/csv' },
      'name\nx',
    );
    expect(response.statusCode).not.toBe(403);
  });

  it('sends a CSP that forbids framing and eval, nosniff, DENY framing and a referrer policy', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['referrer-policy']).toBe('same-origin');
  });
});
