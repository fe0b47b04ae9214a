/** `/auth`: sign in with email and password (session cookie), sign out, and who am I. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { User } from '@caravan/core/user';
import { login, logout } from './auth.service.ts';
import { signInLimits } from './sign-in-limits.ts';
import { authenticate, principalOf, sessionCookie } from './authenticate.ts';
import { errorResponses, sendError } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';

const tags = ['auth'];
const UserResponse = z.object({ user: User });

export const authPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  const limits = await signInLimits(app);
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.cookieSecure,
  };

  app.post('/auth/login', {
    preHandler: limits,
    schema: {
      tags,
      summary: 'Sign in; sets the httpOnly session cookie caravan_session',
      security: [],
      body: z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1000) }),
      response: {
        200: UserResponse,
        ...errorResponses('VALIDATION_FAILED', 'INVALID_CREDENTIALS', 'TOO_MANY_REQUESTS'),
      },
    },
    handler: async (request, reply) => {
      const session = await login(deps, request.body);
      if (!session.ok) return sendError(reply, session.error.code);
      const { user, token, expiresAt } = session.value;
      reply.setCookie(sessionCookie, token, { ...cookieOptions, expires: expiresAt });
      return { user: { id: user.id, name: user.name, email: user.email, role: user.role } };
    },
  });

  app.post('/auth/logout', {
    schema: {
      tags,
      summary: 'Sign out: ends the session and clears the cookie',
      security: [],
      response: { 204: z.undefined().describe('Signed out') },
    },
    handler: async (request, reply) => {
      const token = request.cookies[sessionCookie];
      if (token) await logout(deps, token);
      reply.clearCookie(sessionCookie, cookieOptions);
      return reply.code(204).send();
    },
  });

  app.get('/auth/me', {
    preHandler: authenticate(deps),
    schema: {
      tags,
      summary: 'The signed-in user (or API key)',
      response: { 200: UserResponse, ...errorResponses('UNAUTHENTICATED') },
    },
    handler: async (request) => {
      const { id, name, email, role } = principalOf(request);
      return { user: { id, name, email, role } };
    },
  });
};
