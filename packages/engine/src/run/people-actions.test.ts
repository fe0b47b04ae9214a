import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PeopleAction } from '@caravan/core/journey/definition';
import { listActivities } from '@caravan/storage/activity.repository';
import { findBuyingGroupFor } from '@caravan/storage/buying-group.repository';
import { findPerson } from '@caravan/storage/person.repository';
import { insertSms } from '@caravan/storage/sms.repository';
import { testDialects } from '@caravan/storage/test-databases';
import { patchAccount } from '../data/accounts.service.ts';
import { assignBuyingGroupMember } from '../buying-groups/buying-groups.service.ts';
import {
  definition,
  depsOf,
  openWorld,
  publish,
  run,
  setUpBuyingGroups,
  valueOf,
  type World,
} from './engine.test-support.ts';
import { outboxOf, passesOf, timelineOf } from './engine-inspection.test-support.ts';

describe.each(testDialects)('people actions on %s', (dialect) => {
  let world: World;

  beforeEach(async () => {
    world = await openWorld(dialect, { accounts: 3 });
  });
  afterEach(async () => world.database.close());

  function journeyWith(action: PeopleAction) {
    return publish(
      world,
      definition(
        world,
        [{ id: 'act', type: 'action', settings: { on: 'people', action } }],
        [['audience', 'next', 'act']],
      ),
    );
  }

  const peopleOf = (accountIndex: number) => world.people.get(world.accounts[accountIndex]!.id)!;

  it('queues one email per person of the account, addressed to that person', async () => {
    const journeyId = await journeyWith({ type: 'sendEmail', emailId: world.emailId });
    await run(world);

    const outbox = await outboxOf(world, journeyId);
    expect(outbox).toHaveLength(6);
    const account = world.accounts[0]!;
    const [pass] = await passesOf(world, journeyId, account.id);
    const rows = outbox.filter((m) => m.accountId === account.id);
    expect(rows.map((m) => [m.personId, m.recipient, m.idempotencyKey]).sort()).toEqual(
      peopleOf(0)
        .map((p) => [p.id, p.email, `${pass!.id}:act:${p.id}`])
        .sort(),
    );
    expect(rows[0]).toMatchObject({
      channel: 'email',
      status: 'pending',
      payload: { channel: 'email', emailId: world.emailId },
    });
  });

  it('queues one SMS per person of the account, addressed to their mobile phone', async () => {
    const smsId = randomUUID();
    const sms = await insertSms(world.database.db, {
      id: smsId,
      name: 'Reminder',
      message: 'See you {{person.firstName}}',
      now: world.clock.now(),
    });
    if (!sms.ok) throw new Error(sms.error.message);
    const journeyId = await journeyWith({ type: 'sendSms', smsId });
    await run(world);

    const rows = (await outboxOf(world, journeyId)).filter(
      (m) => m.accountId === world.accounts[1]!.id,
    );
    expect(rows.map((m) => [m.channel, m.personId, m.recipient]).sort()).toEqual(
      peopleOf(1)
        .map((p) => ['sms', p.id, p.mobilePhone])
        .sort(),
    );
    expect(rows[0]!.payload).toEqual({ channel: 'sms', smsId });
  });

  it('assigns every person the role with source journey, except a person assigned by hand', async () => {
    const { interestId } = await setUpBuyingGroups(world);
    const account = world.accounts[0]!;
    const [p1, p2] = peopleOf(0);
    const group = await findBuyingGroupFor(world.database.db, interestId, account.id);
    valueOf(await assignBuyingGroupMember(depsOf(world), group!.id, p2!.id, 'Champion'));

    await journeyWith({
      type: 'assignToBuyingGroup',
      solutionInterestId: interestId,
      role: 'Buyer',
    });
    await run(world);

    const after = await findBuyingGroupFor(world.database.db, interestId, account.id);
    const members = after!.members.map((m) => [m.personId, m.role, m.source]).sort();
    expect(members).toEqual(
      [
        [p1!.id, 'Buyer', 'journey'],
        [p2!.id, 'Champion', 'manual'],
      ].sort(),
    );
    const assigned = await listActivities(world.database.db, {
      accountId: account.id,
      types: ['assignedToBuyingGroup'],
      limit: 10,
    });
    expect(assigned.some((a) => a.personId === p1!.id && a.properties.source === 'journey')).toBe(
      true,
    );
  });

  it('removes the people from the buying group, but not a member assigned by hand', async () => {
    const { interestId } = await setUpBuyingGroups(world);
    const account = world.accounts[0]!;
    const [p1, p2] = peopleOf(0);
    const group = await findBuyingGroupFor(world.database.db, interestId, account.id);
    valueOf(await assignBuyingGroupMember(depsOf(world), group!.id, p1!.id, 'Buyer'));
    // P2 (whom no auto-assignment condition matches) joins by the journey's first action.
    const journeyId = await publish(
      world,
      definition(
        world,
        [
          {
            id: 'assign',
            type: 'action',
            settings: {
              on: 'people',
              action: {
                type: 'assignToBuyingGroup',
                solutionInterestId: interestId,
                role: 'Buyer',
              },
            },
          },
          {
            id: 'act',
            type: 'action',
            settings: {
              on: 'people',
              action: { type: 'removeFromBuyingGroup', solutionInterestId: interestId },
            },
          },
        ],
        [
          ['audience', 'next', 'assign'],
          ['assign', 'next', 'act'],
        ],
      ),
    );
    await run(world);

    const after = await findBuyingGroupFor(world.database.db, interestId, account.id);
    expect(after!.members.map((m) => [m.personId, m.source])).toEqual([[p1!.id, 'manual']]);
    const removed = await listActivities(world.database.db, {
      accountId: account.id,
      types: ['removedFromBuyingGroup'],
      limit: 10,
    });
    expect(removed.map((a) => [a.personId, a.properties.removedBy])).toEqual([[p2!.id, 'journey']]);
    const step = (await timelineOf(world, journeyId, account.id)).find((t) => t.nodeId === 'act');
    expect(step?.detail).toMatchObject({
      outcome: 'done',
      decision: 'removed 1 from the buying group',
    });
  });

  it('removes an automatically assigned member for good: later maintenance does not put them back', async () => {
    const { interestId } = await setUpBuyingGroups(world);
    const account = world.accounts[1]!;
    const [p1] = peopleOf(1);
    const before = await findBuyingGroupFor(world.database.db, interestId, account.id);
    expect(before!.members.map((m) => [m.personId, m.source])).toEqual([[p1!.id, 'automatic']]);
    await publish(
      world,
      definition(
        world,
        [
          {
            id: 'act',
            type: 'action',
            settings: {
              on: 'people',
              action: { type: 'removeFromBuyingGroup', solutionInterestId: interestId },
            },
          },
        ],
        [['audience', 'next', 'act']],
      ),
    );
    await run(world);
    // Any change to the account runs buying-group maintenance again.
    valueOf(await patchAccount(depsOf(world), account.id, { city: 'Lund' }));
    const after = await findBuyingGroupFor(world.database.db, interestId, account.id);
    expect(after!.members).toEqual([]);
  });

  it('updates an attribute of every person of the account', async () => {
    await journeyWith({ type: 'updatePerson', attribute: 'jobTitle', value: 'CTO' });
    await run(world);

    for (const person of peopleOf(2)) {
      expect((await findPerson(world.database.db, person.id))?.jobTitle).toBe('CTO');
    }
    const changes = await listActivities(world.database.db, {
      accountId: world.accounts[2]!.id,
      types: ['personAttributeChanged'],
      limit: 10,
    });
    expect(changes.map((a) => a.personId).sort()).toEqual(
      peopleOf(2)
        .map((p) => p.id)
        .sort(),
    );
  });

  it('records an interesting moment for every person of the account', async () => {
    const journeyId = await journeyWith({
      type: 'interestingMoment',
      momentType: 'web',
      description: 'Visited pricing',
    });
    await run(world);

    const moments = await listActivities(world.database.db, {
      accountId: world.accounts[0]!.id,
      types: ['interestingMoment'],
      limit: 10,
    });
    expect(moments.map((m) => m.personId).sort()).toEqual(
      peopleOf(0)
        .map((p) => p.id)
        .sort(),
    );
    expect(moments[0]!.properties).toMatchObject({
      momentType: 'web',
      description: 'Visited pricing',
      journeyId,
    });
  });

  it('queues one webhook call per person of the account', async () => {
    const journeyId = await journeyWith({ type: 'webhook', url: 'https://hooks.example.com/p' });
    await run(world);

    const rows = (await outboxOf(world, journeyId)).filter(
      (m) => m.accountId === world.accounts[0]!.id,
    );
    expect(rows.map((m) => m.personId).sort()).toEqual(
      peopleOf(0)
        .map((p) => p.id)
        .sort(),
    );
    expect(rows[0]).toMatchObject({
      channel: 'webhook',
      recipient: 'https://hooks.example.com/p',
      payload: { channel: 'webhook', url: 'https://hooks.example.com/p', method: 'POST' },
    });
  });
});
