import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { JourneyFile } from '@caravan/engine/journeys/journey-transfer.service';
import { testDialects } from '@caravan/storage/test-databases';
import {
  publishableDefinition,
  publishableSchedule,
  storeTestAudience,
} from './test-support/journey.factory.ts';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

describe.each(testDialects)('journey export and import API on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;

  beforeEach(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    manager = (await t.signIn('manager')).client;
  });
  afterEach(async () => t.close());

  async function createRichJourney(name: string) {
    await storeTestAudience(t);
    const response = await manager.post('/journeys', {
      name,
      description: 'Welcome new accounts',
      definition: publishableDefinition(),
      schedule: { ...publishableSchedule(t.clock.now(), 60_000), timeZone: 'Europe/Paris' },
      settings: {
        reEntry: { enabled: true, entryLimit: 3, delay: { amount: 2, unit: 'days' } },
        emailDeduplication: true,
        myTokens: [{ name: 'offer', type: 'text', value: '20% off' }],
      },
    });
    expect(response.status).toBe(201);
    return response.body;
  }

  it('answers 200 with the portable file and an attachment name', async () => {
    const journey = await createRichJourney('Q1 Nurture (EU)');
    const response = await manager.get(`/journeys/${journey.id}/export`);
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="q1-nurture-eu.journey.json"',
    );
    expect(response.body).toEqual({
      format: 'caravan.journey',
      version: 1,
      name: 'Q1 Nurture (EU)',
      description: 'Welcome new accounts',
      definition: journey.definition,
      schedule: journey.schedule,
      settings: journey.settings,
    });
  });

  it('imports an exported journey as an identical draft under the given name (201)', async () => {
    const source = await createRichJourney('Onboarding');
    await manager.post(`/journeys/${source.id}/publish`);
    const file = (await manager.get<JourneyFile>(`/journeys/${source.id}/export`)).body;

    const response = await manager.post('/journeys/import?name=Onboarding%20v2', file);

    expect(response.status).toBe(201);
    expect(response.body.id).not.toBe(source.id);
    expect(response.body).toMatchObject({
      name: 'Onboarding v2',
      description: 'Welcome new accounts',
      status: 'draft',
      publishedAt: null,
    });
    expect(response.body.definition).toEqual(source.definition);
    expect(response.body.schedule).toEqual(source.schedule);
    expect(response.body.settings).toEqual(source.settings);
    const history = await manager.get(`/journeys/${response.body.id}/history`);
    expect(history.body.items.map((c: { to: string }) => c.to)).toEqual(['draft']);
  });

  it("keeps the file's name when no name is given", async () => {
    const source = await createRichJourney('Renewals');
    const file = (await manager.get<JourneyFile>(`/journeys/${source.id}/export`)).body;
    await manager.delete(`/journeys/${source.id}`);
    const response = await manager.post('/journeys/import', file);
    expect(response.status).toBe(201);
    expect(response.body.name).toBe('Renewals');
  });

  it('answers 409 JOURNEY_NAME_TAKEN when the imported name exists', async () => {
    const source = await createRichJourney('Upsell');
    const file = (await manager.get<JourneyFile>(`/journeys/${source.id}/export`)).body;
    const response = await manager.post('/journeys/import', { ...file, name: 'UPSELL' });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('JOURNEY_NAME_TAKEN');
  });

  it('answers 400 VALIDATION_FAILED naming the field of a bad file', async () => {
    const source = await createRichJourney('Broken');
    const file = (await manager.get<JourneyFile>(`/journeys/${source.id}/export`)).body;
    const bad = {
      ...file,
      version: 2,
      definition: { ...file.definition, nodes: [{ id: 'x', type: 'teleport', settings: {} }] },
    };
    const response = await manager.post('/journeys/import', bad);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    const paths = response.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toContain('body.version');
    expect(paths.some((p: string) => p.startsWith('body.definition.nodes.0'))).toBe(true);
  });

  it('answers 404 JOURNEY_NOT_FOUND when exporting an unknown journey', async () => {
    const response = await manager.get(`/journeys/${crypto.randomUUID()}/export`);
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('JOURNEY_NOT_FOUND');
  });

  it('documents both routes in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(doc.paths['/api/v1/journeys/{id}/export'])).toContain('get');
    expect(Object.keys(doc.paths['/api/v1/journeys/import'])).toContain('post');
  });

  it('lets viewers export but answers 403 when they import', async () => {
    const source = await createRichJourney('Viewer test');
    const viewer = (await t.signIn('viewer')).client;
    const exported = await viewer.get<JourneyFile>(`/journeys/${source.id}/export`);
    expect(exported.status).toBe(200);
    const response = await viewer.post('/journeys/import?name=Other', exported.body);
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('FORBIDDEN');
  });
});
