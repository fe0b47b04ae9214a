import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JourneyNode } from '@caravan/core/journey/definition';
import { testDialects } from '@caravan/storage/test-databases';
import { abortJourney } from '../journeys/journey-commands.service.ts';
import {
  accountIs,
  definition,
  depsOf,
  openWorld,
  personIs,
  publish,
  run,
  valueOf,
  type World,
} from './engine.test-support.ts';
import { countersOf, recomputedCounters, recordEvent } from './engine-inspection.test-support.ts';
import { listenRecheckMs } from './listen.ts';

const day = 86_400_000;

const wait = (id: string, days: number): JourneyNode => ({
  id,
  type: 'wait',
  settings: { duration: { amount: days, unit: 'days' } },
});

/**
 * audience → email → split by industry:
 *   Software → listen for a web visit (1 day) → merge (by event or timeout)
 *   Retail   → split by people (P1 → webhook) → wait 2 days → merge
 *   other    → variant 50/50: a → wait 1 day → merge; b → end
 * merge → interesting moment → end.
 */
function mixedJourney(world: World) {
  return definition(
    world,
    [
      {
        id: 'email',
        type: 'action',
        settings: { on: 'people', action: { type: 'sendEmail', emailId: world.emailId } },
      },
      {
        id: 'split',
        type: 'split',
        settings: {
          by: 'accounts',
          otherPath: true,
          paths: [
            { id: 'sw', label: 'Software', condition: accountIs('industry', 'Software') },
            { id: 'retail', label: 'Retail', condition: accountIs('industry', 'Retail') },
          ],
        },
      },
      {
        id: 'listen',
        type: 'event',
        settings: {
          on: 'accounts',
          event: 'webVisit',
          timeout: { duration: { amount: 1, unit: 'days' } },
        },
      },
      {
        id: 'people',
        type: 'split',
        settings: {
          by: 'people',
          paths: [{ id: 'p1', label: 'P1', condition: personIs('firstName', 'P1') }],
        },
      },
      {
        id: 'hook',
        type: 'action',
        settings: {
          on: 'people',
          action: { type: 'webhook', url: 'https://hooks.example.com/p1' },
        },
      },
      wait('w2', 2),
      {
        id: 'variant',
        type: 'variantSplit',
        settings: {
          by: 'accounts',
          paths: [
            { id: 'a', label: 'A', percent: 50 },
            { id: 'b', label: 'B', percent: 50 },
          ],
        },
      },
      wait('w1', 1),
      { id: 'merge', type: 'merge', settings: {} },
      {
        id: 'moment',
        type: 'action',
        settings: {
          on: 'accounts',
          action: { type: 'interestingMoment', momentType: 'milestone', description: 'Done' },
        },
      },
    ],
    [
      ['audience', 'next', 'email'],
      ['email', 'next', 'split'],
      ['split', 'sw', 'listen'],
      ['split', 'retail', 'people'],
      ['split', 'other', 'variant'],
      ['listen', 'next', 'merge'],
      ['listen', 'timeout', 'merge'],
      ['people', 'p1', 'hook'],
      ['hook', 'next', 'w2'],
      ['w2', 'next', 'merge'],
      ['variant', 'a', 'w1'],
      ['w1', 'next', 'merge'],
      ['merge', 'next', 'moment'],
    ],
  );
}

describe.each(testDialects)('journey metrics on %s', (dialect) => {
  let world: World;

  beforeEach(async () => {
    world = await openWorld(dialect, { accounts: 9 });
  });
  afterEach(async () => world.database.close());

  it('keeps node and total counters equal to what the timeline and enrollments say, at every stage', async () => {
    const journeyId = await publish(world, mixedJourney(world));
    const expectAgreement = async () =>
      expect(await countersOf(world, journeyId)).toEqual(
        await recomputedCounters(world, journeyId),
      );

    // Set-based entry writes no timeline; the worker notes "entered" when it first runs a pass.
    await run(world);
    await expectAgreement();

    world.clock.advance(listenRecheckMs);
    await run(world);
    await recordEvent(world, { type: 'webVisit', accountId: world.accounts[0]!.id });
    await run(world);
    await expectAgreement();

    world.clock.advance(day);
    await run(world);
    await expectAgreement();

    valueOf(await abortJourney(depsOf(world), world.userId, journeyId));
    await expectAgreement();

    const counters = await countersOf(world, journeyId);
    expect(counters['']).toEqual({ entered: 9, 'ended:completed': 6, 'ended:aborted': 3 });
    expect(counters.listen).toMatchObject({ entered: 3, 'port:next': 1, 'port:timeout': 2 });
    expect(counters.people).toMatchObject({ entered: 3, 'port:p1': 3, 'port:next': 3 });
    expect(counters.w2).toEqual({ entered: 3 });
  });
});
