/** `/audit` (admin): who changed which journey, user, key or setting, newest first, filterable. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAudit } from '@caravan/engine/audit/audit-log';
import { requireAdmin } from './authenticate.ts';
import { errorResponses, sendError } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';

const AuditEntryResponse = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.object({
    id: z.string().nullable(),
    name: z.string(),
    kind: z.enum(['user', 'apiKey', 'system']),
  }),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  entityName: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

export const auditPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  app.get('/audit', {
    preHandler: requireAdmin,
    schema: {
      tags: ['audit'],
      summary:
        'The audit log, newest first: filter by actor id, entity type and id, action (`journey.published`, or a prefix such as `journey.`) and date',
      querystring: z.object({
        actorId: z.string().max(100).optional(),
        entityType: z.enum(['journey', 'user', 'apiKey', 'settings']).optional(),
        entityId: z.string().max(100).optional(),
        action: z
          .string()
          .regex(/^[a-zA-Z.]{1,60}$/)
          .optional(),
        from: z.iso.datetime({ offset: true }).optional(),
        to: z.iso.datetime({ offset: true }).optional(),
        limit: z.coerce.number().int().min(1).max(200).optional(),
        cursor: z.string().max(100).optional(),
      }),
      response: {
        200: z.object({
          items: z.array(AuditEntryResponse),
          total: z.number().int(),
          nextCursor: z.string().nullable(),
        }),
        ...errorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'INVALID_CURSOR'),
      },
    },
    handler: async (request, reply) => {
      const { from, to, ...rest } = request.query;
      const page = await listAudit(deps, {
        ...rest,
        ...(from === undefined ? {} : { from: new Date(from) }),
        ...(to === undefined ? {} : { to: new Date(to) }),
      });
      return page.ok ? page.value : sendError(reply, page.error.code, page.error.message);
    },
  });
};
