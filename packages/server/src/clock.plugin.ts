/**
 * `/clock` (only with CARAVAN_TEST_CLOCK=1): read and advance the manual clock. Advancing steps
 * the clock through every due time on the way — timers, retries, scheduled starts, end dates —
 * and runs what became due at each (SPEC §8), so a test sees the journey exactly as it would be.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ManualClock } from '@caravan/engine/runtime/clock';
import type { EngineEvents } from '@caravan/engine/runtime/engine-events';
import { advanceTestClock } from '@caravan/engine/runtime/test-clock-run';
import type { Database } from '@caravan/storage/database';
import type { Config } from './config.ts';
import { dispatcherDeps, runAllDue } from './engine-runtime.ts';
import { errorResponses } from './errors.ts';

const tags = ['clock'];
const Now = z.object({ now: z.string() });

export const clockPlugin: FastifyPluginAsyncZod<{
  clock: ManualClock;
  database: Database;
  config: Config;
  events?: EngineEvents;
}> = async (app, { clock, database, config, events }) => {
  const runtime = { config, database, clock, ...(events ? { events } : {}) };
  const dispatcher = await dispatcherDeps(runtime);

  app.get('/clock', {
    schema: {
      tags,
      summary: 'The test clock',
      response: { 200: Now, ...errorResponses('UNAUTHENTICATED') },
    },
    handler: async () => ({ now: clock.now().toISOString() }),
  });

  app.post('/clock/advance', {
    schema: {
      tags,
      summary: 'Move the test clock forward and run everything that became due, in order',
      body: z.object({
        ms: z
          .number()
          .int()
          .min(0)
          .max(10 * 365 * 24 * 3600 * 1000),
      }),
      response: {
        200: Now,
        ...errorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED'),
      },
    },
    handler: async (request) => {
      await advanceTestClock(database.db, clock, request.body.ms, () =>
        runAllDue(runtime, dispatcher),
      );
      return { now: clock.now().toISOString() };
    },
  });
};
