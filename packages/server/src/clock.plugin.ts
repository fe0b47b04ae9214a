/**
 * `/clock` (only with CARAVAN_TEST_CLOCK=1): read and advance the manual clock. Advancing runs
 * the scheduler at once, so a test sees a scheduled journey go live without waiting a tick.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ManualClock } from '@caravan/engine/clock';
import { startScheduledJourneys } from '@caravan/engine/scheduler';
import type { Database } from '@caravan/storage/database';
import { errorResponses } from './errors.ts';

const tags = ['clock'];
const Now = z.object({ now: z.string() });

export const clockPlugin: FastifyPluginAsyncZod<{
  clock: ManualClock;
  database: Database;
}> = async (app, { clock, database }) => {
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
      summary: 'Move the test clock forward and run what became due',
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
      clock.advance(request.body.ms);
      await startScheduledJourneys(database, clock);
      return { now: clock.now().toISOString() };
    },
  });
};
