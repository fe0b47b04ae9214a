import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JourneyNode } from '@caravan/core/journey/definition';
import { testDialects } from '@caravan/storage/test-databases';
import { definition, openWorld, publish, run, type World } from './engine.test-support.ts';
import { enrollmentsOf } from './engine-inspection.test-support.ts';
import { listenRecheckMs } from './listen.ts';

const longWait = (id: string): JourneyNode => ({
  id,
  type: 'wait',
  settings: { duration: { amount: 30, unit: 'days' } },
});

describe.each(testDialects)('a listener and an action of the same batch on %s', (dialect) => {
  let world: World;

  beforeEach(async () => {
    world = await openWorld(dialect, { accounts: 2 });
  });
  afterEach(async () => world.database.close());

  it('wakes a listener the batch already parked when a later pass of the batch records its event', async () => {
    const listener = await publish(
      world,
      definition(
        world,
        [
          {
            id: 'listen',
            type: 'event',
            settings: {
              on: 'accounts',
              event: 'interestingMoment',
              timeout: { duration: { amount: 7, unit: 'days' } },
            },
          },
          longWait('heard'),
          longWait('not-heard'),
        ],
        [
          ['audience', 'next', 'listen'],
          ['listen', 'next', 'heard'],
          ['listen', 'timeout', 'not-heard'],
        ],
      ),
    );
    await run(world);
    // The listeners' arrival re-check and the other journey's entries fall due together; the
    // listeners come first in the batch (older rows), park, and only then the moments are recorded.
    world.clock.advance(listenRecheckMs);
    await publish(
      world,
      definition(
        world,
        [
          {
            id: 'moment',
            type: 'action',
            settings: {
              on: 'accounts',
              action: { type: 'interestingMoment', momentType: 'milestone', description: 'Now' },
            },
          },
        ],
        [['audience', 'next', 'moment']],
      ),
    );
    await run(world);
    const passes = await enrollmentsOf(world, listener);
    expect(passes.map((p) => p.nodeId)).toEqual(['heard', 'heard']);
  });
});
