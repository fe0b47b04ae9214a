/** `/healthz` (the process answers) and `/readyz` (the database answers); no auth. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkDatabaseReadiness } from '@caravan/engine/runtime/health';
import { databaseRetryAfterSeconds, errorResponses, sendError } from './errors.ts';
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
      summary: 'Readiness: 503 (with the reason) while the database does not answer',
      security: [],
      response: { 200: Status, ...errorResponses('NOT_READY') },
    },
    handler: async (request, reply) => {
      const readiness = await checkDatabaseReadiness(deps.database);
      if (readiness.ready) return { status: 'ok' as const };
      // The driver's words (host, port) go to the log, not to an unauthenticated caller.
      request.log.warn({ reason: readiness.reason, detail: readiness.detail }, 'not ready');
      reply.header('retry-after', String(databaseRetryAfterSeconds));
      const message =
        readiness.reason === 'DATABASE_UNAVAILABLE'
          ? 'The database is not available (restarting or unreachable).'
          : 'The database does not answer.';
      return sendError(reply, 'NOT_READY', message, { reason: readiness.reason });
    },
  });
};
