import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDialects } from '@caravan/storage/test-databases';
import {
  publishableDefinition,
  publishableSchedule,
  storeTestAudience,
  uniqueJourneyName,
} from './test-support/journey.factory.ts';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

describe.each(testDialects)('outbound addresses and secrets through the API on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let manager: Client;

  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    admin = (await t.signIn('admin')).client;
    manager = (await t.signIn('manager')).client;
    await storeTestAudience(t);
  });
  afterAll(async () => t.close());

  async function journeyWithWebhook(url: string) {
    const definition = publishableDefinition();
    definition.nodes.push({
      id: 'hook',
      type: 'action',
      settings: { on: 'accounts', action: { type: 'webhook', url, method: 'POST' } },
    });
    definition.edges.push({ from: 'wait', port: 'next', to: 'hook' });
    const created = await manager.post('/journeys', {
      name: uniqueJourneyName('Webhook'),
      definition,
      schedule: publishableSchedule(t.clock.now()),
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  }

  it('answers 422 OUTBOUND_ADDRESS_REFUSED to publishing a webhook to the metadata address, and the journey stays a draft', async () => {
    const id = await journeyWithWebhook('http://169.254.169.254/latest/meta-data/');
    const published = await manager.post(`/journeys/${id}/publish`);
    expect(published.status).toBe(422);
    expect(published.body.error.code).toBe('OUTBOUND_ADDRESS_REFUSED');
    expect(published.body.error.details).toEqual([
      expect.objectContaining({ nodeId: 'hook', url: 'http://169.254.169.254/latest/meta-data/' }),
    ]);
    expect((await manager.get(`/journeys/${id}`)).body.status).toBe('draft');
  });

  it('publishes a webhook to a public host name', async () => {
    const id = await journeyWithWebhook('https://hooks.example.com/caravan');
    expect((await manager.post(`/journeys/${id}/publish`)).status).toBe(200);
  });

  it.each([
    'http://2130706433/x',
    'http://[::ffff:127.0.0.1]/x',
    'http://10.0.0.1/',
    'http://0x7f000001/',
  ])('answers 422 OUTBOUND_ADDRESS_REFUSED to an external service at %s', async (url) => {
    const created = await manager.post('/external-services', {
      name: `Internal ${crypto.randomUUID()}`,
      url,
    });
    expect(created.status).toBe(422);
    expect(created.body.error.code).toBe('OUTBOUND_ADDRESS_REFUSED');
  });

  it("answers 403 to a manager who changes an external service's secret, and 200 to an admin", async () => {
    const created = await manager.post('/external-services', {
      name: `Scoring ${crypto.randomUUID()}`,
      url: 'https://scoring.example.com/call',
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const byManager = await manager.patch(`/external-services/${id}`, {
      secret: 'the-manager-knows-this-one',
    });
    expect(byManager.status).toBe(403);
    expect((await manager.get(`/external-services/${id}`)).body.secret).toBeUndefined();
    const byAdmin = await admin.patch(`/external-services/${id}`, {
      secret: 'the-admin-rotated-this-one',
    });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.secret).toBe('the-admin-rotated-this-one');
  });

  it('answers 401 before validating the body of an anonymous caller', async () => {
    const response = await t.anonymous.post('/journeys', { name: 42, definition: 'x' });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('UNAUTHENTICATED');
    expect(response.body.error.details).toBeUndefined();
  });
});

describe.each(testDialects)('outbound addresses the operator allows on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;

  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'), { outboundAllow: ['10.1.0.0/16'] });
    manager = (await t.signIn('manager')).client;
  });
  afterAll(async () => t.close());

  it('accepts an external service inside CARAVAN_OUTBOUND_ALLOW and refuses one outside it', async () => {
    const inside = await manager.post('/external-services', {
      name: `Inside ${crypto.randomUUID()}`,
      url: 'http://10.1.4.2:8080/score',
    });
    expect(inside.status).toBe(201);
    const outside = await manager.post('/external-services', {
      name: `Outside ${crypto.randomUUID()}`,
      url: 'http://10.2.4.2:8080/score',
    });
    expect(outside.status).toBe(422);
  });
});
