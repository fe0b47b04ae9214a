/** `/users`: everyone signed in may list users; only an admin may create one. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Role, User } from '@caravan/core/user';
import { listUsers } from '@caravan/storage/user.repository';
import { requireAdmin } from './authenticate.ts';
import { errorResponses, sendError } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';
import { createUser } from './users.service.ts';

const tags = ['users'];

export const usersPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  app.get('/users', {
    schema: {
      tags,
      summary: 'List users',
      response: { 200: z.object({ items: z.array(User) }), ...errorResponses('UNAUTHENTICATED') },
    },
    handler: async () => ({ items: await listUsers(deps.database.db) }),
  });

  app.post('/users', {
    preHandler: requireAdmin,
    schema: {
      tags,
      summary: 'Create a user (admin)',
      body: z.object({
        email: z
          .string()
          .regex(/^[^@\s]+@[^@\s]+$/, 'must be an email address')
          .max(320),
        name: z.string().trim().min(1).max(200),
        role: Role,
        password: z.string().min(8).max(1000),
      }),
      response: {
        201: User,
        ...errorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'USER_EMAIL_TAKEN'),
      },
    },
    handler: async (request, reply) => {
      const created = await createUser(deps, request.body);
      if (!created.ok) return sendError(reply, created.error.code, created.error.message);
      return reply.code(201).send(created.value);
    },
  });
};
