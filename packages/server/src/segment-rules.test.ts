/**
 * Every bad or unusual input a Segment source sends gets its documented answer and nothing
 * partial is written: transport (root paths, gzip, content types, size limits, write key in the
 * body), leniency (null items, unused fields, numeric strings) and the identity rules (conflicts,
 * late retries, clock skew, anonymous calls attached when identified). Saturation:
 * `ingestion-gate.test.ts`.
 */
import { deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listActivities } from '@caravan/storage/activity.repository';
import { testDialects } from '@caravan/storage/test-databases';
import { startTestApp, testStart, type Client, type TestApp } from './test-support/test-app.ts';

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

describe.each(testDialects)('Segment ingestion rules on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;
  let key: string;

  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    manager = (await t.signIn('manager')).client;
    const admin = (await t.signIn('admin')).client;
    key = (await admin.post('/api-keys', { name: 'CDP', role: 'manager' })).body.key;
    // Bob Baker works at Acme; his person has userId "bob".
    await post('/v1/batch', {
      batch: [
        {
          type: 'identify',
          userId: 'bob',
          messageId: 'setup-1',
          timestamp: '2026-03-01T10:00:00.000Z',
          traits: { email: 'bob@acme.example', name: 'Bob Baker', title: 'Engineer' },
        },
        {
          type: 'group',
          userId: 'bob',
          groupId: 'acme',
          messageId: 'setup-2',
          traits: { name: 'Acme' },
        },
      ],
    });
  });
  afterAll(async () => t.close());

  // Tests read answers freely; each assertion states the shape it expects.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type AnyBody = any;

  function post(
    url: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: AnyBody; headers: Record<string, unknown> }> {
    const payload = Buffer.isBuffer(body) ? body : JSON.stringify(body);
    return t.app
      .inject({
        method: 'POST',
        url,
        headers: { authorization: basic(key), 'content-type': 'application/json', ...headers },
        payload,
      })
      .then((r) => ({ status: r.statusCode, body: r.json(), headers: r.headers }));
  }

  const person = async (externalId: string) =>
    (await manager.get('/people?limit=200')).body.items.find(
      (p: { externalId: string }) => p.externalId === externalId,
    );
  const activitiesOf = async (type: string) =>
    listActivities(t.database.db, { types: [type], limit: 5000 });

  it('serves every call type at the root paths the SDKs use, /v1/b included', async () => {
    for (const path of ['identify', 'group', 'track', 'page', 'screen', 'alias']) {
      const answer = await post(`/v1/${path}`, {
        userId: 'bob',
        event: 'x',
        groupId: 'acme',
        previousId: 'bob-old',
      });
      expect(answer.status, path).toBe(200);
    }
    const b = await post('/v1/b', { batch: [{ type: 'track', userId: 'bob', event: 'Via b' }] });
    expect(b.body).toMatchObject({ success: true, accepted: 1 });
  });

  it('reads gzip and deflate bodies and JSON under any declared content type', async () => {
    const call = (id: string) => ({
      batch: [{ type: 'track', userId: 'bob', event: 'Packed', messageId: id }],
    });
    const gz = await post('/v1/batch', gzipSync(JSON.stringify(call('gz'))), {
      'content-encoding': 'gzip',
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(gz.body).toMatchObject({ accepted: 1 });
    const df = await post('/v1/batch', deflateSync(JSON.stringify(call('df'))), {
      'content-encoding': 'deflate',
      'content-type': 'text/plain',
    });
    expect(df.body).toMatchObject({ accepted: 1 });
    expect(await activitiesOf('Packed')).toHaveLength(2);
  });

  it('takes the write key from the body when no Authorization header is sent', async () => {
    const answer = await t.app.inject({
      method: 'POST',
      url: '/v1/track',
      headers: { 'content-type': 'application/json' },
      payload: { writeKey: key, userId: 'bob', event: 'Keyed' },
    });
    expect(answer.statusCode).toBe(200);
  });

  it('accepts a 1,200-call batch of about 436 KB, limited by size not count', async () => {
    const batch = Array.from({ length: 1200 }, (_, i) => ({
      type: 'track',
      userId: 'bob',
      event: 'Bulk',
      messageId: `bulk-${i}`,
      properties: { note: 'x'.repeat(260) },
      context: { library: { name: 'analytics-node', version: '3.1.0' } },
    }));
    const size = JSON.stringify({ batch }).length;
    expect(size).toBeGreaterThan(400_000);
    expect(size).toBeLessThan(500 * 1024);
    const answer = await post('/v1/batch', { batch });
    expect(answer.body).toMatchObject({ accepted: 1200, rejected: [] });
  });

  it('answers 413 above 500 KB after decompression and 413 for a single call above 32 KB, storing nothing', async () => {
    const batch = Array.from({ length: 700 }, (_, i) => ({
      type: 'track',
      userId: 'bob',
      event: 'Huge',
      messageId: `huge-${i}`,
      properties: { note: 'y'.repeat(800) },
    }));
    const zipped = gzipSync(JSON.stringify({ batch }));
    expect(zipped.length).toBeLessThan(100_000);
    const big = await post('/v1/batch', zipped, { 'content-encoding': 'gzip' });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const single = await post('/v1/track', {
      userId: 'bob',
      event: 'Huge',
      properties: { note: 'z'.repeat(40_000) },
    });
    expect(single.status).toBe(413);
    const inBatch = await post('/v1/batch', {
      batch: [
        { type: 'track', userId: 'bob', event: 'Huge', properties: { note: 'z'.repeat(40_000) } },
      ],
    });
    expect(inBatch.body.rejected[0].code).toBe('CALL_TOO_LARGE');
    expect(await activitiesOf('Huge')).toHaveLength(0);
  });

  it('ignores fields Caravan does not use and coerces numeric strings', async () => {
    const answer = await post('/v1/batch', {
      sentAt: 'yesterday',
      _metadata: { bundled: ['Segment.io'] },
      batch: [
        {
          type: 'group',
          userId: 'bob',
          groupId: 'acme',
          sentAt: 'yesterday',
          integrations: { All: false },
          _metadata: { unbundled: [] },
          traits: { employees: '1200' },
          messageId: 'lenient-1',
        },
      ],
    });
    expect(answer.body).toMatchObject({ accepted: 1, rejected: [] });
    const acme = (await manager.get('/accounts?search=Acme')).body.items[0];
    expect(acme.employees).toBe(1200);
  });

  it('refuses with IDENTITY_CONFLICT an identify whose email is another user’s, changing nobody', async () => {
    const single = await post('/v1/identify', {
      userId: 'mallory',
      traits: { email: 'bob@acme.example', name: 'Mallory Other', title: 'Intern' },
    });
    expect(single.status).toBe(409);
    expect(single.body.error.code).toBe('IDENTITY_CONFLICT');
    const inBatch = await post('/v1/batch', {
      batch: [
        {
          type: 'identify',
          userId: 'mallory',
          traits: { email: 'bob@acme.example', title: 'Intern' },
        },
      ],
    });
    expect(inBatch.body.rejected).toEqual([
      expect.objectContaining({ index: 0, code: 'IDENTITY_CONFLICT' }),
    ]);
    expect(await person('bob')).toMatchObject({
      firstName: 'Bob',
      lastName: 'Baker',
      jobTitle: 'Engineer',
    });
    expect(await person('mallory')).toBeUndefined();
  });

  it('keeps a newer trait when a late retry of an older identify arrives, and ignores a repeated messageId', async () => {
    await post('/v1/identify', {
      userId: 'bob',
      messageId: 'title-new',
      timestamp: '2026-03-02T08:00:00.000Z',
      traits: { title: 'CTO' },
    });
    const late = await post('/v1/identify', {
      userId: 'bob',
      messageId: 'title-old',
      timestamp: '2026-03-01T12:00:00.000Z',
      traits: { title: 'Engineer', firstName: 'Robert' },
    });
    expect(late.status).toBe(200);
    expect(await person('bob')).toMatchObject({ jobTitle: 'CTO', firstName: 'Robert' });
    const repeated = await post('/v1/identify', {
      userId: 'bob',
      messageId: 'title-new',
      timestamp: '2026-03-02T08:30:00.000Z',
      traits: { title: 'CEO' },
    });
    expect(repeated.body).toEqual({ success: true, duplicate: true });
    expect((await person('bob')).jobTitle).toBe('CTO');
  });

  it('clamps a timestamp more than a day in the future to the receive time', async () => {
    await post('/v1/track', {
      userId: 'bob',
      event: 'Skewed',
      timestamp: '2030-01-01T00:00:00.000Z',
    });
    const [stored] = await activitiesOf('Skewed');
    expect(stored?.occurredAt).toBe(testStart.toISOString());
  });

  it('keeps anonymous calls pending and attaches them when an identify names the anonymousId', async () => {
    const early = await post('/v1/batch', {
      batch: [
        {
          type: 'page',
          anonymousId: 'visitor-9',
          name: 'Pricing',
          context: { page: { url: 'https://acme.example/pricing' } },
        },
        {
          type: 'track',
          anonymousId: 'visitor-9',
          event: 'Demo Requested',
          messageId: 'anon-demo',
        },
        { type: 'identify', anonymousId: 'visitor-9', traits: { plan: 'pro' } },
      ],
    });
    expect(early.body).toMatchObject({ accepted: 0, pending: 3, rejected: [] });
    expect(await activitiesOf('Demo Requested')).toHaveLength(0);
    await post('/v1/identify', {
      userId: 'vera',
      anonymousId: 'visitor-9',
      traits: { email: 'vera@acme.example' },
    });
    await post('/v1/group', { userId: 'vera', groupId: 'acme' });
    const vera = await person('vera');
    const [demo] = await activitiesOf('Demo Requested');
    expect(demo).toMatchObject({ personId: vera.id, messageId: 'anon-demo' });
    const pages = (await activitiesOf('webPageVisited')).filter((a) => a.personId === vera.id);
    expect(pages[0]?.properties).toMatchObject({
      name: 'Pricing',
      url: 'https://acme.example/pricing',
    });
    const retried = await post('/v1/track', {
      anonymousId: 'visitor-9',
      event: 'Demo Requested',
      messageId: 'anon-demo',
    });
    expect(retried.body).toEqual({ success: true, duplicate: true });
  });

  it('counts ingested calls by type and outcome in /metrics', async () => {
    const text = (await t.app.inject({ method: 'GET', url: '/metrics', headers: manager.headers }))
      .body;
    expect(text).toMatch(
      /caravan_ingested_calls_total\{type="track",outcome="accepted",code=""\} [1-9]/,
    );
    expect(text).toMatch(
      /caravan_ingested_calls_total\{type="identify",outcome="rejected",code="IDENTITY_CONFLICT"\} 2/,
    );
    expect(text).toMatch(
      /caravan_ingested_calls_total\{type="track",outcome="pending",code=""\} [1-9]/,
    );
  });
});
