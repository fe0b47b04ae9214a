/**
 * `/users`: everyone signed in may list users; only an admin may create, change (role, name,
 * disabled), delete them or reset a password. `/me/password` and `/me/sessions/end-others`: a
 * signed-in user changes their own password and signs out their other sessions.
 */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Role, User } from '@caravan/core/user';
import { listManagedUsers } from '@caravan/storage/user-admin.repository';
import { principalOf, requireAdmin, sessionCookie } from './authenticate.ts';
import { errorResponses, sendError } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';
import {
  changeOwnPassword,
  changeUser,
  createUser,
  deleteUser,
  resetPassword,
  signOutOtherSessions,
  type UserAdminError,
} from './users.service.ts';

const tags = ['users'];
const admin = errorResponses('UNAUTHENTICATED', 'FORBIDDEN');

const ManagedUserResponse = User.extend({
  createdAt: z.string(),
  disabledAt: z.string().nullable(),
});

const Password = z.string().min(8).max(1000);
const UserId = z.object({ id: z.string().min(1).max(100) });

function sendUserError(reply: FastifyReply, error: UserAdminError) {
  return sendError(reply, error.code, error.message);
}

export const usersPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  app.get('/users', {
    schema: {
      tags,
      summary: 'List users, with when each was created and disabled',
      response: {
        200: z.object({ items: z.array(ManagedUserResponse) }),
        ...errorResponses('UNAUTHENTICATED'),
      },
    },
    handler: async () => ({ items: await listManagedUsers(deps.database.db) }),
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
        password: Password,
      }),
      response: {
        201: User,
        ...admin,
        ...errorResponses('VALIDATION_FAILED', 'USER_EMAIL_TAKEN'),
      },
    },
    handler: async (request, reply) => {
      const created = await createUser(deps, principalOf(request).id, request.body);
      if (!created.ok) return sendUserError(reply, created.error);
      return reply.code(201).send(created.value);
    },
  });

  app.patch('/users/:id', {
    preHandler: requireAdmin,
    schema: {
      tags,
      summary: "Change a user's role, name or disabled state (admin); disabling signs them out",
      params: UserId,
      body: z.object({
        role: Role.optional(),
        name: z.string().trim().min(1).max(200).optional(),
        disabled: z.boolean().optional(),
      }),
      response: {
        200: ManagedUserResponse,
        ...admin,
        ...errorResponses('VALIDATION_FAILED', 'USER_NOT_FOUND', 'LAST_ADMIN'),
      },
    },
    handler: async (request, reply) => {
      const changed = await changeUser(
        deps,
        principalOf(request).id,
        request.params.id,
        request.body,
      );
      return changed.ok ? changed.value : sendUserError(reply, changed.error);
    },
  });

  app.delete('/users/:id', {
    preHandler: requireAdmin,
    schema: {
      tags,
      summary: 'Delete a user for good (admin); their sessions end',
      params: UserId,
      response: {
        204: z.undefined().describe('Deleted'),
        ...admin,
        ...errorResponses('USER_NOT_FOUND', 'LAST_ADMIN'),
      },
    },
    handler: async (request, reply) => {
      const deleted = await deleteUser(deps, principalOf(request).id, request.params.id);
      return deleted.ok ? reply.code(204).send() : sendUserError(reply, deleted.error);
    },
  });

  app.post('/users/:id/password', {
    preHandler: requireAdmin,
    schema: {
      tags,
      summary: "Set a user's password (admin); every session of theirs ends",
      params: UserId,
      body: z.object({ password: Password }),
      response: {
        204: z.undefined().describe('Password set'),
        ...admin,
        ...errorResponses('VALIDATION_FAILED', 'USER_NOT_FOUND'),
      },
    },
    handler: async (request, reply) => {
      const reset = await resetPassword(
        deps,
        principalOf(request).id,
        request.params.id,
        request.body.password,
      );
      return reset.ok ? reply.code(204).send() : sendUserError(reply, reset.error);
    },
  });

  app.post('/me/password', {
    config: { viewerAllowed: true },
    schema: {
      tags,
      summary: 'Change your own password; your other sessions end',
      body: z.object({ currentPassword: z.string().min(1).max(1000), newPassword: Password }),
      response: {
        204: z.undefined().describe('Password changed'),
        ...admin,
        ...errorResponses('VALIDATION_FAILED', 'CURRENT_PASSWORD_WRONG'),
      },
    },
    handler: async (request, reply) => {
      const me = principalOf(request);
      if (me.kind !== 'user') return sendError(reply, 'FORBIDDEN', 'An API key has no password.');
      const changed = await changeOwnPassword(
        deps,
        me.id,
        request.cookies[sessionCookie],
        request.body,
      );
      return changed.ok ? reply.code(204).send() : sendUserError(reply, changed.error);
    },
  });

  app.post('/me/sessions/end-others', {
    config: { viewerAllowed: true },
    schema: {
      tags,
      summary: 'Sign out everywhere else: every session of yours but this one ends',
      response: { 200: z.object({ ended: z.number().int() }), ...admin },
    },
    handler: async (request, reply) => {
      const me = principalOf(request);
      if (me.kind !== 'user') return sendError(reply, 'FORBIDDEN', 'An API key has no sessions.');
      return { ended: await signOutOtherSessions(deps, me.id, request.cookies[sessionCookie]) };
    },
  });
};
