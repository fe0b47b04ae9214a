import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDialects } from '@caravan/storage/test-databases';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

describe.each(testDialects)('event types API on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;
  let viewer: Client;

  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    manager = (await t.signIn('manager')).client;
    viewer = (await t.signIn('viewer')).client;
  });
  afterAll(async () => t.close());

  const webinar = {
    name: 'Webinar Attended',
    label: 'Webinar attended',
    entity: 'person',
    fields: [{ name: 'webinarId', label: 'Webinar', type: 'text' }],
  };

  it('answers 201 to a new event type, lists it and reads it by name', async () => {
    const created = await manager.post('/event-types', webinar);
    expect(created.status).toBe(201);
    expect(created.body).toEqual(webinar);
    await manager.post('/event-types', {
      name: 'Contract Signed',
      label: 'Contract signed',
      entity: 'account',
    });
    const list = await viewer.get('/event-types');
    expect(list.body.items.map((e: { name: string }) => e.name)).toEqual([
      'Contract Signed',
      'Webinar Attended',
    ]);
    const read = await manager.get(`/event-types/${encodeURIComponent('Webinar Attended')}`);
    expect(read.body).toEqual(webinar);
  });

  it('answers 409 EVENT_TYPE_NAME_TAKEN for a name that exists', async () => {
    await manager.post('/event-types', { ...webinar, name: 'Demo Requested' });
    const again = await manager.post('/event-types', { ...webinar, name: 'Demo Requested' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('EVENT_TYPE_NAME_TAKEN');
  });

  it('answers 400 VALIDATION_FAILED for repeated field names or an unknown entity', async () => {
    const repeated = await manager.post('/event-types', {
      ...webinar,
      name: 'Repeated',
      fields: [webinar.fields[0], webinar.fields[0]],
    });
    expect(repeated.status).toBe(400);
    const entity = await manager.post('/event-types', {
      ...webinar,
      name: 'Odd',
      entity: 'company',
    });
    expect(entity.status).toBe(400);
    expect(entity.body.error.details[0].path).toBe('body.entity');
  });

  it('answers 200 to a change of label and fields, keeping name and entity', async () => {
    await manager.post('/event-types', { ...webinar, name: 'Trial Started' });
    const changed = await manager.patch('/event-types/Trial%20Started', {
      label: 'Trial started',
      fields: [{ name: 'plan', label: 'Plan', type: 'text' }],
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({
      name: 'Trial Started',
      label: 'Trial started',
      entity: 'person',
      fields: [{ name: 'plan', label: 'Plan', type: 'text' }],
    });
  });

  it('answers 204 to a delete, then 404 EVENT_TYPE_NOT_FOUND', async () => {
    await manager.post('/event-types', { ...webinar, name: 'Gone Soon' });
    expect((await manager.delete('/event-types/Gone%20Soon')).status).toBe(204);
    const gone = await manager.get('/event-types/Gone%20Soon');
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('EVENT_TYPE_NOT_FOUND');
    expect((await manager.patch('/event-types/Gone%20Soon', { label: 'x' })).status).toBe(404);
  });

  it('answers 403 when a viewer creates an event type and 401 without credentials', async () => {
    expect((await viewer.post('/event-types', { ...webinar, name: 'Viewer' })).status).toBe(403);
    expect((await t.anonymous.get('/event-types')).status).toBe(401);
  });
});
