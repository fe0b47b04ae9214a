/** `/healthz` (the process answers) and `/readyz` (the database answers); no auth. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isDatabaseReady } from '@caravan/engine/runtime/health';
import { errorResponses, sendError } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';

const Status = z.object({ status: z.literal('ok') });

export const healthPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  app.get('/healthz', {
    schema: { tags: ['health'], summary: 'Liveness', security: [], response: { 200: Status } },
    handler: async () => ({ status: 'ok' as const }),
  });

  app.get('/readyz', {
    schema: {
      tags: ['health'],
      summary: 'Readiness: 503 while the database does not answer',
      security: [],
      response: { 200: Status, ...errorResponses('NOT_READY') },
    },
    handler: async (_request, reply) =>
      (await isDatabaseReady(deps.database))
        ? { status: 'ok' as const }
        : sendError(reply, 'NOT_READY'),
  });
};
