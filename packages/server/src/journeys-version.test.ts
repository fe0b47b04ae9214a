import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { testDialects } from '@caravan/storage/test-databases';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

describe.each(testDialects)('journey versions on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;

  beforeEach(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    manager = (await t.signIn('manager')).client;
  });
  afterEach(async () => t.close());

  async function createDraft(): Promise<string> {
    const created = await manager.post('/journeys', { name: 'Q1 nurture' });
    expect(created.body.version).toBe(1);
    return created.body.id as string;
  }

  it('increments the version on every save and shows it on read and in the list', async () => {
    const id = await createDraft();
    expect((await manager.patch(`/journeys/${id}`, { description: 'a' })).body.version).toBe(2);
    expect((await manager.patch(`/journeys/${id}`, { description: 'b' })).body.version).toBe(3);
    expect((await manager.get(`/journeys/${id}`)).body.version).toBe(3);
    expect((await manager.get('/journeys')).body.items[0].version).toBe(3);
  });

  it('answers 200 and the next version when the edit names the current version', async () => {
    const id = await createDraft();
    const saved = await manager.patch(`/journeys/${id}`, { description: 'tab A', version: 1 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ description: 'tab A', version: 2 });
    const next = await manager.patch(`/journeys/${id}`, { description: 'again', version: 2 });
    expect(next.body).toMatchObject({ description: 'again', version: 3 });
  });

  it('answers 409 JOURNEY_VERSION_CONFLICT on a stale version and changes nothing', async () => {
    const id = await createDraft();
    await manager.patch(`/journeys/${id}`, { description: 'tab A', version: 1 });
    const stale = await manager.patch(`/journeys/${id}`, { description: 'tab B', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toEqual({
      error: {
        code: 'JOURNEY_VERSION_CONFLICT',
        message: 'This journey was changed elsewhere (version 2); reload to see the latest.',
        details: { version: 2 },
      },
    });
    expect((await manager.get(`/journeys/${id}`)).body).toMatchObject({
      description: 'tab A',
      version: 2,
    });
  });

  it('answers 409 on a stale version even when the edit would change nothing', async () => {
    const id = await createDraft();
    await manager.patch(`/journeys/${id}`, { description: 'tab A' });
    const stale = await manager.patch(`/journeys/${id}`, { description: 'tab A', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('JOURNEY_VERSION_CONFLICT');
  });

  it('saves whatever the version is when the edit names none', async () => {
    const id = await createDraft();
    await manager.patch(`/journeys/${id}`, { description: 'a' });
    const unversioned = await manager.patch(`/journeys/${id}`, { description: 'b' });
    expect(unversioned.status).toBe(200);
    expect(unversioned.body).toMatchObject({ description: 'b', version: 3 });
  });

  it('answers 400 VALIDATION_FAILED when the version is not a positive whole number', async () => {
    const id = await createDraft();
    const bad = await manager.patch(`/journeys/${id}`, { description: 'x', version: '1' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect((await manager.get(`/journeys/${id}`)).body.version).toBe(1);
  });
});
