import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { JourneyStatus } from '@caravan/core/journey/status';
import { testDialects } from '@caravan/storage/test-databases';
import {
  createPublishable,
  journeyInStatus,
  publishableDefinition,
  publishableSchedule,
  storeTestAudience,
} from './test-support/journey.factory.ts';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

const day = 24 * 60 * 60 * 1000;
const allStatuses: JourneyStatus[] = [
  'draft',
  'scheduled',
  'live',
  'closed',
  'aborted',
  'completed',
];

describe.each(testDialects)('journey lifecycle API on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;
  let managerUser: { id: string; name: string; email: string };

  beforeEach(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    const signedIn = await t.signIn('manager', 'Maria Manager');
    manager = signedIn.client;
    managerUser = signedIn.user;
  });
  afterEach(async () => t.close());

  it('answers 201 with a draft holding one audience node when a journey is created', async () => {
    const response = await manager.post('/journeys', { name: 'Q1 nurture' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      name: 'Q1 nurture',
      description: '',
      status: 'draft',
      schedule: { start: 'immediately', end: null },
      allowedActions: ['publish', 'duplicate', 'delete'],
      publishedAt: null,
      publishedBy: null,
    });
    expect(response.body.definition.nodes).toEqual([
      { id: 'audience', type: 'audience', settings: {} },
    ]);
  });

  it('names the user in createdBy, updatedBy and publishedBy', async () => {
    const ref = { id: managerUser.id, name: 'Maria Manager', email: managerUser.email };
    const created = await createPublishable(t, manager);
    expect(created.createdBy).toEqual(ref);
    expect(created.updatedBy).toEqual(ref);
    const published = await manager.post(`/journeys/${created.id}/publish`);
    expect(published.body.publishedBy).toEqual(ref);
    expect(published.body.publishedAt).toBe(t.clock.now().toISOString());
  });

  it('answers 409 JOURNEY_NAME_TAKEN when the name exists in another case', async () => {
    await manager.post('/journeys', { name: 'Renewals' });
    const response = await manager.post('/journeys', { name: 'RENEWALS' });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('JOURNEY_NAME_TAKEN');
  });

  it('goes create → publish → close → abort with 200 at each step and records the history', async () => {
    const journey = await createPublishable(t, manager);
    const published = await manager.post(`/journeys/${journey.id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('live');
    expect(published.body.allowedActions).toEqual(['duplicate', 'close', 'abort']);
    const closed = await manager.post(`/journeys/${journey.id}/close`);
    expect(closed.body.status).toBe('closed');
    const aborted = await manager.post(`/journeys/${journey.id}/abort`);
    expect(aborted.status).toBe(200);
    expect(aborted.body.status).toBe('aborted');
    const history = await manager.get(`/journeys/${journey.id}/history`);
    expect(
      history.body.items.map((c: { from: string | null; to: string }) => [c.from, c.to]),
    ).toEqual([
      [null, 'draft'],
      ['draft', 'live'],
      ['live', 'closed'],
      ['closed', 'aborted'],
    ]);
    expect(history.body.items[1].by).toMatchObject({ id: managerUser.id, name: 'Maria Manager' });
  });

  it.each(['draft', 'aborted', 'completed'] as const)(
    'answers 204 when a %s journey is deleted',
    async (status) => {
      const journey = await journeyInStatus(t, manager, status);
      expect((await manager.delete(`/journeys/${journey.id}`)).status).toBe(204);
      expect((await manager.get(`/journeys/${journey.id}`)).status).toBe(404);
    },
  );

  it.each(['live', 'scheduled', 'closed'] as const)(
    'answers 409 JOURNEY_ACTION_NOT_ALLOWED when a %s journey is deleted',
    async (status) => {
      const journey = await journeyInStatus(t, manager, status);
      const response = await manager.delete(`/journeys/${journey.id}`);
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('JOURNEY_ACTION_NOT_ALLOWED');
      expect((await manager.get(`/journeys/${journey.id}`)).body.status).toBe(status);
    },
  );

  const lifecycleActions = ['publish', 'close', 'abort', 'delete'] as const;
  const allowed: Record<JourneyStatus, readonly string[]> = {
    draft: ['publish', 'delete'],
    scheduled: ['abort'],
    live: ['close', 'abort'],
    closed: ['abort'],
    aborted: ['delete'],
    completed: ['delete'],
  };
  it.each(allStatuses)(
    'answers 409 and changes nothing for every action a %s journey refuses',
    async (status) => {
      const journey = await journeyInStatus(t, manager, status);
      for (const action of lifecycleActions.filter((a) => !allowed[status].includes(a))) {
        const response =
          action === 'delete'
            ? await manager.delete(`/journeys/${journey.id}`)
            : await manager.post(`/journeys/${journey.id}/${action}`);
        expect(response.status, `${action} on ${status}`).toBe(409);
        expect(response.body.error.code).toBe('JOURNEY_ACTION_NOT_ALLOWED');
        expect(response.body.error.message).toContain('allowed actions');
      }
      const after = await manager.get(`/journeys/${journey.id}`);
      expect(after.body.status).toBe(status);
      expect(after.body.updatedAt).toBe(journey.updatedAt);
    },
  );

  it('schedules a journey whose start is in the future and makes it live once the clock passes the start', async () => {
    const journey = await createPublishable(t, manager, { startInMs: 2 * day });
    const published = await manager.post(`/journeys/${journey.id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('scheduled');
    await manager.post('/clock/advance', { ms: day });
    expect((await manager.get(`/journeys/${journey.id}`)).body.status).toBe('scheduled');
    const advanced = await manager.post('/clock/advance', { ms: day + 1000 });
    expect(advanced.status).toBe(200);
    expect((await manager.get(`/journeys/${journey.id}`)).body.status).toBe('live');
    const history = await manager.get(`/journeys/${journey.id}/history`);
    expect(history.body.items.at(-1)).toMatchObject({ from: 'scheduled', to: 'live', by: null });
  });

  it('answers 422 JOURNEY_INVALID with every problem in details when an invalid journey is published', async () => {
    const created = await manager.post('/journeys', { name: 'Half made' });
    const response = await manager.post(`/journeys/${created.body.id}/publish`);
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('JOURNEY_INVALID');
    const codes = response.body.error.details.map((p: { code: string }) => p.code);
    expect(codes.length).toBeGreaterThanOrEqual(2); // the audience source and the end date at least
    expect(
      response.body.error.details.some((p: { nodeId?: string }) => p.nodeId === 'audience'),
    ).toBe(true);
    expect((await manager.get(`/journeys/${created.body.id}`)).body.status).toBe('draft');
  });

  it('answers 200 with the same problems from validate, without changing the journey', async () => {
    const created = await manager.post('/journeys', { name: 'Half made' });
    const report = await manager.post(`/journeys/${created.body.id}/validate`);
    expect(report.status).toBe(200);
    expect(report.body.valid).toBe(false);
    expect(report.body.problems.length).toBeGreaterThan(0);
    const good = await createPublishable(t, manager);
    expect((await manager.post(`/journeys/${good.id}/validate`)).body.valid).toBe(true);
  });

  it('answers 422 when an addToJourney target does not exist', async () => {
    await storeTestAudience(t);
    const definition = publishableDefinition();
    definition.nodes.push({
      id: 'add',
      type: 'action',
      settings: {
        on: 'accounts',
        action: { type: 'addToJourney', journeyId: crypto.randomUUID() },
      },
    });
    definition.edges.push({ from: 'wait', port: 'next', to: 'add' });
    const created = await manager.post('/journeys', {
      name: 'Hand-off',
      definition,
      schedule: publishableSchedule(t.clock.now()),
    });
    const response = await manager.post(`/journeys/${created.body.id}/publish`);
    expect(response.status).toBe(422);
    expect(response.body.error.details.some((p: { nodeId?: string }) => p.nodeId === 'add')).toBe(
      true,
    );
  });

  it('answers 409 JOURNEY_NOT_EDITABLE when the definition of a live journey is patched, but renames it', async () => {
    const journey = await journeyInStatus(t, manager, 'live');
    const definition = {
      ...journey.definition,
      nodes: [...journey.definition.nodes].slice(0, 1),
      edges: [],
    };
    const refused = await manager.patch(`/journeys/${journey.id}`, { definition });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('JOURNEY_NOT_EDITABLE');
    const renamed = await manager.patch(`/journeys/${journey.id}`, {
      name: 'Renamed live',
      description: 'New words',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      name: 'Renamed live',
      description: 'New words',
      status: 'live',
    });
  });

  it('answers 200 when the end date of a live journey moves, and 409 when its start does', async () => {
    const journey = await journeyInStatus(t, manager, 'live');
    const end = new Date(t.clock.now().getTime() + 60 * day).toISOString();
    const moved = await manager.patch(`/journeys/${journey.id}`, {
      schedule: { ...journey.schedule, end },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.schedule.end).toBe(end);
    const start = new Date(t.clock.now().getTime() + day).toISOString();
    const refused = await manager.patch(`/journeys/${journey.id}`, {
      schedule: { ...journey.schedule, start },
    });
    expect(refused.status).toBe(409);
  });

  it('answers 200 when a draft definition is patched and keeps the new definition', async () => {
    const created = await manager.post('/journeys', { name: 'Editable' });
    const definition = publishableDefinition();
    const patched = await manager.patch(`/journeys/${created.body.id}`, { definition });
    expect(patched.status).toBe(200);
    expect(patched.body.definition).toEqual(definition);
  });

  it.each(allStatuses)(
    'answers 201 with a draft named <name>_copy when a %s journey is duplicated',
    async (status) => {
      const journey = await journeyInStatus(t, manager, status, `Source ${status}`);
      const copy = await manager.post(`/journeys/${journey.id}/duplicate`, { type: 'partial' });
      expect(copy.status).toBe(201);
      expect(copy.body).toMatchObject({
        name: `Source ${status}_copy`,
        status: 'draft',
        publishedAt: null,
      });
      expect(copy.body.id).not.toBe(journey.id);
      const history = await manager.get(`/journeys/${copy.body.id}/history`);
      expect(history.body.items).toHaveLength(1);
      expect(history.body.items[0]).toMatchObject({ from: null, to: 'draft' });
      const again = await manager.post(`/journeys/${journey.id}/duplicate`, { type: 'skeleton' });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('JOURNEY_NAME_TAKEN');
    },
  );

  it('answers 201 with the given name and description when a journey is duplicated as a skeleton', async () => {
    const journey = await createPublishable(t, manager);
    const copy = await manager.post(`/journeys/${journey.id}/duplicate`, {
      name: 'Skeleton',
      description: 'Bare flow',
      type: 'skeleton',
    });
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ name: 'Skeleton', description: 'Bare flow' });
    expect(copy.body.definition.nodes.map((n: { id: string }) => n.id)).toEqual([
      'audience',
      'wait',
    ]);
    expect(copy.body.definition.nodes[0].settings).toEqual({});
  });

  it('lets exactly one of two concurrent publishes win (200) and refuses the other (409)', async () => {
    const journey = await createPublishable(t, manager);
    const responses = await Promise.all([
      manager.post(`/journeys/${journey.id}/publish`),
      manager.post(`/journeys/${journey.id}/publish`),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const history = await manager.get(`/journeys/${journey.id}/history`);
    expect(history.body.items.filter((c: { to: string }) => c.to === 'live')).toHaveLength(1);
  });

  it('never leaves a journey both deleted and published when both race (204 or 200, one 4xx)', async () => {
    const journey = await createPublishable(t, manager);
    const [published, deleted] = await Promise.all([
      manager.post(`/journeys/${journey.id}/publish`),
      manager.delete(`/journeys/${journey.id}`),
    ]);
    const after = await manager.get(`/journeys/${journey.id}`);
    if (deleted.status === 204) {
      expect(after.status).toBe(404);
      expect([404, 409]).toContain(published.status);
    } else {
      expect(published.status).toBe(200);
      expect(after.body.status).toBe('live');
    }
  });

  it('answers 404 JOURNEY_NOT_FOUND for an unknown journey', async () => {
    const id = crypto.randomUUID();
    for (const response of [
      await manager.get(`/journeys/${id}`),
      await manager.post(`/journeys/${id}/publish`),
      await manager.patch(`/journeys/${id}`, { name: 'x' }),
      await manager.delete(`/journeys/${id}`),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('JOURNEY_NOT_FOUND');
    }
  });
});
