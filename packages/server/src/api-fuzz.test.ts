/**
 * Generated bad requests over the whole API, walked from the OpenAPI document: wrong types, huge
 * strings, deep nesting, `__proto__` keys, SQL fragments in ids, search, sort and cursors. Whatever
 * comes, the answer is never a 5xx, the server still answers, and the database is intact.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDialects } from '@caravan/storage/test-databases';
import { startTestApp, type TestApp } from './test-support/test-app.ts';

interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query: string[];
  bodyFields: string[];
  hasBody: boolean;
}

const nasty = [
  "' OR '1'='1",
  '1; DROP TABLE journeys; --',
  'name:desc, (select 1) --',
  'createdAt:asc;--',
  '__proto__',
  'constructor',
  '../../../etc/passwd',
  '%00',
  '\u0000',
  '😀'.repeat(50),
  '-1',
  '1e309',
  '9'.repeat(400),
  'x'.repeat(5000),
  'null',
  '[]',
  '{}',
  'eyJhIjoxfQ',
  'eyJhIjoxfQ.AAAA',
];

const nastyString = fc.oneof(fc.constantFrom(...nasty), fc.string({ maxLength: 40 }));
const anyValue = fc.oneof(
  nastyString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
);

function operationsOf(document: { paths: Record<string, Record<string, unknown>> }): Operation[] {
  const methods = ['get', 'post', 'put', 'patch', 'delete'];
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => methods.includes(method))
      // The test clock moves the engine; the login route has its own rate limits.
      .filter(() => !path.includes('/clock') && !path.endsWith('/auth/login'))
      .map(([method, raw]) => {
        const op = raw as {
          parameters?: { in: string; name: string }[];
          requestBody?: { content?: Record<string, { schema?: { properties?: object } }> };
        };
        const json = op.requestBody?.content?.['application/json']?.schema;
        return {
          method: method.toUpperCase() as Operation['method'],
          path,
          query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
          bodyFields: Object.keys(json?.properties ?? {}),
          hasBody: op.requestBody !== undefined,
        };
      }),
  );
}

/** A body the schema does not expect: wrong types for its fields, extra `__proto__`, raw junk. */
function badBody(op: Operation) {
  const fields = op.bodyFields.length > 0 ? op.bodyFields : ['name'];
  return fc.oneof(
    fc
      .dictionary(fc.constantFrom(...fields), anyValue, { maxKeys: fields.length })
      .map((body) => JSON.stringify(body)),
    fc
      .tuple(fc.constantFrom(...fields), anyValue)
      .map(
        ([field, value]) =>
          `{"__proto__":{"role":"admin"},"constructor":{"prototype":{"x":1}},${JSON.stringify(field)}:${JSON.stringify(value)}}`,
      ),
    fc.constantFrom(
      `${'['.repeat(5000)}${']'.repeat(5000)}`,
      `{"a":${'{"a":'.repeat(2000)}1${'}'.repeat(2001)}`,
      '{"name": ',
      'not json at all',
      JSON.stringify({ name: 'x'.repeat(200_000) }),
    ),
  );
}

function request(op: Operation) {
  return fc.record({
    params: fc.array(nastyString, { minLength: 4, maxLength: 4 }),
    query: fc.dictionary(
      fc.constantFrom(...(op.query.length > 0 ? op.query : ['search'])),
      nastyString,
    ),
    body: op.hasBody || op.method !== 'GET' ? badBody(op) : fc.constant(undefined),
  });
}

describe.each(testDialects)('the API under generated bad requests on %s', (dialect) => {
  let t: TestApp;
  let headers: Record<string, string>;
  let operations: Operation[];

  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    const admin = (await t.signIn('admin')).client;
    const key = (await admin.post('/api-keys', { name: 'Fuzz', role: 'admin' })).body.key;
    headers = { authorization: `Bearer ${key}` };
    // Something to find, so that ids, cursors and sorts meet real rows too.
    await admin.post('/journeys', { name: 'Fuzzed journey' });
    await admin.post('/accounts', { name: 'Fuzzed account' });
    const document = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    operations = operationsOf(document);
  });
  afterAll(async () => t.close());

  it('answers every generated request below 500, stays up and keeps the database intact', async () => {
    expect(operations.length).toBeGreaterThan(50);
    const seen: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations).chain((op) => fc.tuple(fc.constant(op), request(op))),
        async ([op, generated]) => {
          let index = 0;
          const url = op.path.replace(/\{[^}]+\}/g, () =>
            encodeURIComponent(generated.params[index++ % 4] ?? 'x'),
          );
          const search = new URLSearchParams(generated.query).toString();
          const response = await t.app.inject({
            method: op.method,
            url: search ? `${url}?${search}` : url,
            headers: {
              ...headers,
              ...(generated.body === undefined ? {} : { 'content-type': 'application/json' }),
            },
            ...(generated.body === undefined ? {} : { payload: generated.body }),
          });
          if (response.statusCode >= 500) {
            seen.push(
              `${op.method} ${url} → ${response.statusCode} ${response.body.slice(0, 200)}`,
            );
          }
          return response.statusCode < 500;
        },
      ),
      { numRuns: 1000, seed: 20261205, endOnFailure: true },
    );
    expect(seen).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    if (dialect === 'sqlite') {
      const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(
        t.database.db,
      );
      expect(check.rows).toEqual([{ integrity_check: 'ok' }]);
    } else {
      const check = await sql<{ n: number }>`select count(*)::int as n from journeys`.execute(
        t.database.db,
      );
      expect(check.rows[0]?.n).toBeGreaterThanOrEqual(1);
    }
  }, 60_000);
});
