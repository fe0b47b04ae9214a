import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defaultEngagementWeights } from '@caravan/core/b2b/engagement-score';
import { recordActivities } from '@caravan/storage/activity.repository';
import { testDialects } from '@caravan/storage/test-databases';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

const hour = 60 * 60 * 1000;

describe.each(testDialects)('engagement recompute API on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;
  let viewer: Client;
  let interestId: string;
  let accountId: string;
  let groupId: string;
  let personId: string;

  const post = async (url: string, body: unknown) => {
    const response = await manager.post(url, body);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  };

  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    manager = (await t.signIn('manager')).client;
    viewer = (await t.signIn('viewer')).client;
    const template = await post('/role-templates', {
      name: 'Anyone',
      roles: [
        {
          name: 'Member',
          weight: 60,
          membersRequired: 1,
          requiredForCompleteness: true,
          priority: 1,
        },
      ],
    });
    const model = await post('/stage-models', {
      name: 'One stage',
      stages: [{ name: 'Open', kind: 'entry' }],
      transitions: [],
    });
    interestId = (
      await post('/solution-interests', {
        name: 'Analytics',
        roleTemplateId: template.id,
        stageModelId: model.id,
      })
    ).id;
    accountId = (await post('/accounts', { name: 'Acme' })).id;
    personId = (await post('/people', { email: 'pat@acme.example' })).id;
    expect((await manager.put(`/accounts/${accountId}/people/${personId}`, {})).status).toBe(200);
    const created = await post(`/solution-interests/${interestId}/buying-groups`, {
      accountIds: [accountId],
    });
    groupId = created.created[0].id;
    const assigned = await manager.put(`/buying-groups/${groupId}/members/${personId}`, {
      role: 'Member',
    });
    expect(assigned.status).toBe(200);
  });
  afterAll(async () => t.close());

  it('recomputes the scores of the groups asked for and answers how many changed', async () => {
    const now = t.clock.now().getTime();
    // Two form fills a day apart: 10 points each, under the daily cap of 20.
    await recordActivities(
      t.database.db,
      [hour, 25 * hour].map((ago) => ({
        id: crypto.randomUUID(),
        type: 'formFilledOut',
        accountId,
        personId,
        occurredAt: new Date(now - ago),
        receivedAt: new Date(now),
        messageId: null,
        properties: {},
      })),
    );
    const first = await manager.post('/buying-groups/engagement/recompute', { accountId });
    expect(first).toMatchObject({ status: 200, body: { groups: 1, changed: 1 } });
    expect((await manager.get(`/buying-groups/${groupId}`)).body.engagementScore).toBe(20);
    const again = await manager.post('/buying-groups/engagement/recompute', {
      solutionInterestId: interestId,
    });
    expect(again).toMatchObject({ status: 200, body: { groups: 1, changed: 0 } });
    const all = await manager.post('/buying-groups/engagement/recompute', {});
    expect(all).toMatchObject({ status: 200, body: { groups: 1, changed: 0 } });
  });

  it('scores with the weights and saturation of the request, then with the defaults again', async () => {
    const custom = await manager.post('/buying-groups/engagement/recompute', {
      accountId,
      weights: { formFilledOut: { points: 5, dailyCap: 5 } },
      saturation: 40,
    });
    expect(custom).toMatchObject({ status: 200, body: { groups: 1, changed: 1 } });
    // Two days of one form each, 5 points a day: 10 of 40 raw points.
    expect((await manager.get(`/buying-groups/${groupId}`)).body.engagementScore).toBe(25);
    await manager.post('/buying-groups/engagement/recompute', { accountId });
    expect((await manager.get(`/buying-groups/${groupId}`)).body.engagementScore).toBe(20);
    const bad = await manager.post('/buying-groups/engagement/recompute', {
      weights: { formFilledOut: { points: -1, dailyCap: 5 } },
      saturation: 0,
    });
    expect(bad.status).toBe(400);
  });

  it('answers no groups for an account that has none', async () => {
    const response = await manager.post('/buying-groups/engagement/recompute', {
      accountId: 'no-such-account',
    });
    expect(response).toMatchObject({ status: 200, body: { groups: 0, changed: 0 } });
  });

  it('refuses viewers and unknown fields', async () => {
    const refused = await viewer.post('/buying-groups/engagement/recompute', {});
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    const bad = await manager.post('/buying-groups/engagement/recompute', { everything: true });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });
  it('answers the default weights until some are stored, then the stored ones', async () => {
    const defaults = await viewer.get('/buying-groups/engagement/weights');
    expect(defaults.status).toBe(200);
    expect(defaults.body.saturation).toBe(100);
    expect(defaults.body.weights.formFilledOut).toEqual({ points: 10, dailyCap: 20 });
    const stored = { weights: { formFilledOut: { points: 4, dailyCap: 4 } }, saturation: 16 };
    const put = await manager.put('/buying-groups/engagement/weights', stored);
    expect(put).toMatchObject({ status: 200, body: stored });
    expect((await viewer.get('/buying-groups/engagement/weights')).body).toEqual(stored);
  });

  it('recomputes with the stored weights when the request brings none', async () => {
    await manager.put('/buying-groups/engagement/weights', {
      weights: { formFilledOut: { points: 4, dailyCap: 4 } },
      saturation: 16,
    });
    // Two days of one form each, 4 points a day: 8 of 16 raw points.
    await manager.post('/buying-groups/engagement/recompute', { accountId });
    expect((await manager.get(`/buying-groups/${groupId}`)).body.engagementScore).toBe(50);
    const own = await manager.post('/buying-groups/engagement/recompute', {
      accountId,
      weights: { formFilledOut: { points: 2, dailyCap: 2 } },
    });
    expect(own.status).toBe(200);
    expect((await manager.get(`/buying-groups/${groupId}`)).body.engagementScore).toBe(25);
    const defaults = { weights: defaultEngagementWeights, saturation: 100 };
    expect((await manager.put('/buying-groups/engagement/weights', defaults)).status).toBe(200);
  });

  it('answers 400 naming the field when stored weights are invalid, and 403 to viewers', async () => {
    const negative = await manager.put('/buying-groups/engagement/weights', {
      weights: { formFilledOut: { points: -1, dailyCap: 5 } },
      saturation: 100,
    });
    expect(negative.status).toBe(400);
    expect(negative.body.error.code).toBe('VALIDATION_FAILED');
    expect(negative.body.error.message).toContain('weights.formFilledOut.points');
    const noSaturation = await manager.put('/buying-groups/engagement/weights', {
      weights: {},
      saturation: 0,
    });
    expect(noSaturation.status).toBe(400);
    expect(noSaturation.body.error.message).toContain('saturation');
    const refused = await viewer.put('/buying-groups/engagement/weights', {
      weights: {},
      saturation: 100,
    });
    expect(refused.status).toBe(403);
  });
});
