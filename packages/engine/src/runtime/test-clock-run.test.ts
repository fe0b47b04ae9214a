import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JourneyNode } from '@caravan/core/journey/definition';
import { defaultSettings } from '@caravan/core/journey/journey';
import { testDialects } from '@caravan/storage/test-databases';
import { createJourney, publishJourney } from '../journeys/journey-commands.service.ts';
import { completeFinishedJourneys } from '../journeys/journey-run-lifecycle.ts';
import {
  definition,
  depsOf,
  openWorld,
  publish,
  run,
  valueOf,
  type World,
} from '../run/engine.test-support.ts';
import { enrollmentsOf, timelineOf } from '../run/engine-inspection.test-support.ts';
import { startScheduledJourneys } from '../journeys/scheduler.ts';
import { advanceTestClock } from './test-clock-run.ts';

const day = 86_400_000;

const oneDay = (id: string): JourneyNode => ({
  id,
  type: 'wait',
  settings: { duration: { amount: 1, unit: 'days' } },
});

describe.each(testDialects)('advancing the test clock on %s', (dialect) => {
  let world: World;

  beforeEach(async () => {
    world = await openWorld(dialect, { accounts: 2, people: 0 });
  });
  afterEach(async () => world.database.close());

  /** What the server runs at every stop: scheduled starts, the worker, completion. */
  async function runDue() {
    await startScheduledJourneys(world.database, world.clock);
    await run(world);
    await completeFinishedJourneys(world.database, world.clock);
  }

  const twoWaits = () =>
    definition(
      world,
      [oneDay('first'), oneDay('second')],
      [
        ['audience', 'next', 'first'],
        ['first', 'next', 'second'],
      ],
    );

  it('fires timers in order: a wait after a wait is measured from the end of the first', async () => {
    const start = world.clock.now();
    const journeyId = await publish(world, twoWaits());

    const reached = await advanceTestClock(world.database.db, world.clock, 5 * day, runDue);

    expect(reached.getTime()).toBe(start.getTime() + 5 * day);
    const timeline = await timelineOf(world, journeyId, world.accounts[0]!.id);
    const at = (offsetDays: number) => new Date(start.getTime() + offsetDays * day).toISOString();
    expect(timeline.map((t) => [t.kind, t.nodeId, t.at])).toEqual([
      ['entered', 'audience', at(0)],
      ['step', 'first', at(0)],
      ['step', 'second', at(1)],
      ['exited', 'second', at(2)],
    ]);
    expect(timeline[2]!.detail.until).toBe(at(2));
    const passes = await enrollmentsOf(world, journeyId);
    expect(passes.map((e) => e.endedAt?.toISOString())).toEqual([at(2), at(2)]);
  });

  it('starts a scheduled journey at its start time within one advance and runs on from there', async () => {
    const now = world.clock.now();
    const start = new Date(now.getTime() + 1.5 * day);
    const created = valueOf(
      await createJourney(depsOf(world), world.userId, {
        name: 'Scheduled',
        definition: twoWaits(),
        schedule: {
          start: start.toISOString(),
          end: new Date(now.getTime() + 30 * day).toISOString(),
        },
        settings: defaultSettings(),
      }),
    );
    expect(valueOf(await publishJourney(depsOf(world), world.userId, created.id)).status).toBe(
      'scheduled',
    );

    await advanceTestClock(world.database.db, world.clock, 3 * day, runDue);

    const passes = await enrollmentsOf(world, created.id);
    expect(
      passes.map((e) => [e.enteredAt.toISOString(), e.nodeId, e.dueAt?.toISOString()]),
    ).toEqual(
      [0, 1].map(() => [
        start.toISOString(),
        'second',
        new Date(start.getTime() + 2 * day).toISOString(),
      ]),
    );
  });
});
