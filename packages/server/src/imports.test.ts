import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDialects } from '@caravan/storage/test-databases';
import { importBodyLimit } from './imports.plugin.ts';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

describe.each(testDialects)('imports API on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;
  let viewer: Client;

  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    manager = (await t.signIn('manager')).client;
    viewer = (await t.signIn('viewer')).client;
  });
  afterAll(async () => t.close());

  const upload = (
    client: Client,
    entity: string,
    csv: string,
    headers: Record<string, string> = {},
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/imports/${entity}`,
      headers: { ...client.headers, 'content-type': 'text/csv', ...headers },
      payload: csv,
    });

  it('answers 201 with the counts and every rejected row by line', async () => {
    const response = await upload(
      manager,
      'accounts',
      'externalId,name,domain,employees\nimp-1,Acme,acme.example,12\nimp-2,,nameless.example,\nimp-3,"Multi\nline",multi.example,many\n',
    );
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      inserted: 1,
      updated: 0,
      unchanged: 0,
      rejected: [
        { line: 3, reason: 'name: required' },
        { line: 4, reason: expect.stringMatching(/^employees: /) },
      ],
      rejectedNotListed: 0,
    });
    const listed = await manager.get('/accounts?search=acme');
    expect(listed.body.items).toMatchObject([{ externalId: 'imp-1', employees: 12 }]);
  });

  it('answers 201 with updates when the same people are imported again', async () => {
    const csv = 'email,firstName\nann@imports.example,Ann\n';
    expect((await upload(manager, 'people', csv)).json()).toMatchObject({ inserted: 1 });
    const again = await upload(manager, 'people', 'email,firstName\nann@imports.example,Annie\n');
    expect(again.json()).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
  });

  it('answers 422 CSV_HEADER_INVALID with every header problem', async () => {
    const response = await upload(manager, 'people', 'firstName,colour\nAnn,red\n');
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({
      code: 'CSV_HEADER_INVALID',
      details: [
        expect.stringContaining('unknown column "colour"'),
        'people need an "externalId", "email" or "mobilePhone" column',
      ],
    });
  });

  it('answers 403 FORBIDDEN to a viewer and imports nothing', async () => {
    const response = await upload(viewer, 'people', 'email\nviewer-made@imports.example\n');
    expect(response.statusCode).toBe(403);
    const people = await manager.get('/people?search=viewer-made');
    expect(people.body.total).toBe(0);
  });

  it('answers 401 UNAUTHENTICATED without credentials', async () => {
    const response = await upload(t.anonymous, 'people', 'email\nx@imports.example\n');
    expect(response.statusCode).toBe(401);
  });

  it('answers 400 VALIDATION_FAILED for an entity it cannot import', async () => {
    const response = await upload(manager, 'journeys', 'name\nX\n');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('answers 415 UNSUPPORTED_MEDIA_TYPE for a JSON body', async () => {
    const response = await manager.post('/imports/people', { email: 'json@imports.example' });
    expect(response.status).toBe(415);
    expect(response.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 413 PAYLOAD_TOO_LARGE when the declared size exceeds 200 MiB', async () => {
    const response = await upload(manager, 'people', 'email\n', {
      'content-length': String(importBodyLimit + 1),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('accepts a CSV larger than the 1 MiB limit of the other routes', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `big${i}@imports.example,Person ${i}`);
    const csv = `email,firstName\n${rows.join('\n')}\n`;
    expect(Buffer.byteLength(csv)).toBeGreaterThan(1024 * 1024);
    const response = await upload(manager, 'people', csv);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ inserted: 40_000, rejected: [] });
  });
});
