import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import { storedAccount } from '@caravan/storage/b2b-fixtures';
import { addCounters, totalsNode } from '@caravan/storage/journey-counter.repository';
import { insertJourney } from '@caravan/storage/journey.repository';
import { testDialects } from '@caravan/storage/test-databases';
import { aJourney } from '@caravan/storage/test-fixtures';
import { appendTimeline } from '@caravan/storage/timeline.repository';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

const definition: JourneyDefinition = {
  nodes: [
    { id: 'aud', type: 'audience', settings: { source: 'audience', sourceId: 'a1' } },
    { id: 'wait', type: 'wait', settings: { duration: { amount: 3, unit: 'days' } } },
    {
      id: 'listen',
      type: 'event',
      settings: { on: 'people', event: 'emailOpened' },
    },
  ],
  edges: [
    { from: 'aud', port: 'next', to: 'wait' },
    { from: 'wait', port: 'next', to: 'listen' },
  ],
};

const iso = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 9, minutes)).toISOString();

describe.each(testDialects)('journey runs API on %s', (dialect) => {
  let t: TestApp;
  let viewer: Client;
  let journeyId: string;
  const accountIds: string[] = [];
  const enrollmentIds: number[] = [];

  /** An active pass at `nodeId`, as the worker leaves it. */
  async function enroll(accountId: string, nodeId: string, pass = 1): Promise<number> {
    const row = await t.database.db
      .insertInto('enrollments')
      .values({
        journey_id: journeyId,
        account_id: accountId,
        pass,
        status: 'active',
        node_id: nodeId,
        phase: 'wait',
        due_at: null,
        entered_at: iso(0),
        node_entered_at: iso(1),
        ended_at: null,
        end_reason: null,
        state: '{}',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    const signedIn = await t.signIn('viewer');
    viewer = signedIn.client;
    const journey = await insertJourney(
      t.database.db,
      aJourney(signedIn.user.id, { status: 'live', definition }),
    );
    if (!journey.ok) throw new Error(journey.error.message);
    journeyId = journey.value.id;
    for (let i = 0; i < 5; i += 1) {
      const account = await storedAccount(t.database.db, { name: `Run account ${i}` });
      accountIds.push(account.id);
      enrollmentIds.push(await enroll(account.id, i < 3 ? 'wait' : 'listen'));
    }
    await addCounters(t.database.db, [
      { journeyId, nodeId: totalsNode, counter: 'entered', delta: 5 },
      { journeyId, nodeId: totalsNode, counter: 'active', delta: 5 },
      { journeyId, nodeId: 'aud', counter: 'entered', delta: 5 },
      { journeyId, nodeId: 'aud', counter: 'port:next', delta: 5 },
      { journeyId, nodeId: 'wait', counter: 'entered', delta: 5 },
      { journeyId, nodeId: 'wait', counter: 'current', delta: 3 },
      { journeyId, nodeId: 'wait', counter: 'port:next', delta: 2 },
      { journeyId, nodeId: 'listen', counter: 'entered', delta: 2 },
      { journeyId, nodeId: 'listen', counter: 'current', delta: 2 },
    ]);
    const [first, fourth] = [accountIds[0] ?? '', accountIds[3] ?? ''];
    await appendTimeline(t.database.db, [
      {
        journeyId,
        enrollmentId: enrollmentIds[3] ?? 0,
        accountId: fourth,
        personId: null,
        nodeId: 'aud',
        at: iso(0),
        kind: 'entered',
        port: null,
        detail: { source: 'audience' },
      },
      {
        journeyId,
        enrollmentId: enrollmentIds[3] ?? 0,
        accountId: fourth,
        personId: null,
        nodeId: 'wait',
        at: iso(30),
        kind: 'step',
        port: 'next',
        detail: { decision: 'waited', reason: 'Wait of 3 days ended' },
      },
      {
        journeyId,
        enrollmentId: enrollmentIds[0] ?? 0,
        accountId: first,
        personId: null,
        nodeId: 'aud',
        at: iso(0),
        kind: 'entered',
        port: null,
        detail: {},
      },
    ]);
  });
  afterAll(async () => t.close());

  it('answers 200 with metrics equal to the counters, every node listed', async () => {
    const response = await viewer.get(`/journeys/${journeyId}/metrics`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      journeyId,
      totals: {
        entered: 5,
        inProgress: 5,
        completed: 0,
        aborted: 0,
        removed: 0,
        journeyEnded: 0,
        accountDeleted: 0,
      },
      nodes: [
        { nodeId: 'aud', entered: 5, current: 0, paths: { next: 5 } },
        { nodeId: 'wait', entered: 5, current: 3, paths: { next: 2 } },
        { nodeId: 'listen', entered: 2, current: 2, paths: { next: 0, timeout: 0 } },
      ],
    });
  });

  it('answers 404 JOURNEY_NOT_FOUND for the metrics of an unknown journey', async () => {
    const response = await viewer.get(`/journeys/${crypto.randomUUID()}/metrics`);
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('JOURNEY_NOT_FOUND');
  });

  it('answers 401 for metrics without credentials', async () => {
    const response = await t.anonymous.get(`/journeys/${journeyId}/metrics`);
    expect(response.status).toBe(401);
  });

  it('answers 200 with the accounts at a node, page by page', async () => {
    const url = `/journeys/${journeyId}/nodes/wait/accounts?state=current&limit=2`;
    const first = await viewer.get(url);
    expect(first.status).toBe(200);
    expect(first.body.items).toEqual([
      {
        accountId: accountIds[0],
        accountName: 'Run account 0',
        enrollmentId: enrollmentIds[0],
        pass: 1,
        since: iso(1),
      },
      expect.objectContaining({ accountId: accountIds[1] }),
    ]);
    const second = await viewer.get(`${url}&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((i: { accountId: string }) => i.accountId)).toEqual([
      accountIds[2],
    ]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('answers 200 with every pass that entered a node', async () => {
    const response = await viewer.get(`/journeys/${journeyId}/nodes/wait/accounts?state=entered`);
    expect(response.status).toBe(200);
    expect(response.body.items.map((i: { enrollmentId: number }) => i.enrollmentId)).toEqual(
      enrollmentIds.slice(0, 4),
    );
  });

  it('answers 404 JOURNEY_NODE_NOT_FOUND for a node the journey does not have', async () => {
    const response = await viewer.get(`/journeys/${journeyId}/nodes/ghost/accounts`);
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('JOURNEY_NODE_NOT_FOUND');
  });

  it('answers 400 INVALID_CURSOR for a cursor that is not one', async () => {
    const response = await viewer.get(`/journeys/${journeyId}/nodes/wait/accounts?cursor=zzz`);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('INVALID_CURSOR');
  });

  it("answers 200 with an account's timeline grouped by pass, with node titles", async () => {
    const response = await viewer.get(`/journeys/${journeyId}/accounts/${accountIds[3]}/timeline`);
    expect(response.status).toBe(200);
    expect(response.body.passes).toHaveLength(1);
    expect(response.body.passes[0]).toMatchObject({
      enrollmentId: enrollmentIds[3],
      pass: 1,
      status: 'active',
      enteredAt: iso(0),
      endedAt: null,
    });
    expect(response.body.passes[0].entries).toEqual([
      {
        at: iso(0),
        kind: 'entered',
        nodeId: 'aud',
        nodeTitle: 'Account audience',
        port: null,
        personId: null,
        detail: { source: 'audience' },
      },
      {
        at: iso(30),
        kind: 'step',
        nodeId: 'wait',
        nodeTitle: 'Wait 3 days',
        port: 'next',
        personId: null,
        detail: { decision: 'waited', reason: 'Wait of 3 days ended' },
      },
    ]);
  });

  it('answers 404 ACCOUNT_NOT_FOUND for the timeline of an unknown account', async () => {
    const response = await viewer.get(
      `/journeys/${journeyId}/accounts/${crypto.randomUUID()}/timeline`,
    );
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('ACCOUNT_NOT_FOUND');
  });

  it('answers 200 with the journeys an account is in, and its current node', async () => {
    const response = await viewer.get(`/accounts/${accountIds[4]}/journeys`);
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([
      expect.objectContaining({
        journeyId,
        journeyStatus: 'live',
        status: 'active',
        nodeId: 'listen',
        nodeTitle: 'Listen for an event',
        passes: 1,
      }),
    ]);
  });

  it('answers 404 ACCOUNT_NOT_FOUND for the journeys of an unknown account', async () => {
    const response = await viewer.get(`/accounts/${crypto.randomUUID()}/journeys`);
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('ACCOUNT_NOT_FOUND');
  });
});
