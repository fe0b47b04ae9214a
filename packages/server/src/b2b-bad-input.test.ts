import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDialects } from '@caravan/storage/test-databases';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

const id = '00000000-0000-4000-8000-000000000000';

/** Every B2B data route that takes a body, with the path to call it on. */
const writes: Array<['POST' | 'PATCH' | 'PUT', string]> = [
  ['POST', '/accounts'],
  ['PATCH', `/accounts/${id}`],
  ['PUT', '/accounts/by-external-id/x-1'],
  ['PUT', `/accounts/${id}/people/${id}`],
  ['POST', '/people'],
  ['PATCH', `/people/${id}`],
  ['PUT', '/people/by-external-id/x-1'],
  ['POST', '/attribute-definitions'],
  ['PATCH', '/attribute-definitions/account/tier'],
  ['POST', '/event-types'],
  ['PATCH', '/event-types/Signed'],
  ['POST', '/events'],
  ['POST', '/segment/identify'],
  ['POST', '/segment/group'],
  ['POST', '/segment/track'],
  ['POST', '/segment/batch'],
];

/** Bodies no route accepts as they are: wrong types, wrong shapes, nothing at all. */
const junk: unknown[] = [
  [],
  [1, 2],
  'text',
  42,
  null,
  { name: { nested: true }, email: 7, attributes: 'none', events: 'x', batch: {}, userId: [] },
  { attributes: { ['a'.repeat(300)]: { deep: [1] } }, properties: [1], traits: 3, fields: [{}] },
];

describe.each(testDialects)('bad input to the B2B data routes on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;
  let writeKey: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    manager = (await t.signIn('manager')).client;
    const admin = (await t.signIn('admin')).client;
    const key = (await admin.post('/api-keys', { name: 'Source', role: 'manager' })).body.key;
    writeKey = { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` };
  });
  afterAll(async () => t.close());

  it('answers a 4xx with an error code, never a 500, to every malformed body on every route', async () => {
    for (const [method, path] of writes) {
      const headers = path.startsWith('/segment/') ? writeKey : manager.headers;
      for (const body of junk) {
        const response = await t.app.inject({
          method,
          url: `/api/v1${path}`,
          headers: { ...headers, 'content-type': 'application/json' },
          payload: JSON.stringify(body),
        });
        const label = `${method} ${path} ${JSON.stringify(body).slice(0, 60)}`;
        expect(response.statusCode, label).toBeGreaterThanOrEqual(400);
        expect(response.statusCode, label).toBeLessThan(500);
        expect(response.json().error.code, label).toEqual(expect.any(String));
      }
    }
  });

  it('answers 400 BAD_REQUEST to a body that is not JSON', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: { ...manager.headers, 'content-type': 'application/json' },
      payload: '{"events": [',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('BAD_REQUEST');
  });

  it('documents every B2B data route in OpenAPI, the Segment ones with the write key', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const paths = doc.paths as Record<string, Record<string, { security?: unknown }>>;
    for (const path of [
      '/api/v1/accounts',
      '/api/v1/accounts/{id}/people/{personId}',
      '/api/v1/accounts/by-external-id/{externalId}',
      '/api/v1/people/{id}/accounts',
      '/api/v1/attribute-definitions/{entity}/{name}',
      '/api/v1/event-types/{name}',
      '/api/v1/events',
      '/api/v1/segment/batch',
    ]) {
      expect(paths[path], path).toBeDefined();
    }
    expect(paths['/api/v1/segment/track']?.post?.security).toEqual([{ writeKey: [] }]);
  });
});
