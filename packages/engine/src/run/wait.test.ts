import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Timing } from '@caravan/core/journey/definition';
import { testDialects } from '@caravan/storage/test-databases';
import {
  definition,
  openWorld,
  publish,
  run,
  startUnchecked,
  type World,
} from './engine.test-support.ts';
import { enrollmentsOf, timelineOf } from './engine-inspection.test-support.ts';

const day = 86_400_000;

/**
 * SPEC §2's must-end-on examples, entered at the given local time in Stockholm (UTC+1 in early
 * March 2026: Monday is the 2nd). Publish validation asks a wait for a duration or a date, so these
 * journeys, whose waits have only "must end on" as in the SPEC, are started without it.
 */
const examples = [
  {
    name: '"9:00, any day": enter Mon 11:00 → exit Tue 9:00',
    mustEndOn: { time: '09:00' },
    enter: '2026-03-02T10:00:00.000Z',
    exit: '2026-03-03T08:00:00.000Z',
  },
  {
    name: '"9:00, any day": enter Mon 7:00 → exit Mon 9:00',
    mustEndOn: { time: '09:00' },
    enter: '2026-03-02T06:00:00.000Z',
    exit: '2026-03-02T08:00:00.000Z',
  },
  {
    name: '"Tuesday, no time": enter Fri 15:00 → exit Tue 00:00',
    mustEndOn: { weekdays: ['tue' as const] },
    enter: '2026-03-06T14:00:00.000Z',
    exit: '2026-03-09T23:00:00.000Z',
  },
  {
    name: '"10:00, Mon–Fri": enter Sat 14:00 → exit Mon 10:00',
    mustEndOn: {
      time: '10:00',
      weekdays: ['mon' as const, 'tue' as const, 'wed' as const, 'thu' as const, 'fri' as const],
    },
    enter: '2026-03-07T13:00:00.000Z',
    exit: '2026-03-09T09:00:00.000Z',
  },
  {
    name: '"10:00, Mon–Fri": enter Wed 08:00 → exit Wed 10:00',
    mustEndOn: {
      time: '10:00',
      weekdays: ['mon' as const, 'tue' as const, 'wed' as const, 'thu' as const, 'fri' as const],
    },
    enter: '2026-03-04T07:00:00.000Z',
    exit: '2026-03-04T09:00:00.000Z',
  },
];

describe.each(testDialects)('wait on %s', (dialect) => {
  let world: World;

  beforeEach(async () => {
    world = await openWorld(dialect, { accounts: 2, people: 0 });
  });
  afterEach(async () => world.database.close());

  const waitThenEnd = (settings: Timing) =>
    definition(world, [{ id: 'wait', type: 'wait', settings }], [['audience', 'next', 'wait']]);

  /** Runs at `at` - 1 ms and at `at`: the accounts leave exactly at `at`. */
  async function expectLeavesAt(journeyId: string, at: Date) {
    const [first] = await enrollmentsOf(world, journeyId);
    expect(first).toMatchObject({ nodeId: 'wait', phase: 'wait', status: 'active' });
    expect(first!.dueAt?.toISOString()).toBe(at.toISOString());
    world.clock.set(new Date(at.getTime() - 1));
    await run(world);
    expect((await enrollmentsOf(world, journeyId))[0]!.status).toBe('active');
    world.clock.set(at);
    await run(world);
    const passes = await enrollmentsOf(world, journeyId);
    expect(passes.map((e) => [e.status, e.endedAt?.toISOString()])).toEqual([
      ['completed', at.toISOString()],
      ['completed', at.toISOString()],
    ]);
  }

  it('waits for its duration', async () => {
    const entered = world.clock.now();
    const journeyId = await publish(world, waitThenEnd({ duration: { amount: 3, unit: 'days' } }));
    await run(world);
    await expectLeavesAt(journeyId, new Date(entered.getTime() + 3 * day));
    const step = (await timelineOf(world, journeyId, world.accounts[0]!.id)).find(
      (t) => t.nodeId === 'wait' && t.kind === 'step',
    );
    expect(step?.detail).toEqual({
      decision: 'waiting',
      until: new Date(entered.getTime() + 3 * day).toISOString(),
    });
  });

  it('waits until its date', async () => {
    const date = '2026-03-20T16:30:00.000Z';
    const journeyId = await publish(world, waitThenEnd({ date }));
    await run(world);
    await expectLeavesAt(journeyId, new Date(date));
  });

  for (const example of examples) {
    it(`must end on ${example.name}`, async () => {
      world.clock.set(new Date(example.enter));
      const journeyId = await startUnchecked(
        world,
        waitThenEnd({ mustEndOn: { ...example.mustEndOn, timeZone: 'Europe/Stockholm' } }),
      );
      await run(world);
      await expectLeavesAt(journeyId, new Date(example.exit));
    });
  }
});
