/**
 * `/system/status` (admin): the numbers Prometheus gets (`/metrics`), as one document a page can
 * show — engine runtimes and their heartbeats, due-timer lag, outbox depth by channel, ingestion
 * rate, database kind and size, version.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readSystemStatus } from '@caravan/engine/runtime/system-status';
import { requireAdmin } from './authenticate.ts';
import { errorResponses } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';
import { caravanVersion } from './version.ts';

const Depth = { pending: z.number().int(), sending: z.number().int(), dead: z.number().int() };

const SystemStatusResponse = z.object({
  version: z.string(),
  now: z.string(),
  database: z.object({ kind: z.enum(['sqlite', 'postgres']), sizeBytes: z.number() }),
  workers: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['start', 'worker']),
      host: z.string(),
      pid: z.number().int(),
      version: z.string(),
      startedAt: z.string(),
      beatAt: z.string(),
      alive: z.boolean(),
    }),
  ),
  dueLagSeconds: z.number(),
  enrollmentsActive: z.number().int(),
  outbox: z.object({
    ...Depth,
    byChannel: z.array(z.object({ channel: z.string(), ...Depth })),
  }),
  ingestion: z.object({ lastMinute: z.number().int(), lastHour: z.number().int() }),
});

export const systemPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  app.get('/system/status', {
    preHandler: requireAdmin,
    schema: {
      tags: ['system'],
      summary:
        'Workers and their heartbeats, timer lag, outbox depth, ingestion, database, version',
      response: {
        200: SystemStatusResponse,
        ...errorResponses('UNAUTHENTICATED', 'FORBIDDEN'),
      },
    },
    handler: async () => readSystemStatus(deps.database, deps.clock.now(), caravanVersion()),
  });
};
