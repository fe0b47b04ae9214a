/**
 * Cross-site request forgery (SPEC §8): a mutation that a session cookie authenticates must come
 * from a page of this origin — a same-origin `Origin` header (or, when a browser sends none, a
 * same-origin `Referer`) — and carry a body type an HTML form cannot send cross-site without a
 * preflight: JSON, multipart (file uploads) or CSV, or no body at all. Otherwise 403
 * `CSRF_REJECTED`. Bearer keys and write keys are not sent by browsers on their own, so requests
 * without the session cookie are not affected; neither are the public tracking links (`/t/…`).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sessionCookie } from './authenticate.ts';
import { sendError } from './errors.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const allowedTypes =
  /^(application\/(json|[\w.+-]+\+json)|multipart\/form-data|text\/csv)\s*(;|$)/i;

function originOf(value: string | undefined): string | undefined {
  if (value === undefined || value === '' || value === 'null') return undefined;
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** The origins this server answers as: its public URL and the host the request was sent to. */
function ownOrigins(request: FastifyRequest, publicUrl: string): Set<string> {
  const origins = new Set<string>();
  const configured = originOf(publicUrl);
  if (configured) origins.add(configured);
  const host = request.headers.host;
  if (host) {
    for (const scheme of ['http', 'https']) {
      const origin = originOf(`${scheme}://${host}`);
      if (origin) origins.add(origin);
    }
  }
  return origins;
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (
    request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
  );
}

/** Why the request is refused, or undefined when it may go on. */
export function csrfRefusal(request: FastifyRequest, publicUrl: string): string | undefined {
  if (safeMethods.has(request.method)) return undefined;
  if (!request.url.startsWith('/api/')) return undefined;
  if (request.headers.authorization !== undefined) return undefined;
  if (request.cookies[sessionCookie] === undefined) return undefined;
  const claimed = originOf(request.headers.origin) ?? originOf(request.headers.referer);
  if (claimed === undefined) return 'The request names no origin.';
  if (!ownOrigins(request, publicUrl).has(claimed)) return `Requests from ${claimed} are refused.`;
  const type = request.headers['content-type'];
  if (type === undefined ? hasBody(request) : !allowedTypes.test(type)) {
    return 'Send JSON, multipart or CSV.';
  }
  return undefined;
}

/** The onRequest hook: 403 CSRF_REJECTED before anything else runs. */
export function csrfGuard(publicUrl: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const refusal = csrfRefusal(request, publicUrl);
    if (refusal !== undefined) return sendError(reply, 'CSRF_REJECTED', refusal);
  };
}
