import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JourneyNode, NodeOfType } from '@caravan/core/journey/definition';
import { testDialects } from '@caravan/storage/test-databases';
import { completeFinishedJourneys } from '../journeys/journey-run-lifecycle.ts';
import {
  definition,
  openWorld,
  personIs,
  publish,
  run,
  type World,
} from './engine.test-support.ts';
import {
  counter,
  countersOf,
  enrollmentsOf,
  passesOf,
  recomputedCounters,
  recordEvent,
  timelineOf,
} from './engine-inspection.test-support.ts';
import { listenRecheckMs } from './listen.ts';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

const longWait = (id: string): JourneyNode => ({
  id,
  type: 'wait',
  settings: { duration: { amount: 30, unit: 'days' } },
});

describe.each(testDialects)('listen for an event on %s', (dialect) => {
  let world: World;

  beforeEach(async () => {
    world = await openWorld(dialect, { accounts: 2 });
  });
  afterEach(async () => world.database.close());

  /** audience → listen → (next) yes / (timeout) no; both long waits. */
  async function listening(
    settings: NodeOfType<'event'>['settings'],
    options: Parameters<typeof publish>[2] = {},
  ) {
    const listen: JourneyNode = { id: 'listen', type: 'event', settings };
    const edges: Array<[string, string, string]> = [
      ['audience', 'next', 'listen'],
      ['listen', 'next', 'yes'],
    ];
    const nodes = [listen, longWait('yes')];
    if (settings.timeout && settings.timeoutPath !== false) {
      nodes.push(longWait('no'));
      edges.push(['listen', 'timeout', 'no']);
    }
    const journeyId = await publish(world, definition(world, nodes, edges), options);
    await run(world);
    // Past the arrival re-check: from here on only an event or the timer wakes it.
    world.clock.advance(listenRecheckMs);
    await run(world);
    return journeyId;
  }

  const nodeOf = async (journeyId: string, accountIndex: number) =>
    (await passesOf(world, journeyId, world.accounts[accountIndex]!.id))[0]!;

  it('wakes on an event recorded after the account started listening and takes next', async () => {
    const journeyId = await listening({
      on: 'accounts',
      event: 'interestingMoment',
      timeout: { duration: { amount: 7, unit: 'days' } },
    });
    world.clock.advance(hour);
    const account = world.accounts[0]!;
    await recordEvent(world, {
      type: 'interestingMoment',
      accountId: account.id,
      properties: { description: 'Booked a demo' },
    });
    expect((await nodeOf(journeyId, 0)).dueAt?.toISOString()).toBe(world.clock.now().toISOString());

    await run(world);

    expect(await nodeOf(journeyId, 0)).toMatchObject({ nodeId: 'yes', status: 'active' });
    expect(await nodeOf(journeyId, 1)).toMatchObject({ nodeId: 'listen', phase: 'listen' });
    const step = (await timelineOf(world, journeyId, account.id)).find(
      (t) => t.nodeId === 'listen' && t.port === 'next',
    );
    expect(step?.detail).toMatchObject({
      decision: 'event interestingMoment',
      properties: { description: 'Booked a demo' },
    });
    expect(step?.detail.activityId).toEqual(expect.any(String));
  });

  it('does not count an event that happened before the account arrived at the listener', async () => {
    const account = world.accounts[0]!;
    await recordEvent(world, { type: 'webVisit', accountId: account.id });
    world.clock.advance(minute);
    const journeyId = await listening({
      on: 'accounts',
      event: 'webVisit',
      timeout: { duration: { amount: 7, unit: 'days' } },
    });

    expect(await nodeOf(journeyId, 0)).toMatchObject({ nodeId: 'listen', phase: 'listen' });
  });

  it('takes next only for an event that satisfies the constraints', async () => {
    const journeyId = await listening({
      on: 'accounts',
      event: 'formFilledOut',
      constraints: [{ field: 'form', operator: 'is', values: ['Demo request'] }],
      timeout: { duration: { amount: 7, unit: 'days' } },
    });
    const account = world.accounts[0]!;
    world.clock.advance(minute);
    await recordEvent(world, {
      type: 'formFilledOut',
      accountId: account.id,
      properties: { form: 'Newsletter' },
    });
    await run(world);
    const back = await nodeOf(journeyId, 0);
    expect(back).toMatchObject({ nodeId: 'listen', phase: 'listen' });
    expect(back.dueAt?.toISOString()).toBe(back.state.timeoutAt);

    world.clock.advance(minute);
    await recordEvent(world, {
      type: 'formFilledOut',
      accountId: account.id,
      properties: { form: 'Demo request' },
    });
    await run(world);
    expect((await nodeOf(journeyId, 0)).nodeId).toBe('yes');
  });

  it('counts a people event only from a person who passes the people filter', async () => {
    const journeyId = await listening({
      on: 'people',
      event: 'emailOpened',
      peopleFilter: personIs('firstName', 'P2'),
      timeout: { duration: { amount: 7, unit: 'days' } },
    });
    const account = world.accounts[0]!;
    const [p1, p2] = world.people.get(account.id)!;
    world.clock.advance(minute);
    await recordEvent(world, { type: 'emailOpened', accountId: account.id, personId: p1!.id });
    await recordEvent(world, { type: 'emailOpened', accountId: account.id, personId: null });
    await run(world);
    expect((await nodeOf(journeyId, 0)).nodeId).toBe('listen');

    await recordEvent(world, { type: 'emailOpened', accountId: account.id, personId: p2!.id });
    await run(world);
    expect((await nodeOf(journeyId, 0)).nodeId).toBe('yes');
    const step = (await timelineOf(world, journeyId, account.id)).find((t) => t.port === 'next');
    expect(step?.detail.personId).toBe(p2!.id);
  });

  it('takes the timeout path when no event came in time', async () => {
    const journeyId = await listening({
      on: 'accounts',
      event: 'webVisit',
      timeout: { duration: { amount: 2, unit: 'days' } },
    });
    world.clock.advance(2 * day - listenRecheckMs - 1);
    await run(world);
    expect((await nodeOf(journeyId, 0)).nodeId).toBe('listen');

    world.clock.advance(1);
    await run(world);
    expect(await nodeOf(journeyId, 0)).toMatchObject({ nodeId: 'no', status: 'active' });
    expect(await counter(world, journeyId, 'listen', 'port:timeout')).toBe(2);
  });

  it('completes the pass on timeout when the timeout path is off', async () => {
    const journeyId = await listening({
      on: 'accounts',
      event: 'webVisit',
      timeout: { duration: { amount: 2, unit: 'days' } },
      timeoutPath: false,
    });
    world.clock.advance(2 * day);
    await run(world);

    expect(await nodeOf(journeyId, 0)).toMatchObject({ status: 'completed', nodeId: 'listen' });
    expect(await counter(world, journeyId, '', 'ended:completed')).toBe(2);
    expect(await counter(world, journeyId, 'listen', 'current')).toBe(0);
  });

  it('ends a listener without timeout as journeyEnded at the journey end date', async () => {
    const end = new Date(world.clock.now().getTime() + 3 * day);
    const journeyId = await listening({ on: 'accounts', event: 'webVisit' }, { end });
    expect((await nodeOf(journeyId, 0)).dueAt?.toISOString()).toBe(end.toISOString());

    world.clock.set(end);
    await run(world);

    const passes = await enrollmentsOf(world, journeyId);
    expect(passes.map((e) => [e.status, e.endReason])).toEqual([
      ['journeyEnded', 'journeyEnded'],
      ['journeyEnded', 'journeyEnded'],
    ]);
    expect(await counter(world, journeyId, '', 'ended:journeyEnded')).toBe(2);
    expect(await countersOf(world, journeyId)).toEqual(await recomputedCounters(world, journeyId));
    expect(await completeFinishedJourneys(world.database, world.clock)).toEqual([journeyId]);
  });

  it('times out at the next allowed weekday and time of day in the given time zone', async () => {
    // World time: Monday 2 March 2026, 09:00 UTC = 10:00 in Stockholm (UTC+1).
    const journeyId = await listening({
      on: 'accounts',
      event: 'webVisit',
      timeout: {
        duration: { amount: 1, unit: 'days' },
        mustEndOn: { weekdays: ['mon'], time: '09:00', timeZone: 'Europe/Stockholm' },
      },
    });
    // One day → Tuesday 10:00 local; the next Monday 09:00 local is 9 March 08:00 UTC.
    const at = '2026-03-09T08:00:00.000Z';
    const waiting = await nodeOf(journeyId, 0);
    expect(waiting.state.timeoutAt).toBe(at);
    expect(waiting.dueAt?.toISOString()).toBe(at);

    world.clock.set(new Date(Date.parse(at) - 1));
    await run(world);
    expect((await nodeOf(journeyId, 0)).nodeId).toBe('listen');
    world.clock.set(new Date(at));
    await run(world);
    expect((await nodeOf(journeyId, 0)).nodeId).toBe('no');
  });
});
