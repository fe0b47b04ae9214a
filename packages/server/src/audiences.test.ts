import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listActivities } from '@caravan/storage/activity.repository';
import { testDialects } from '@caravan/storage/test-databases';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

const day = 24 * 60 * 60 * 1000;

describe.each(testDialects)('audiences API on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;
  let viewer: Client;

  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    manager = (await t.signIn('manager')).client;
    viewer = (await t.signIn('viewer')).client;
  });
  afterAll(async () => t.close());

  const createAccount = async (body: Record<string, unknown>) => {
    const response = await manager.post('/accounts', body);
    expect(response.status).toBe(201);
    return response.body as { id: string };
  };

  const createAudience = async (name: string, rules: unknown[]) => {
    const response = await manager.post('/audiences', {
      name,
      condition: { match: 'all', rules },
    });
    expect(response.status).toBe(201);
    return response.body as { id: string; memberCount: number };
  };

  const memberIds = async (audienceId: string) => {
    const response = await manager.get(`/audiences/${audienceId}/members?limit=200`);
    expect(response.status).toBe(200);
    return (response.body.items as { id: string }[]).map((a) => a.id).sort();
  };

  const industryIs = (value: string) => ({
    kind: 'account',
    attribute: 'industry',
    operator: 'equals',
    value,
  });

  it('makes the matching accounts members as soon as the audience is created', async () => {
    const a = await createAccount({ name: 'Soft A', industry: 'Software' });
    const b = await createAccount({ name: 'Soft B', industry: 'Software' });
    await createAccount({ name: 'Bank C', industry: 'Banking' });
    const audience = await createAudience('Software companies', [industryIs('Software')]);
    expect(audience.memberCount).toBe(2);
    expect(await memberIds(audience.id)).toEqual([a.id, b.id].sort());
  });

  it('moves an account out of the audience in the same request that changes its industry', async () => {
    const account = await createAccount({ name: 'Mover', industry: 'Robotics' });
    const audience = await createAudience('Robotics companies', [industryIs('Robotics')]);
    expect(await memberIds(audience.id)).toEqual([account.id]);

    const patched = await manager.patch(`/accounts/${account.id}`, { industry: 'Farming' });
    expect(patched.status).toBe(200);

    expect(await memberIds(audience.id)).toEqual([]);
    expect((await manager.get(`/audiences/${audience.id}`)).body.memberCount).toBe(0);
    const exits = await listActivities(t.database.db, {
      accountId: account.id,
      types: ['audienceExited'],
      limit: 10,
    });
    expect(exits.map((e) => e.properties.audienceId)).toEqual([audience.id]);
  });

  it('moves a new account into every matching audience when it is created', async () => {
    const audience = await createAudience('Mining companies', [industryIs('Mining')]);
    expect(audience.memberCount).toBe(0);
    const account = await createAccount({ name: 'Digger', industry: 'Mining' });
    expect(await memberIds(audience.id)).toEqual([account.id]);
  });

  it('moves an account into a person-rule audience when a person with the job title is linked', async () => {
    const account = await createAccount({ name: 'Hiring Co' });
    const audience = await createAudience('Has a CTO', [
      { kind: 'person', attribute: 'jobTitle', operator: 'equals', value: 'CTO' },
    ]);
    expect(await memberIds(audience.id)).toEqual([]);
    const person = await manager.post('/people', { email: 'cto@hiring.example', jobTitle: 'CTO' });
    expect(person.status).toBe(201);
    const linked = await manager.put(`/accounts/${account.id}/people/${person.body.id}`, {});
    expect(linked.status).toBe(200);
    expect(await memberIds(audience.id)).toEqual([account.id]);

    const retitled = await manager.patch(`/people/${person.body.id}`, { jobTitle: 'Engineer' });
    expect(retitled.status).toBe(200);
    expect(await memberIds(audience.id)).toEqual([]);
  });

  it('moves an account into an event-history audience when an ingested event arrives', async () => {
    const account = await createAccount({ name: 'Webinar Fans' });
    const audience = await createAudience('Attended a demo', [
      { kind: 'eventHistory', eventType: 'Demo Attended', lookback: { amount: 7, unit: 'days' } },
    ]);
    expect(await memberIds(audience.id)).toEqual([]);
    const ingested = await manager.post('/events', {
      events: [{ messageId: 'demo-1', type: 'Demo Attended', accountId: account.id }],
    });
    expect(ingested.status).toBe(202);
    expect(ingested.body.accepted).toBe(1);
    expect(await memberIds(audience.id)).toEqual([account.id]);
  });

  it('re-evaluates in full after a condition change and on demand', async () => {
    const account = await createAccount({ name: 'Retailer', industry: 'Retail' });
    const audience = await createAudience('Changing audience', [industryIs('Nothing')]);
    const patched = await manager.patch(`/audiences/${audience.id}`, {
      condition: { match: 'all', rules: [industryIs('Retail')] },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.memberCount).toBe(1);
    expect(patched.body.evaluatedAt).not.toBeNull();
    expect(await memberIds(audience.id)).toEqual([account.id]);
    const again = await manager.post(`/audiences/${audience.id}/evaluate`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ entered: 0, exited: 0, memberCount: 1 });
  });

  // A double quote in an attribute name is NOT_COMPILABLE (see compileAccountCondition).
  it('evaluates in memory a condition that SQL cannot express', async () => {
    const account = await createAccount({ name: 'Quirky', industry: 'Quirks' });
    const audience = await createAudience('Quirky or odd', [
      industryIs('Quirks'),
      { kind: 'account', attribute: 'odd"key', operator: 'notExists' },
    ]);
    expect(audience.memberCount).toBe(1);
    expect(await memberIds(audience.id)).toEqual([account.id]);
  });

  it('re-evaluates in the background and reports progress until done', async () => {
    const audience = await createAudience('Background', [
      { kind: 'account', attribute: 'odd"key', operator: 'notExists' },
    ]);
    await createAccount({ name: 'Late arrival' });
    const started = await manager.post(`/audiences/${audience.id}/evaluations`, {});
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ audienceId: audience.id, state: 'running' });
    let job = started.body;
    for (let poll = 0; poll < 200 && job.state === 'running'; poll += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      job = (await manager.get(`/audiences/${audience.id}/evaluations/${started.body.id}`)).body;
    }
    expect(job.state).toBe('done');
    expect(job.total).toBeGreaterThan(0);
    expect(job.done).toBe(job.total);
    expect(job.result.memberCount).toBe(
      (await manager.get(`/audiences/${audience.id}`)).body.memberCount,
    );
    const unknown = await manager.get(`/audiences/${audience.id}/evaluations/nope`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('EVALUATION_NOT_FOUND');
    const missing = await manager.post(
      '/audiences/00000000-0000-4000-8000-00000000dead/evaluations',
      {},
    );
    expect(missing.status).toBe(404);
  });

  it('counts the matching accounts of a condition without saving anything', async () => {
    await createAccount({ name: 'Preview 1', industry: 'Preview' });
    await createAccount({ name: 'Preview 2', industry: 'Preview' });
    const before = (await manager.get('/audiences')).body.total;
    const response = await viewer.post('/audiences/preview-count', {
      condition: { match: 'all', rules: [industryIs('Preview')] },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ count: 2 });
    expect((await manager.get('/audiences')).body.total).toBe(before);
  });

  it('lists audiences by name with search, total and member counts', async () => {
    await createAudience('Zeta listed', [industryIs('Software')]);
    const response = await manager.get('/audiences?search=zeta');
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(1);
    expect(response.body.items[0]).toMatchObject({ name: 'Zeta listed', memberCount: 2 });
    const paged = await manager.get('/audiences?limit=1');
    expect(paged.body.items).toHaveLength(1);
    expect(paged.body.nextCursor).toEqual(expect.any(String));
  });

  it('answers 409 AUDIENCE_IN_USE when a live journey enrols from the audience', async () => {
    const audience = await createAudience('Journey source', [industryIs('Software')]);
    const journey = await manager.post('/journeys', { name: 'Uses the audience' });
    expect(journey.status).toBe(201);
    const definition = {
      nodes: [
        {
          id: 'audience',
          type: 'audience',
          settings: { source: 'audience', sourceId: audience.id },
        },
        { id: 'wait', type: 'wait', settings: { duration: { amount: 2, unit: 'days' } } },
      ],
      edges: [{ from: 'audience', port: 'next', to: 'wait' }],
    };
    const end = new Date(t.clock.now().getTime() + 30 * day).toISOString();
    const patched = await manager.patch(`/journeys/${journey.body.id}`, {
      definition,
      schedule: { start: 'immediately', end },
    });
    expect(patched.status).toBe(200);
    const published = await manager.post(`/journeys/${journey.body.id}/publish`);
    expect(published.status).toBe(200);

    const refused = await manager.delete(`/audiences/${audience.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('AUDIENCE_IN_USE');
    expect(refused.body.error.details[0]).toMatchObject({ journeyId: journey.body.id });
    expect((await manager.get(`/audiences/${audience.id}`)).status).toBe(200);
  });

  it('deletes an unused audience with 204, then answers 404', async () => {
    const audience = await createAudience('Short lived', [industryIs('Software')]);
    expect((await manager.delete(`/audiences/${audience.id}`)).status).toBe(204);
    const gone = await manager.get(`/audiences/${audience.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('AUDIENCE_NOT_FOUND');
  });

  it('answers 409 AUDIENCE_NAME_TAKEN for a second audience of the same name', async () => {
    await createAudience('Twice', [industryIs('Software')]);
    const again = await manager.post('/audiences', {
      name: 'twice',
      condition: { match: 'all', rules: [] },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('AUDIENCE_NAME_TAKEN');
  });

  it('answers 400 VALIDATION_FAILED for a malformed condition', async () => {
    const response = await manager.post('/audiences', {
      name: 'Broken',
      condition: { match: 'some', rules: [{ kind: 'account' }] },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('answers 403 FORBIDDEN when a viewer creates, changes or deletes an audience', async () => {
    const audience = await createAudience('Viewer target', [industryIs('Software')]);
    const body = { name: 'By a viewer', condition: { match: 'all', rules: [] } };
    expect((await viewer.post('/audiences', body)).status).toBe(403);
    expect((await viewer.patch(`/audiences/${audience.id}`, { name: 'X' })).status).toBe(403);
    expect((await viewer.delete(`/audiences/${audience.id}`)).status).toBe(403);
    expect((await viewer.post(`/audiences/${audience.id}/evaluate`)).status).toBe(403);
    expect((await viewer.get(`/audiences/${audience.id}`)).status).toBe(200);
  });
});
