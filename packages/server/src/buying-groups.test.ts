import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listActivities } from '@caravan/storage/activity.repository';
import { testDialects } from '@caravan/storage/test-databases';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

const jobTitleIs = (titles: string[]) => ({
  match: 'all',
  rules: [{ kind: 'person', attribute: 'jobTitle', operator: 'in', value: titles }],
});

/**
 * The worked example: three roles count for completeness (1 + 2 + 1 members required), one does
 * not. Engineers match both Champion and Influencer; Champion has the higher priority.
 */
const roles = [
  {
    name: 'Decision maker',
    weight: 100,
    membersRequired: 1,
    autoAssign: jobTitleIs(['CEO', 'CFO']),
    requiredForCompleteness: true,
    priority: 1,
  },
  {
    name: 'Champion',
    weight: 80,
    membersRequired: 2,
    autoAssign: jobTitleIs(['Engineer']),
    requiredForCompleteness: true,
    priority: 2,
  },
  {
    name: 'Influencer',
    weight: 40,
    membersRequired: 1,
    autoAssign: jobTitleIs(['Engineer']),
    requiredForCompleteness: true,
    priority: 3,
  },
  { name: 'Observer', weight: 20, membersRequired: 1, requiredForCompleteness: false, priority: 4 },
];

const stageModel = {
  name: 'Sales stages',
  stages: [
    { name: 'New', kind: 'entry' },
    { name: 'Engaged', kind: 'inProgress' },
    { name: 'Won', kind: 'success' },
    { name: 'Lost', kind: 'failure' },
  ],
  transitions: [
    { from: 'New', to: 'Engaged' },
    { from: 'Engaged', to: 'Won' },
    { from: 'Engaged', to: 'Lost' },
  ],
};

interface Member {
  personId: string;
  role: string;
  source: string;
}

describe.each(testDialects)('buying groups API on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;
  let viewer: Client;
  let interestId: string;
  let accountId: string;
  let otherAccountId: string;
  const people: Record<string, string> = {};

  const post = async (url: string, body: unknown) => {
    const response = await manager.post(url, body);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  };

  const addPerson = async (account: string, key: string, jobTitle: string) => {
    const person = await post('/people', { email: `${key}@${account}.example`, jobTitle });
    expect((await manager.put(`/accounts/${account}/people/${person.id}`, {})).status).toBe(200);
    people[key] = person.id;
  };

  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    manager = (await t.signIn('manager')).client;
    viewer = (await t.signIn('viewer')).client;
    const template = await post('/role-templates', { name: 'Enterprise committee', roles });
    const model = await post('/stage-models', stageModel);
    const interest = await post('/solution-interests', {
      name: 'Analytics suite',
      roleTemplateId: template.id,
      stageModelId: model.id,
    });
    interestId = interest.id;
    accountId = (await post('/accounts', { name: 'Acme' })).id;
    otherAccountId = (await post('/accounts', { name: 'Globex' })).id;
    await addPerson(accountId, 'ceo', 'CEO');
    await addPerson(accountId, 'engineer', 'Engineer');
    await addPerson(accountId, 'analyst', 'Analyst');
    await addPerson(otherAccountId, 'outsider', 'CFO');
    const created = await post(`/solution-interests/${interestId}/buying-groups`, {
      accountIds: [accountId, otherAccountId],
    });
    expect(created.created).toHaveLength(2);
  });
  afterAll(async () => t.close());

  const groupOf = async (account: string) => {
    const page = await manager.get(
      `/buying-groups?solutionInterestId=${interestId}&accountId=${account}`,
    );
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(1);
    return page.body.items[0];
  };
  const roleOf = (group: { members: Member[] }, key: string) =>
    group.members.find((m) => m.personId === people[key]);

  it('creates each group in the entry stage with members auto-assigned by priority', async () => {
    const group = await groupOf(accountId);
    expect(group).toMatchObject({ stage: 'New', status: null, engagementScore: 0 });
    expect(roleOf(group, 'ceo')).toEqual({
      personId: people.ceo,
      role: 'Decision maker',
      source: 'automatic',
    });
    expect(roleOf(group, 'engineer')?.role).toBe('Champion');
    expect(roleOf(group, 'analyst')).toBeUndefined();
    // (min(1/1,1) + min(1/2,1) + min(0/1,1)) / 3 = 0.5
    expect(group.completenessScore).toBe(50);
    const read = await manager.get(`/buying-groups/${group.id}`);
    expect(read.body).toEqual(group);
  });

  it('keeps existing groups when asked to create them again', async () => {
    const before = await groupOf(accountId);
    const again = await post(`/solution-interests/${interestId}/buying-groups`, {
      accountIds: [accountId],
    });
    expect(again).toEqual({ created: [], existing: [before] });
  });

  it('creates nothing when one account is unknown (404 ACCOUNT_NOT_FOUND)', async () => {
    const fresh = (await post('/accounts', { name: 'Initech' })).id;
    const response = await manager.post(`/solution-interests/${interestId}/buying-groups`, {
      accountIds: [fresh, crypto.randomUUID()],
    });
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('ACCOUNT_NOT_FOUND');
    const page = await manager.get(`/buying-groups?accountId=${fresh}`);
    expect(page.body).toEqual({ items: [], total: 0, nextCursor: null });
  });

  it('answers 404 SOLUTION_INTEREST_NOT_FOUND when creating groups for an unknown interest', async () => {
    const response = await manager.post(
      `/solution-interests/${crypto.randomUUID()}/buying-groups`,
      {
        accountIds: [accountId],
      },
    );
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('SOLUTION_INTEREST_NOT_FOUND');
  });

  it('pages the groups of an interest with a cursor', async () => {
    const first = await manager.get(`/buying-groups?solutionInterestId=${interestId}&limit=1`);
    expect(first.body.total).toBe(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await manager.get(
      `/buying-groups?solutionInterestId=${interestId}&limit=1&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.nextCursor).toBeNull();
    const accounts = [first.body.items[0].accountId, second.body.items[0].accountId];
    expect(accounts.sort()).toEqual([accountId, otherAccountId].sort());
    const wrong = await manager.get(
      `/buying-groups?accountId=${accountId}&cursor=${first.body.nextCursor}`,
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('INVALID_CURSOR');
  });

  it('assigns a role by hand, recomputes completeness and records activities', async () => {
    const group = await groupOf(accountId);
    const assigned = await manager.put(`/buying-groups/${group.id}/members/${people.analyst}`, {
      role: 'Influencer',
    });
    expect(assigned.status).toBe(200);
    expect(roleOf(assigned.body, 'analyst')).toMatchObject({
      role: 'Influencer',
      source: 'manual',
    });
    // (1 + 1/2 + 1) / 3 = 0.8333…
    expect(assigned.body.completenessScore).toBe(83);
    const activities = await listActivities(t.database.db, { accountId, limit: 100 });
    const mine = activities.filter((a) => a.properties.buyingGroupId === group.id);
    const scores = mine.filter((a) => a.type === 'completenessScoreChanged');
    expect(scores.map((a) => [a.properties.old, a.properties.new])).toEqual(
      expect.arrayContaining([
        [0, 50],
        [50, 83],
      ]),
    );
    const added = mine.filter((a) => a.type === 'assignedToBuyingGroup');
    expect(added.map((a) => a.personId)).toEqual(
      expect.arrayContaining([people.ceo, people.engineer, people.analyst]),
    );
  });

  it('lets a manual assignment override an automatic one', async () => {
    const group = await groupOf(accountId);
    const moved = await manager.put(`/buying-groups/${group.id}/members/${people.engineer}`, {
      role: 'Observer',
    });
    expect(roleOf(moved.body, 'engineer')).toMatchObject({ role: 'Observer', source: 'manual' });
    // Champion is now empty: (1 + 0 + 1) / 3; Observer does not count.
    expect(moved.body.completenessScore).toBe(67);
  });

  it('removes a member, recomputing completeness, and answers 404 for a non-member', async () => {
    const group = await groupOf(accountId);
    const removed = await manager.delete(`/buying-groups/${group.id}/members/${people.ceo}`);
    expect(removed.status).toBe(200);
    expect(roleOf(removed.body, 'ceo')).toBeUndefined();
    expect(removed.body.completenessScore).toBe(33);
    const again = await manager.delete(`/buying-groups/${group.id}/members/${people.ceo}`);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('BUYING_GROUP_MEMBER_NOT_FOUND');
    const activities = await listActivities(t.database.db, { personId: people.ceo, limit: 10 });
    expect(activities.map((a) => a.type)).toContain('removedFromBuyingGroup');
  });

  it('refuses roles outside the template and people outside the account', async () => {
    const group = await groupOf(accountId);
    const url = `/buying-groups/${group.id}/members`;
    const role = await manager.put(`${url}/${people.analyst}`, { role: 'Sponsor' });
    expect(role.status).toBe(422);
    expect(role.body.error.code).toBe('ROLE_NOT_IN_TEMPLATE');
    const outsider = await manager.put(`${url}/${people.outsider}`, { role: 'Champion' });
    expect(outsider.status).toBe(422);
    expect(outsider.body.error.code).toBe('PERSON_NOT_IN_ACCOUNT');
    const nobody = await manager.put(`${url}/${crypto.randomUUID()}`, { role: 'Champion' });
    expect(nobody.status).toBe(404);
    expect(nobody.body.error.code).toBe('PERSON_NOT_FOUND');
  });

  it('answers 409 STAGE_TRANSITION_NOT_ALLOWED for a move the model forbids', async () => {
    const group = await groupOf(otherAccountId);
    const skip = await manager.patch(`/buying-groups/${group.id}`, { stage: 'Won' });
    expect(skip.status).toBe(409);
    expect(skip.body.error.code).toBe('STAGE_TRANSITION_NOT_ALLOWED');
    const unknown = await manager.patch(`/buying-groups/${group.id}`, { stage: 'Paused' });
    expect(unknown.status).toBe(409);
    expect((await manager.get(`/buying-groups/${group.id}`)).body.stage).toBe('New');
  });

  it('moves the stage and sets the status, recording both as activities', async () => {
    const group = await groupOf(otherAccountId);
    const moved = await manager.patch(`/buying-groups/${group.id}`, {
      stage: 'Engaged',
      status: 'Demo booked',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ stage: 'Engaged', status: 'Demo booked' });
    const activities = await listActivities(t.database.db, {
      accountId: otherAccountId,
      types: ['buyingGroupStageChanged', 'buyingGroupStatusChanged'],
      limit: 10,
    });
    expect(activities.map((a) => [a.type, a.properties.old, a.properties.new]).sort()).toEqual([
      ['buyingGroupStageChanged', 'New', 'Engaged'],
      ['buyingGroupStatusChanged', null, 'Demo booked'],
    ]);
    const tooLong = await manager.patch(`/buying-groups/${group.id}`, { status: 'x'.repeat(51) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('lets viewers read but answers 403 FORBIDDEN to their changes', async () => {
    const group = await groupOf(accountId);
    expect((await viewer.get(`/buying-groups/${group.id}`)).status).toBe(200);
    const refused = [
      await viewer.post(`/solution-interests/${interestId}/buying-groups`, {
        accountIds: [accountId],
      }),
      await viewer.patch(`/buying-groups/${group.id}`, { status: 'Mine' }),
      await viewer.put(`/buying-groups/${group.id}/members/${people.analyst}`, {
        role: 'Champion',
      }),
      await viewer.delete(`/buying-groups/${group.id}/members/${people.analyst}`),
    ];
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403]);
  });

  it('never answers 500 to malformed ids, queries and bodies', async () => {
    const group = await groupOf(accountId);
    const responses = [
      await manager.get('/buying-groups/not-a-uuid'),
      await manager.get('/buying-groups?accountId=nope'),
      await manager.get('/buying-groups?limit=0'),
      await manager.post(`/solution-interests/${interestId}/buying-groups`, { accountIds: [] }),
      await manager.post(`/solution-interests/${interestId}/buying-groups`, { accountIds: ['x'] }),
      await manager.patch(`/buying-groups/${group.id}`, { stage: 3 }),
      await manager.put(`/buying-groups/${group.id}/members/${people.analyst}`, { role: '' }),
      await manager.delete(`/buying-groups/${group.id}/members/x`),
    ];
    for (const response of responses) {
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
    }
    const missing = await manager.get(`/buying-groups/${crypto.randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('BUYING_GROUP_NOT_FOUND');
  });

  it('creates groups over an audience and answers only the counts', async () => {
    const industry = `Shipbuilding ${dialect}`;
    const yards = [];
    for (const name of ['Yard A', 'Yard B'])
      yards.push((await post('/accounts', { name, industry })).id);
    await post(`/solution-interests/${interestId}/buying-groups`, { accountIds: [yards[0]] });
    const audience = await post('/audiences', {
      name: 'Shipyards',
      condition: {
        match: 'all',
        rules: [{ kind: 'account', attribute: 'industry', operator: 'equals', value: industry }],
      },
    });
    const counts = await post(`/solution-interests/${interestId}/buying-groups`, {
      audienceId: audience.id,
    });
    expect(counts).toEqual({ created: 1, existing: 1 });
    const unknown = await manager.post(`/solution-interests/${interestId}/buying-groups`, {
      audienceId: crypto.randomUUID(),
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('AUDIENCE_NOT_FOUND');
    const both = await manager.post(`/solution-interests/${interestId}/buying-groups`, {
      audienceId: audience.id,
      accountIds: [yards[0]],
    });
    expect(both.status).toBe(400);
  });

  it('creates the groups of an audience as a job whose progress is polled until done', async () => {
    const industry = `Ropewalks ${dialect}`;
    const walks = [];
    for (const name of ['Walk A', 'Walk B', 'Walk C'])
      walks.push((await post('/accounts', { name, industry })).id);
    await post(`/solution-interests/${interestId}/buying-groups`, { accountIds: [walks[0]] });
    const audience = await post('/audiences', {
      name: 'Ropewalks',
      condition: {
        match: 'all',
        rules: [{ kind: 'account', attribute: 'industry', operator: 'equals', value: industry }],
      },
    });
    const jobs = `/solution-interests/${interestId}/buying-group-jobs`;
    const started = await manager.post(jobs, { audienceId: audience.id });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(started.body).toMatchObject({ audienceId: audience.id, status: 'running' });
    let job = started.body;
    for (let polls = 0; job.status === 'running' && polls < 100; polls += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const polled = await viewer.get(`${jobs}/${started.body.id}`);
      expect(polled.status).toBe(200);
      job = polled.body;
    }
    expect(job).toMatchObject({
      status: 'done',
      processed: 3,
      total: 3,
      created: 2,
      existing: 1,
      error: null,
    });
    expect(job.finishedAt).not.toBeNull();
    for (const walk of walks) expect((await groupOf(walk)).stage).toBe('New');
  });

  it('answers 404 to a job nobody started and refuses jobs for unknown interests or audiences', async () => {
    const jobs = `/solution-interests/${interestId}/buying-group-jobs`;
    const unknownJob = await manager.get(`${jobs}/${crypto.randomUUID()}`);
    expect(unknownJob.status).toBe(404);
    expect(unknownJob.body.error.code).toBe('BUYING_GROUP_JOB_NOT_FOUND');
    const noAudience = await manager.post(jobs, { audienceId: crypto.randomUUID() });
    expect(noAudience.status).toBe(404);
    expect(noAudience.body.error.code).toBe('AUDIENCE_NOT_FOUND');
    const noInterest = await manager.post(
      `/solution-interests/${crypto.randomUUID()}/buying-group-jobs`,
      { audienceId: crypto.randomUUID() },
    );
    expect(noInterest.status).toBe(404);
    expect(noInterest.body.error.code).toBe('SOLUTION_INTEREST_NOT_FOUND');
    expect((await viewer.post(jobs, { audienceId: crypto.randomUUID() })).status).toBe(403);
  });

  it('keeps automatic members in step with job titles while manual members stay', async () => {
    await addPerson(otherAccountId, 'newcomer', 'Analyst');
    const before = await groupOf(otherAccountId);
    expect(roleOf(before, 'newcomer')).toBeUndefined();
    await manager.put(`/buying-groups/${before.id}/members/${people.outsider}`, {
      role: 'Observer',
    });
    expect((await manager.patch(`/people/${people.newcomer}`, { jobTitle: 'CEO' })).status).toBe(
      200,
    );
    expect((await manager.patch(`/people/${people.outsider}`, { jobTitle: 'CFO' })).status).toBe(
      200,
    );
    const promoted = await groupOf(otherAccountId);
    expect(roleOf(promoted, 'newcomer')).toMatchObject({
      role: 'Decision maker',
      source: 'automatic',
    });
    expect(roleOf(promoted, 'outsider')).toMatchObject({ role: 'Observer', source: 'manual' });
    await manager.patch(`/people/${people.newcomer}`, { jobTitle: 'Analyst' });
    const demoted = await groupOf(otherAccountId);
    expect(roleOf(demoted, 'newcomer')).toBeUndefined();
    expect(roleOf(demoted, 'outsider')).toMatchObject({ role: 'Observer', source: 'manual' });
  });
});
