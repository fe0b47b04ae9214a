import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import { testDialects } from '@caravan/storage/test-databases';
import {
  publishableSchedule,
  storeTestAudience,
  testAudienceId,
  uniqueJourneyName,
} from './test-support/journey.factory.ts';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

const service = (name: string, overrides: Record<string, unknown> = {}) => ({
  name,
  url: 'https://scoring.example.com/score',
  ...overrides,
});

/** The audience, then an external action calling `serviceId`. */
function callingDefinition(serviceId: string): JourneyDefinition {
  return {
    nodes: [
      {
        id: 'audience',
        type: 'audience',
        settings: { source: 'audience', sourceId: testAudienceId },
      },
      { id: 'call', type: 'externalAction', settings: { serviceId } },
    ],
    edges: [{ from: 'audience', port: 'next', to: 'call' }],
  };
}

describe.each(testDialects)('external services API on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let manager: Client;
  let viewer: Client;

  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    admin = (await t.signIn('admin')).client;
    manager = (await t.signIn('manager')).client;
    viewer = (await t.signIn('viewer')).client;
  });
  afterAll(async () => t.close());

  const create = async (body: Record<string, unknown>) => {
    const response = await manager.post('/external-services', body);
    expect(response.status).toBe(201);
    return response.body;
  };

  it('answers 201 with a generated secret and the default timeout, shown once to a manager', async () => {
    const created = await create(service('Lead scoring'));
    expect(created).toMatchObject({
      name: 'Lead scoring',
      url: 'https://scoring.example.com/score',
      timeoutSeconds: 300,
      createdAt: t.clock.now().toISOString(),
    });
    expect(created.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const { secret, ...withoutSecret } = created;
    expect((await manager.get(`/external-services/${created.id}`)).body).toEqual(withoutSecret);
    expect((await viewer.get(`/external-services/${created.id}`)).body).toEqual(withoutSecret);
    expect((await admin.get(`/external-services/${created.id}`)).body).toEqual(created);
    const listed = await admin.get('/external-services?search=lead');
    expect(listed.body.items).toEqual([expect.objectContaining({ id: created.id, secret })]);
  });

  it('answers 200 to a change and keeps a given secret', async () => {
    const created = await create(
      service('Enrichment', { secret: 'shared-with-the-vendor', timeoutSeconds: 30 }),
    );
    expect(created).toMatchObject({ secret: 'shared-with-the-vendor', timeoutSeconds: 30 });
    t.clock.advance(60_000);
    const patched = await manager.patch(`/external-services/${created.id}`, {
      url: 'https://vendor.example.com/enrich',
      timeoutSeconds: 86_400,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: 'Enrichment',
      url: 'https://vendor.example.com/enrich',
      timeoutSeconds: 86_400,
      updatedAt: t.clock.now().toISOString(),
    });
    expect(patched.body.secret).toBeUndefined();
    expect((await admin.get(`/external-services/${created.id}`)).body.secret).toBe(
      'shared-with-the-vendor',
    );
  });

  it('answers 400 VALIDATION_FAILED naming the field for a bad url, timeout, name or secret', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [service('Ftp', { url: 'ftp://files.example.com' }), 'body.url'],
      [service('Relative', { url: '/score' }), 'body.url'],
      [service('Zero', { timeoutSeconds: 0 }), 'body.timeoutSeconds'],
      [service('Too long', { timeoutSeconds: 86_401 }), 'body.timeoutSeconds'],
      [service('Fraction', { timeoutSeconds: 1.5 }), 'body.timeoutSeconds'],
      [service('   '), 'body.name'],
      [service('x'.repeat(101)), 'body.name'],
      [service('Short secret', { secret: 'short' }), 'body.secret'],
    ];
    for (const [body, path] of cases) {
      const response = await manager.post('/external-services', body);
      expect(response.status, path).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
  });

  it('answers 409 EXTERNAL_SERVICE_NAME_TAKEN for a name differing only in case', async () => {
    const first = await create(service('CRM sync'));
    const second = await create(service('ERP sync'));
    const taken = await manager.post('/external-services', service('crm SYNC'));
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('EXTERNAL_SERVICE_NAME_TAKEN');
    const renamed = await manager.patch(`/external-services/${second.id}`, { name: 'Crm Sync' });
    expect(renamed.status).toBe(409);
    expect((await admin.get(`/external-services/${first.id}`)).body.name).toBe('CRM sync');
  });

  it('answers 404 EXTERNAL_SERVICE_NOT_FOUND for an unknown id', async () => {
    for (const response of [
      await manager.get('/external-services/crm-sync'),
      await manager.patch(`/external-services/${crypto.randomUUID()}`, { name: 'x' }),
      await manager.delete(`/external-services/${crypto.randomUUID()}`),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('EXTERNAL_SERVICE_NOT_FOUND');
    }
  });

  it('answers 403 to a viewer who tries to create, change or delete', async () => {
    const created = await create(service('Viewer target'));
    expect((await viewer.post('/external-services', service('Nope'))).status).toBe(403);
    expect((await viewer.patch(`/external-services/${created.id}`, { name: 'N' })).status).toBe(
      403,
    );
    expect((await viewer.delete(`/external-services/${created.id}`)).status).toBe(403);
    expect((await t.anonymous.get('/external-services')).status).toBe(401);
  });

  it('answers 422 REFERENCE_MISSING at publish while the service does not exist', async () => {
    await storeTestAudience(t);
    const created = await manager.post('/journeys', {
      name: uniqueJourneyName('Calls a missing service'),
      definition: callingDefinition(crypto.randomUUID()),
      schedule: publishableSchedule(t.clock.now()),
    });
    expect(created.status).toBe(201);
    const refused = await manager.post(`/journeys/${created.body.id}/publish`);
    expect(refused.status).toBe(422);
    const errors = refused.body.error.details.filter(
      (p: { severity: string }) => p.severity === 'error',
    );
    expect(errors).toEqual([
      expect.objectContaining({ code: 'REFERENCE_MISSING', nodeId: 'call' }),
    ]);
  });

  it('answers 409 IN_USE to deleting a service a live journey calls, and 204 once it is aborted', async () => {
    await storeTestAudience(t);
    const called = await create(service('Called by a live journey'));
    const journey = await manager.post('/journeys', {
      name: uniqueJourneyName('Calls a service'),
      definition: callingDefinition(called.id),
      schedule: publishableSchedule(t.clock.now()),
    });
    const published = await manager.post(`/journeys/${journey.body.id}/publish`);
    expect(published.status).toBe(200);

    const refused = await manager.delete(`/external-services/${called.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('IN_USE');
    expect(refused.body.error.message).toContain(journey.body.name);
    expect(refused.body.error.details).toEqual([
      expect.objectContaining({ journeyId: journey.body.id, status: 'live', nodeId: 'call' }),
    ]);
    expect((await manager.get(`/external-services/${called.id}`)).status).toBe(200);

    expect((await manager.post(`/journeys/${journey.body.id}/abort`)).status).toBe(200);
    expect((await manager.delete(`/external-services/${called.id}`)).status).toBe(204);
    expect((await manager.get(`/external-services/${called.id}`)).status).toBe(404);
  });
});
