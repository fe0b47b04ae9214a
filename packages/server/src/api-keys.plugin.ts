/** `/api-keys` (admin): keys for machines; the secret is shown once, at creation. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UserRef } from '@caravan/core/journey/journey';
import { Role } from '@caravan/core/user';
import { listApiKeys } from '@caravan/storage/api-key.repository';
import { principalOf, requireAdmin } from './authenticate.ts';
import { errorResponses, sendError } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';
import { createApiKey, revokeApiKey } from './users.service.ts';

const tags = ['api-keys'];
const admin = errorResponses('UNAUTHENTICATED', 'FORBIDDEN');

const ApiKeyResponse = z.object({
  id: z.string(),
  name: z.string(),
  role: Role,
  createdAt: z.string(),
  createdBy: UserRef.nullable(),
  lastUsedAt: z.string().nullable(),
  purpose: z.enum(['api', 'segment']),
});

/** `segment`: a write key for Segment SDKs and sources (the Segment routes accept any key). */
const Purpose = z.enum(['api', 'segment']);

export const apiKeysPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  app.addHook('preHandler', requireAdmin);

  app.post('/api-keys', {
    schema: {
      tags,
      summary: 'Create an API key; `key` is returned once and never again',
      body: z.object({
        name: z.string().trim().min(1).max(200),
        role: Role,
        purpose: Purpose.optional(),
      }),
      response: {
        201: z.object({
          id: z.string(),
          name: z.string(),
          role: Role,
          purpose: Purpose,
          key: z.string(),
        }),
        ...admin,
        ...errorResponses('VALIDATION_FAILED'),
      },
    },
    handler: async (request, reply) => {
      const created = await createApiKey(deps, principalOf(request).id, request.body);
      return reply.code(201).send({
        id: created.id,
        name: created.name,
        role: created.role,
        purpose: created.purpose,
        key: created.key,
      });
    },
  });

  app.get('/api-keys', {
    schema: {
      tags,
      summary: 'List API keys (without their secrets)',
      response: { 200: z.object({ items: z.array(ApiKeyResponse) }), ...admin },
    },
    handler: async () => ({ items: await listApiKeys(deps.database.db) }),
  });

  app.delete('/api-keys/:id', {
    schema: {
      tags,
      summary: 'Revoke an API key',
      params: z.object({ id: z.uuid() }),
      response: {
        204: z.undefined().describe('Revoked'),
        ...admin,
        ...errorResponses('NOT_FOUND'),
      },
    },
    handler: async (request, reply) => {
      const revoked = await revokeApiKey(deps, principalOf(request).id, request.params.id);
      if (!revoked) return sendError(reply, 'NOT_FOUND', 'No API key has this id.');
      return reply.code(204).send();
    },
  });
};
