import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDialects } from '@caravan/storage/test-databases';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

describe.each(testDialects)('the app on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;

  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    manager = (await t.signIn('manager')).client;
  });
  afterAll(async () => t.close());

  it('answers 200 on /healthz and /readyz without auth', async () => {
    for (const url of ['/healthz', '/readyz', '/api/v1/healthz', '/api/v1/readyz']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.json()).toEqual({ status: 'ok' });
    }
  });

  it('serves a valid OpenAPI 3 document listing every API route with its responses', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const operations = Object.entries(
      doc.paths as Record<string, Record<string, { responses: object }>>,
    ).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const expected = [
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/logout',
      'GET /api/v1/auth/me',
      'GET /api/v1/journeys',
      'POST /api/v1/journeys',
      'GET /api/v1/journeys/{id}',
      'PATCH /api/v1/journeys/{id}',
      'DELETE /api/v1/journeys/{id}',
      'POST /api/v1/journeys/{id}/publish',
      'POST /api/v1/journeys/{id}/close',
      'POST /api/v1/journeys/{id}/abort',
      'POST /api/v1/journeys/{id}/duplicate',
      'POST /api/v1/journeys/{id}/validate',
      'GET /api/v1/journeys/{id}/history',
      'GET /api/v1/me/preferences/{key}',
      'PUT /api/v1/me/preferences/{key}',
      'GET /api/v1/users',
      'POST /api/v1/users',
      'GET /api/v1/api-keys',
      'POST /api/v1/api-keys',
      'DELETE /api/v1/api-keys/{id}',
      'GET /api/v1/schemas/journey-definition',
      'GET /api/v1/clock',
      'POST /api/v1/clock/advance',
      'GET /healthz',
      'GET /readyz',
    ];
    expect(operations).toEqual(expect.arrayContaining(expected));
    for (const [path, methods] of Object.entries(
      doc.paths as Record<string, Record<string, { responses: object }>>,
    )) {
      for (const [method, operation] of Object.entries(methods)) {
        expect(Object.keys(operation.responses).length, `${method} ${path}`).toBeGreaterThan(0);
      }
    }
    const publish = doc.paths['/api/v1/journeys/{id}/publish'].post;
    expect(Object.keys(publish.responses)).toEqual(
      expect.arrayContaining(['200', '401', '403', '404', '409', '422']),
    );
  });

  it('answers 200 with the Swagger UI at /docs', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
  });

  it('answers 200 with a JSON Schema of the journey definition', async () => {
    const response = await manager.get('/schemas/journey-definition');
    expect(response.status).toBe(200);
    expect(response.body.type).toBe('object');
    expect(response.body.properties).toHaveProperty('nodes');
    expect(response.body.properties).toHaveProperty('edges');
  });

  it('answers 503 with a hint at / when the web app is not built', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('npm run build:web');
  });

  it('answers 200 with the clock and moves it on advance', async () => {
    const before = await manager.get('/clock');
    expect(before.status).toBe(200);
    const after = await manager.post('/clock/advance', { ms: 60_000 });
    expect(Date.parse(after.body.now) - Date.parse(before.body.now)).toBe(60_000);
  });
});

describe.each(testDialects)('the app with a built web app and no test clock on %s', (dialect) => {
  let t: TestApp;
  let dist: string;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'caravan-web-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Caravan</title>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log("caravan")');
    writeFileSync(join(dist, 'assets', 'entry-DDFxtkz-.js'), 'console.log("hashed")');
    t = await startTestApp(dialect, inject('postgresUrl'), { webDist: dist, testClock: false });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at / and for client routes (SPA fallback)', async () => {
    for (const url of ['/', '/journeys', `/journeys/${crypto.randomUUID()}`, '/login']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toContain('<title>Caravan</title>');
    }
  });

  it('serves the built assets', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('caravan');
  });

  it('lets browsers keep content-hashed assets for a year and makes them revalidate index.html', async () => {
    const hashed = await t.app.inject({ method: 'GET', url: '/assets/entry-DDFxtkz-.js' });
    expect(hashed.statusCode).toBe(200);
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/', '/index.html', '/journeys/some-id', '/assets/app.js']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('answers 404 on the clock endpoints without CARAVAN_TEST_CLOCK', async () => {
    const { client } = await t.signIn('admin');
    expect((await client.get('/clock')).status).toBe(404);
    expect((await client.post('/clock/advance', { ms: 1 })).status).toBe(404);
  });
});

describe.each(testDialects)('readiness on %s', (dialect) => {
  it('answers 503 NOT_READY on /readyz when the database is gone', async () => {
    const t = await startTestApp(dialect, inject('postgresUrl'));
    await t.database.close();
    const response = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json().error.code).toBe('NOT_READY');
    await t.app.close();
  });
});
