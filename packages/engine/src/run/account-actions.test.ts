import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountAction, JourneyNode } from '@caravan/core/journey/definition';
import { findAccount } from '@caravan/storage/account.repository';
import { listAccountListMembers } from '@caravan/storage/account-list.repository';
import { listActivities } from '@caravan/storage/activity.repository';
import { findBuyingGroupFor } from '@caravan/storage/buying-group.repository';
import { testDialects } from '@caravan/storage/test-databases';
import { changeStaticMembers, createAccountList } from '../segments/account-lists.service.ts';
import {
  closeJourney,
  createJourney,
  publishJourney,
} from '../journeys/journey-commands.service.ts';
import {
  accountIs,
  definition,
  depsOf,
  liveAudience,
  openWorld,
  publish,
  run,
  setUpBuyingGroups,
  valueOf,
  type World,
} from './engine.test-support.ts';
import {
  counter,
  countersOf,
  enrollmentsOf,
  outboxOf,
  passesOf,
  recomputedCounters,
  timelineOf,
} from './engine-inspection.test-support.ts';

const wait: JourneyNode = {
  id: 'wait',
  type: 'wait',
  settings: { duration: { amount: 1, unit: 'days' } },
};

describe.each(testDialects)('account actions on %s', (dialect) => {
  let world: World;

  beforeEach(async () => {
    world = await openWorld(dialect, { accounts: 3 });
  });
  afterEach(async () => world.database.close());

  /** Publishes audience → action → wait (so that "the account continues" is visible). */
  function journeyWith(action: AccountAction) {
    return publish(
      world,
      definition(
        world,
        [{ id: 'act', type: 'action', settings: { on: 'accounts', action } }, wait],
        [
          ['audience', 'next', 'act'],
          ['act', 'next', 'wait'],
        ],
      ),
    );
  }

  async function actStep(journeyId: string, accountId: string) {
    const timeline = await timelineOf(world, journeyId, accountId);
    return timeline.find((t) => t.nodeId === 'act')!;
  }

  /** A live journey over an audience nobody is in: accounts arrive only when added. */
  async function emptyTarget(): Promise<string> {
    const audienceId = await liveAudience(world, accountIs('industry', 'Nobody'));
    return publish(world, definition({ audienceId }, [wait], [['audience', 'next', 'wait']]));
  }

  it('adds the account to a live target journey', async () => {
    const target = await emptyTarget();
    const journeyId = await journeyWith({ type: 'addToJourney', journeyId: target });
    await run(world);

    const entered = await enrollmentsOf(world, target);
    expect(entered.map((e) => [e.accountId, e.status, e.nodeId]).sort()).toEqual(
      world.accounts.map((a) => [a.id, 'active', 'wait']).sort(),
    );
    const step = await actStep(journeyId, world.accounts[0]!.id);
    expect(step).toMatchObject({ kind: 'step', port: 'next' });
    expect(step.detail).toMatchObject({ outcome: 'done', pass: 1 });
  });

  it('blocks adding to a draft journey, records the reason, and lets the account continue', async () => {
    const draft = valueOf(
      await createJourney(depsOf(world), world.userId, { name: 'Still a draft' }),
    );
    const journeyId = await journeyWith({ type: 'addToJourney', journeyId: draft.id });
    await run(world);

    const step = await actStep(journeyId, world.accounts[0]!.id);
    expect(step.kind).toBe('blocked');
    expect(step.detail.reason).toBe('the journey "Still a draft" is draft, not live');
    expect(await enrollmentsOf(world, draft.id)).toHaveLength(0);
    const passes = await enrollmentsOf(world, journeyId);
    expect(passes.every((e) => e.status === 'active' && e.nodeId === 'wait')).toBe(true);
  });

  it('blocks adding to a journey closed to new entries, and the account continues', async () => {
    const target = await emptyTarget();
    const journeyId = await journeyWith({ type: 'addToJourney', journeyId: target });
    valueOf(await closeJourney(depsOf(world), world.userId, target));
    await run(world);

    const step = await actStep(journeyId, world.accounts[1]!.id);
    expect(step.kind).toBe('blocked');
    expect(step.detail.reason).toContain('is closed, not live');
    expect(await enrollmentsOf(world, target)).toHaveLength(0);
    expect(await counter(world, journeyId, 'wait', 'current')).toBe(3);
  });

  it('removes the account from another journey it is in, ending that pass as removed', async () => {
    const other = await publish(world, definition(world, [wait], [['audience', 'next', 'wait']]));
    await run(world);
    const journeyId = await journeyWith({ type: 'removeFromJourney', journeyId: other });
    await run(world);

    const passes = await enrollmentsOf(world, other);
    expect(passes.map((e) => e.status)).toEqual(['removed', 'removed', 'removed']);
    expect(await counter(world, other, 'wait', 'current')).toBe(0);
    expect(await counter(world, other, '', 'active')).toBe(0);
    expect(await counter(world, other, '', 'ended:removed')).toBe(3);
    const account = world.accounts[0]!;
    const exit = (await timelineOf(world, other, account.id)).at(-1)!;
    expect(exit).toMatchObject({ kind: 'exited', nodeId: 'wait' });
    expect(exit.detail).toMatchObject({ reason: 'removed', byJourneyId: journeyId });
    expect(await countersOf(world, other)).toEqual(await recomputedCounters(world, other));
  });

  it.each(['before', 'after'])(
    'removes a pass of another journey that the same batch moves %s the removal',
    async (order) => {
      // Both journeys wait a day, so both passes of each account are due in the same batch;
      // the pass published first is decided first.
      const otherDef = definition(
        world,
        [wait, { ...wait, id: 'second' }],
        [
          ['audience', 'next', 'wait'],
          ['wait', 'next', 'second'],
        ],
      );
      const removing = (other: string) =>
        definition(
          world,
          [
            wait,
            {
              id: 'act',
              type: 'action',
              settings: { on: 'accounts', action: { type: 'removeFromJourney', journeyId: other } },
            },
          ],
          [
            ['audience', 'next', 'wait'],
            ['wait', 'next', 'act'],
          ],
        );
      let other: string;
      let journeyId: string;
      if (order === 'before') {
        other = await publish(world, otherDef);
        journeyId = await publish(world, removing(other));
      } else {
        // The target exists (as a draft) before the removing journey is published, and goes
        // live after it: its passes come later in the batch.
        const draft = valueOf(
          await createJourney(depsOf(world), world.userId, {
            name: 'Target',
            definition: otherDef,
            schedule: { start: 'immediately', end: '2026-12-31T00:00:00.000Z' },
          }),
        );
        journeyId = await publish(world, removing(draft.id));
        valueOf(await publishJourney(depsOf(world), world.userId, draft.id));
        other = draft.id;
      }
      await run(world);
      world.clock.advance(86_400_000);
      await run(world);

      const passes = await enrollmentsOf(world, other);
      expect(passes.map((e) => e.status)).toEqual(['removed', 'removed', 'removed']);
      expect(await counter(world, other, '', 'active')).toBe(0);
      expect(await countersOf(world, other)).toEqual(await recomputedCounters(world, other));
      expect(await counter(world, journeyId, '', 'ended:completed')).toBe(3);
    },
  );

  it('adds the account to a static list, a no-op for an account already in it', async () => {
    const deps = depsOf(world);
    const list = valueOf(
      await createAccountList(deps, { name: 'Hot', kind: 'static', status: 'live' }),
    );
    const [already, other] = world.accounts;
    valueOf(await changeStaticMembers(deps, list.id, 'add', [already!.id]));
    const journeyId = await journeyWith({ type: 'addToAccountList', listId: list.id });
    await run(world);

    const members = await listAccountListMembers(world.database.db, list.id, {
      limit: 10,
      offset: 0,
    });
    expect(members.accountIds.sort()).toEqual(world.accounts.map((a) => a.id).sort());
    expect((await actStep(journeyId, already!.id)).detail).toMatchObject({
      outcome: 'skipped',
      reason: 'already in the list',
    });
    expect((await actStep(journeyId, other!.id)).detail).toMatchObject({ outcome: 'done' });
  });

  it('removes the account from a static list, a no-op for an account not in it', async () => {
    const deps = depsOf(world);
    const list = valueOf(
      await createAccountList(deps, { name: 'Cold', kind: 'static', status: 'live' }),
    );
    const [member, outsider] = world.accounts;
    valueOf(await changeStaticMembers(deps, list.id, 'add', [member!.id]));
    const journeyId = await journeyWith({ type: 'removeFromAccountList', listId: list.id });
    await run(world);

    const members = await listAccountListMembers(world.database.db, list.id, {
      limit: 10,
      offset: 0,
    });
    expect(members.accountIds).toEqual([]);
    expect((await actStep(journeyId, member!.id)).detail).toMatchObject({ outcome: 'done' });
    expect((await actStep(journeyId, outsider!.id)).detail).toMatchObject({
      outcome: 'skipped',
      reason: 'not in the list',
    });
  });

  it('queues one sales alert per account in the outbox', async () => {
    const { interestId } = await setUpBuyingGroups(world);
    const to = ['sales@example.com', 'lead@example.com'];
    const journeyId = await journeyWith({
      type: 'sendSalesAlert',
      solutionInterestId: interestId,
      to,
    });
    await run(world);

    const outbox = await outboxOf(world, journeyId);
    expect(outbox).toHaveLength(3);
    const account = world.accounts[0]!;
    const row = outbox.find((m) => m.accountId === account.id)!;
    const [pass] = await passesOf(world, journeyId, account.id);
    expect(row).toMatchObject({
      channel: 'salesAlert',
      status: 'pending',
      personId: null,
      recipient: 'sales@example.com, lead@example.com',
      nodeId: 'act',
      idempotencyKey: `${pass!.id}:act:-`,
      payload: { channel: 'salesAlert', solutionInterestId: interestId, to },
    });
  });

  it('updates an account attribute and records the attribute change as an activity', async () => {
    await journeyWith({ type: 'updateAccount', attribute: 'city', value: 'Malmö' });
    await run(world);

    const account = world.accounts[0]!;
    expect((await findAccount(world.database.db, account.id))?.city).toBe('Malmö');
    const changes = await listActivities(world.database.db, {
      accountId: account.id,
      types: ['accountAttributeChanged'],
      limit: 10,
    });
    expect(changes.map((a) => [a.properties.attribute, a.properties.new])).toContainEqual([
      'city',
      'Malmö',
    ]);
  });

  it('moves the buying group to a stage the stage model allows', async () => {
    const { interestId } = await setUpBuyingGroups(world);
    const journeyId = await journeyWith({
      type: 'updateBuyingGroupStage',
      solutionInterestId: interestId,
      stage: 'Interest',
    });
    await run(world);

    const account = world.accounts[0]!;
    const group = await findBuyingGroupFor(world.database.db, interestId, account.id);
    expect(group?.stage).toBe('Interest');
    expect((await actStep(journeyId, account.id)).detail).toMatchObject({ outcome: 'done' });
  });

  it('skips a stage change the stage model forbids, with the reason, and the account continues', async () => {
    const { interestId } = await setUpBuyingGroups(world);
    const journeyId = await journeyWith({
      type: 'updateBuyingGroupStage',
      solutionInterestId: interestId,
      stage: 'Won',
    });
    await run(world);

    const account = world.accounts[0]!;
    const group = await findBuyingGroupFor(world.database.db, interestId, account.id);
    expect(group?.stage).toBe('Awareness');
    const step = await actStep(journeyId, account.id);
    expect(step.detail.outcome).toBe('skipped');
    expect(step.detail.reason).toContain('does not allow moving from "Awareness" to "Won"');
    expect(await counter(world, journeyId, 'wait', 'current')).toBe(3);
  });

  it('sets the buying group status and records the change', async () => {
    const { interestId } = await setUpBuyingGroups(world);
    await journeyWith({
      type: 'updateBuyingGroupStatus',
      solutionInterestId: interestId,
      status: 'Hot',
    });
    await run(world);

    const account = world.accounts[0]!;
    const group = await findBuyingGroupFor(world.database.db, interestId, account.id);
    expect(group?.status).toBe('Hot');
    const changes = await listActivities(world.database.db, {
      accountId: account.id,
      types: ['buyingGroupStatusChanged'],
      limit: 10,
    });
    expect(changes.map((a) => a.properties.new)).toEqual(['Hot']);
  });

  it('records an interesting moment on the account', async () => {
    const journeyId = await journeyWith({
      type: 'interestingMoment',
      momentType: 'milestone',
      description: 'Reached the nurture track',
    });
    await run(world);

    const moments = await listActivities(world.database.db, {
      accountId: world.accounts[0]!.id,
      types: ['interestingMoment'],
      limit: 10,
    });
    expect(moments).toHaveLength(1);
    expect(moments[0]).toMatchObject({
      personId: null,
      properties: {
        momentType: 'milestone',
        description: 'Reached the nurture track',
        journeyId,
        nodeId: 'act',
      },
    });
  });

  it('queues one webhook call per account in the outbox', async () => {
    const journeyId = await journeyWith({
      type: 'webhook',
      url: 'https://hooks.example.com/caravan',
      method: 'PUT',
      body: '{"account":"{{account.name}}"}',
    });
    await run(world);

    const outbox = await outboxOf(world, journeyId);
    expect(outbox.map((m) => m.accountId).sort()).toEqual(world.accounts.map((a) => a.id).sort());
    expect(outbox[0]).toMatchObject({
      channel: 'webhook',
      personId: null,
      recipient: 'https://hooks.example.com/caravan',
      payload: {
        channel: 'webhook',
        url: 'https://hooks.example.com/caravan',
        method: 'PUT',
        headers: {},
        body: '{"account":"{{account.name}}"}',
      },
    });
  });
});
