import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDialects } from '@caravan/storage/test-databases';
import { errorCatalogue } from './errors.ts';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

const docsPath = resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs/errors.md');

/** `| CODE | 409 | …` rows of the table in docs/errors.md. */
function documentedCodes(): Record<string, number> {
  const rows = readFileSync(docsPath, 'utf8').matchAll(/^\| ([A-Z_]+) \| (\d{3}) \|/gm);
  return Object.fromEntries([...rows].map((row) => [row[1], Number(row[2])]));
}

describe('the error catalogue', () => {
  it('documents every code with its status in docs/errors.md, and nothing else', () => {
    const catalogued = Object.fromEntries(
      Object.entries(errorCatalogue).map(([code, e]) => [code, e.status]),
    );
    expect(documentedCodes()).toEqual(catalogued);
  });

  it('gives every code a 4xx or 5xx status and a message', () => {
    for (const [code, entry] of Object.entries(errorCatalogue)) {
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
      expect(entry.message.length, code).toBeGreaterThan(0);
    }
  });
});

describe.each(testDialects)('bad input on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;

  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    manager = (await t.signIn('manager')).client;
  });
  afterAll(async () => t.close());

  const raw = (payload: string, contentType = 'application/json') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/journeys',
      headers: { ...manager.headers, 'content-type': contentType },
      payload,
    });

  it('answers 400 BAD_REQUEST for a body that is not JSON', async () => {
    const response = await raw('{"name": ');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('BAD_REQUEST');
  });

  it('answers 400 VALIDATION_FAILED with each issue path for wrong types', async () => {
    const response = await manager.post('/journeys', {
      name: 42,
      schedule: { start: 'tomorrow', end: 7 },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    const paths = response.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(['body.name', 'body.schedule.start', 'body.schedule.end']),
    );
  });

  it('answers 400 VALIDATION_FAILED for a definition with an unknown node type', async () => {
    const definition = { nodes: [{ id: 'x', type: 'teleport', settings: {} }], edges: [] };
    const response = await manager.post('/journeys', { name: 'Odd', definition });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('answers 400 VALIDATION_FAILED for an empty or too long name', async () => {
    expect((await manager.post('/journeys', { name: '  ' })).status).toBe(400);
    expect((await manager.post('/journeys', { name: 'x'.repeat(256) })).status).toBe(400);
  });

  it('answers 400 VALIDATION_FAILED for a journey id that is not a UUID', async () => {
    const response = await manager.get('/journeys/not-an-id');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('answers 415 UNSUPPORTED_MEDIA_TYPE for a body that is not JSON by content type', async () => {
    // With a bearer key: a session cookie would be refused first (403 CSRF_REJECTED).
    const admin = (await t.signIn('admin')).client;
    const { key } = (await admin.post('/api-keys', { name: 'Form poster', role: 'manager' })).body;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/journeys',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'name=x',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 413 PAYLOAD_TOO_LARGE for a body over 1 MiB', async () => {
    const response = await raw(
      JSON.stringify({ name: 'Big', description: 'x'.repeat(2 * 1024 * 1024) }),
    );
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 404 NOT_FOUND in JSON for an unknown API route', async () => {
    const response = await manager.get('/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
  });
});
