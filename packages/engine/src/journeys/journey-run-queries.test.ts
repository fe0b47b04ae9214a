import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TimelineEntry } from '@caravan/core/engine/timeline';
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import type { Account } from '@caravan/core/b2b/account';
import { storedAccount } from '@caravan/storage/b2b-fixtures';
import type { Database } from '@caravan/storage/database';
import { addCounters, totalsNode } from '@caravan/storage/journey-counter.repository';
import { insertJourney } from '@caravan/storage/journey.repository';
import { openTestDatabase, testDialects } from '@caravan/storage/test-databases';
import { aJourney, aUser, at } from '@caravan/storage/test-fixtures';
import { appendTimeline } from '@caravan/storage/timeline.repository';
import {
  accountJourneys,
  accountTimeline,
  journeyMetrics,
  nodeAccounts,
} from './journey-run-queries.ts';
import { readEngineGauges } from '../runtime/engine-gauges.ts';

const definition: JourneyDefinition = {
  nodes: [
    { id: 'aud', type: 'audience', settings: { source: 'audience', sourceId: 'a1' } },
    { id: 'wait', type: 'wait', settings: { duration: { amount: 2, unit: 'days' } } },
    {
      id: 'split',
      type: 'split',
      settings: { by: 'accounts', paths: [{ id: 'big', label: 'Big' }], otherPath: true },
    },
    { id: 'alert', type: 'action', settings: { on: 'accounts' } },
  ],
  edges: [
    { from: 'aud', port: 'next', to: 'wait' },
    { from: 'wait', port: 'next', to: 'split' },
    { from: 'split', port: 'big', to: 'alert' },
  ],
};

interface PassRow {
  accountId: string;
  pass?: number;
  status?: string;
  nodeId: string;
  dueAt?: Date | null;
  enteredAt?: Date;
  endReason?: string | null;
}

function value<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

describe.each(testDialects)('journey run queries on %s', (dialect) => {
  let database: Database;
  let deps: { database: Database };
  let journeyId: string;
  let accounts: Account[];

  async function enroll(row: PassRow): Promise<number> {
    const ended = row.status !== undefined && row.status !== 'active' && row.status !== 'pending';
    const inserted = await database.db
      .insertInto('enrollments')
      .values({
        journey_id: journeyId,
        account_id: row.accountId,
        pass: row.pass ?? 1,
        status: row.status ?? 'active',
        node_id: row.nodeId,
        phase: ended ? 'done' : 'wait',
        due_at: row.dueAt === undefined || row.dueAt === null ? null : row.dueAt.toISOString(),
        entered_at: (row.enteredAt ?? at(0)).toISOString(),
        node_entered_at: at(5).toISOString(),
        ended_at: ended ? at(30).toISOString() : null,
        end_reason: ended ? (row.endReason ?? row.status ?? null) : null,
        state: '{}',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(inserted.id);
  }

  function entry(
    enrollmentId: number,
    accountId: string,
    e: Partial<TimelineEntry> & Pick<TimelineEntry, 'kind'>,
  ): TimelineEntry {
    return {
      journeyId,
      enrollmentId,
      accountId,
      personId: null,
      nodeId: null,
      at: at(1).toISOString(),
      port: null,
      detail: {},
      ...e,
    };
  }

  beforeAll(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
    deps = { database };
    const user = await aUser(database.db);
    const journey = value(
      await insertJourney(database.db, aJourney(user.id, { status: 'live', definition })),
    );
    journeyId = journey.id;
    accounts = [];
    for (let i = 0; i < 6; i += 1) {
      accounts.push(await storedAccount(database.db, { name: `Account ${i}` }));
    }
  });
  afterAll(async () => database.close());

  const account = (i: number): Account => {
    const found = accounts[i];
    if (!found) throw new Error(`no account ${i}`);
    return found;
  };

  describe('metrics', () => {
    it('answers the inserted counters, with every node and port present', async () => {
      await addCounters(database.db, [
        { journeyId, nodeId: totalsNode, counter: 'entered', delta: 7 },
        { journeyId, nodeId: totalsNode, counter: 'active', delta: 4 },
        { journeyId, nodeId: totalsNode, counter: 'ended:completed', delta: 2 },
        { journeyId, nodeId: totalsNode, counter: 'ended:aborted', delta: 1 },
        { journeyId, nodeId: 'aud', counter: 'entered', delta: 7 },
        { journeyId, nodeId: 'aud', counter: 'port:next', delta: 7 },
        { journeyId, nodeId: 'wait', counter: 'entered', delta: 7 },
        { journeyId, nodeId: 'wait', counter: 'current', delta: 4 },
        { journeyId, nodeId: 'wait', counter: 'port:next', delta: 3 },
        { journeyId, nodeId: 'split', counter: 'entered', delta: 3 },
        { journeyId, nodeId: 'split', counter: 'port:other', delta: 2 },
        { journeyId, nodeId: 'split', counter: 'port:big', delta: 1 },
      ]);
      const metrics = value(await journeyMetrics(deps, journeyId));
      expect(metrics.totals).toEqual({
        entered: 7,
        inProgress: 4,
        completed: 2,
        aborted: 1,
        removed: 0,
        journeyEnded: 0,
        accountDeleted: 0,
      });
      expect(metrics.nodes).toEqual([
        { nodeId: 'aud', entered: 7, current: 0, paths: { next: 7 } },
        { nodeId: 'wait', entered: 7, current: 4, paths: { next: 3 } },
        { nodeId: 'split', entered: 3, current: 0, paths: { big: 1, other: 2 } },
        { nodeId: 'alert', entered: 0, current: 0, paths: { next: 0 } },
      ]);
    });

    it('answers JOURNEY_NOT_FOUND for an unknown journey', async () => {
      const result = await journeyMetrics(deps, crypto.randomUUID());
      expect(result.ok ? null : result.error.code).toBe('JOURNEY_NOT_FOUND');
    });
  });

  describe('drill-down and timelines', () => {
    let ids: number[];

    beforeAll(async () => {
      // Accounts 0–3 wait; 4 went through the split and ended; 5 had two passes.
      ids = [];
      for (let i = 0; i < 4; i += 1) {
        ids.push(await enroll({ accountId: account(i).id, nodeId: 'wait', dueAt: at(60 + i) }));
      }
      const done = await enroll({ accountId: account(4).id, nodeId: 'alert', status: 'completed' });
      const first = await enroll({
        accountId: account(5).id,
        nodeId: 'split',
        status: 'completed',
      });
      const second = await enroll({
        accountId: account(5).id,
        pass: 2,
        nodeId: 'wait',
        enteredAt: at(40),
      });
      await appendTimeline(database.db, [
        entry(done, account(4).id, { kind: 'entered', nodeId: 'aud' }),
        entry(done, account(4).id, { kind: 'step', nodeId: 'wait', port: 'next' }),
        entry(done, account(4).id, {
          kind: 'step',
          nodeId: 'split',
          port: 'big',
          detail: { reason: 'Path Big matched' },
        }),
        entry(done, account(4).id, { kind: 'exited', nodeId: 'alert', detail: { reason: 'x' } }),
        entry(first, account(5).id, { kind: 'entered', nodeId: 'aud' }),
        entry(first, account(5).id, { kind: 'step', nodeId: 'split', port: 'other' }),
        entry(first, account(5).id, { kind: 'exited', nodeId: 'split' }),
        entry(second, account(5).id, { kind: 'entered', nodeId: 'aud', at: at(40).toISOString() }),
      ]);
      ids.push(done, first, second);
    });

    it('pages the accounts currently at a node by enrollment id', async () => {
      const page1 = value(
        await nodeAccounts(deps, journeyId, 'wait', { state: 'current', limit: 3 }),
      );
      expect(page1.items.map((i) => i.accountId)).toEqual([0, 1, 2].map((i) => account(i).id));
      expect(page1.items[0]).toMatchObject({ accountName: 'Account 0', pass: 1 });
      expect(page1.items[0]?.since).toBe(at(5).toISOString());
      expect(page1.nextCursor).not.toBeNull();
      const page2 = value(
        await nodeAccounts(deps, journeyId, 'wait', {
          state: 'current',
          limit: 3,
          cursor: page1.nextCursor ?? '',
        }),
      );
      expect(page2.items.map((i) => [i.accountId, i.pass])).toEqual([
        [account(3).id, 1],
        [account(5).id, 2],
      ]);
      expect(page2.nextCursor).toBeNull();
    });

    it('lists every pass that reached a node, from the timeline and the current position', async () => {
      const wait = value(await nodeAccounts(deps, journeyId, 'wait', { state: 'entered' }));
      // Four waiting, the finished pass that stepped through it, and the second pass of 5.
      expect(wait.items.map((i) => i.enrollmentId)).toEqual([
        ids[0],
        ids[1],
        ids[2],
        ids[3],
        ids[4],
        ids[6],
      ]);
      const split = value(await nodeAccounts(deps, journeyId, 'split', { state: 'entered' }));
      expect(split.items.map((i) => i.enrollmentId)).toEqual([ids[4], ids[5]]);
      const root = value(
        await nodeAccounts(deps, journeyId, 'aud', { state: 'entered', limit: 5 }),
      );
      expect(root.items).toHaveLength(5);
      const rest = value(
        await nodeAccounts(deps, journeyId, 'aud', {
          state: 'entered',
          limit: 5,
          cursor: root.nextCursor ?? '',
        }),
      );
      expect(rest.items.map((i) => i.enrollmentId)).toEqual([ids[5], ids[6]]);
      expect(rest.nextCursor).toBeNull();
    });

    it('refuses an unknown node and a cursor made for the other state', async () => {
      const unknown = await nodeAccounts(deps, journeyId, 'nope', { state: 'current' });
      expect(unknown.ok ? null : unknown.error.code).toBe('JOURNEY_NODE_NOT_FOUND');
      const page = value(
        await nodeAccounts(deps, journeyId, 'wait', { state: 'current', limit: 1 }),
      );
      const crossed = await nodeAccounts(deps, journeyId, 'wait', {
        state: 'entered',
        cursor: page.nextCursor ?? '',
      });
      expect(crossed.ok ? null : crossed.error.code).toBe('INVALID_CURSOR');
      const garbage = await nodeAccounts(deps, journeyId, 'wait', {
        state: 'current',
        cursor: 'not a cursor',
      });
      expect(garbage.ok ? null : garbage.error.code).toBe('INVALID_CURSOR');
    });

    it('groups an account timeline per pass with node titles', async () => {
      const { passes } = value(await accountTimeline(deps, journeyId, account(5).id));
      expect(passes.map((p) => [p.pass, p.status, p.endReason])).toEqual([
        [1, 'completed', 'completed'],
        [2, 'active', null],
      ]);
      expect(passes[0]?.entries.map((e) => [e.kind, e.nodeTitle, e.port])).toEqual([
        ['entered', 'Account audience', null],
        ['step', 'Split paths', 'other'],
        ['exited', 'Split paths', null],
      ]);
      expect(passes[1]?.entries.map((e) => e.kind)).toEqual(['entered']);
      const other = value(await accountTimeline(deps, journeyId, account(4).id));
      expect(other.passes[0]?.entries[2]).toMatchObject({
        nodeTitle: 'Split paths',
        port: 'big',
        detail: { reason: 'Path Big matched' },
      });
      expect(other.passes[0]?.entries[1]?.nodeTitle).toBe('Wait 2 days');
    });

    it('answers ACCOUNT_NOT_FOUND for a timeline of an account that never existed', async () => {
      const result = await accountTimeline(deps, journeyId, crypto.randomUUID());
      expect(result.ok ? null : result.error.code).toBe('ACCOUNT_NOT_FOUND');
      const known = value(
        await accountTimeline(deps, journeyId, (await storedAccount(database.db)).id),
      );
      expect(known.passes).toEqual([]);
    });

    it("lists an account's journeys with its latest pass", async () => {
      const { items } = value(await accountJourneys(deps, account(5).id));
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        journeyId,
        journeyStatus: 'live',
        pass: 2,
        passes: 2,
        status: 'active',
        nodeId: 'wait',
        nodeTitle: 'Wait 2 days',
      });
    });

    it('samples the engine gauges: lag of due timers, outbox depth and active passes', async () => {
      // Due times are at(60)…at(63); at(70) makes at(60) ten minutes late.
      let gauges = await readEngineGauges(database.db, at(70));
      expect(gauges.dueLagSeconds).toBe(600);
      expect(gauges.enrollmentsActive).toBe(4);
      expect(gauges.outboxDepth).toEqual({ pending: 0, sending: 0, dead: 0 });
      for (const [n, status] of ['pending', 'pending', 'dead', 'sent'].entries()) {
        await database.db
          .insertInto('outbox')
          .values({
            idempotency_key: `${ids[0]}:wait:p${n}`,
            channel: 'email',
            journey_id: journeyId,
            payload: '{}',
            status,
            created_at: at(1).toISOString(),
          })
          .execute();
      }
      gauges = await readEngineGauges(database.db, at(10));
      expect(gauges.dueLagSeconds).toBe(0);
      expect(gauges.outboxDepth).toEqual({ pending: 2, sending: 0, dead: 1 });
    });
  });
});
