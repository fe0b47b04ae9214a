/**
 * The preHandler that every authenticated route runs: it finds the caller from the session
 * cookie or an `Authorization: Bearer <key>` header and applies the role rules.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { canAdminister, canWrite } from '@caravan/core/user';
import { principalFromApiKey, principalFromSession, type Principal } from './auth.service.ts';
import { sendError } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';

export const sessionCookie = 'caravan_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `authenticate`; read only in routes that run it. */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** A non-GET route that changes nothing shared (validate, own preferences): viewers may call it. */
    viewerAllowed?: boolean;
  }
}

async function findPrincipal(deps: ServerDeps, request: FastifyRequest) {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match?.[1] ? principalFromApiKey(deps, match[1]) : undefined;
  }
  const token = request.cookies[sessionCookie];
  return token ? principalFromSession(deps, token) : undefined;
}

/** Viewers read; besides reading they may only call routes marked `viewerAllowed`. */
function viewerMayDo(request: FastifyRequest): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return true;
  return request.routeOptions.config.viewerAllowed === true;
}

export function authenticate(deps: ServerDeps) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const principal = await findPrincipal(deps, request);
    if (!principal) return sendError(reply, 'UNAUTHENTICATED');
    request.principal = principal;
    if (!canWrite(principal.role) && !viewerMayDo(request)) {
      return sendError(reply, 'FORBIDDEN', 'Viewers can read but not change anything.');
    }
  };
}

/** For routes only an admin may use (users, API keys); runs after `authenticate`. */
export async function requireAdmin(request: FastifyRequest, reply: FastifyReply) {
  if (!request.principal || !canAdminister(request.principal.role)) {
    return sendError(reply, 'FORBIDDEN', 'Only an admin can do this.');
  }
}

/** The authenticated caller; routes call this only behind `authenticate`. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error('route is missing the authenticate preHandler');
  return request.principal;
}
