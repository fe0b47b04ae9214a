/**
 * Serves the built web app (`npm run build:web`) at `/`, with index.html for every other GET
 * outside `/api` so that client routes (`/journeys/:id`, `/login`) survive a reload.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendError } from './errors.ts';

const missingBuild =
  'The web app is not built. Run `npm run build:web`, then restart (the API works meanwhile).';

function isApi(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

/**
 * How long a browser may keep a file without asking again. Vite names every file under
 * `assets/` by its content's hash, so such a file never changes: a returning user's browser
 * takes the app's code from its cache without a request (and can keep compiled code for it).
 * Everything else, index.html above all, is checked with the server on every use, so that a new
 * release is picked up at once.
 */
function cacheControlOf(path: string): string {
  return /[\\/]assets[\\/][^\\/]+-[\w-]{8}\.\w+$/.test(path)
    ? 'public, max-age=31536000, immutable'
    : 'no-cache';
}

/**
 * Registered on the root instance (not encapsulated) because the not-found handler it sets is
 * the whole app's: JSON 404 under /api, the SPA everywhere else.
 */
export async function registerWeb(app: FastifyInstance, dist: string): Promise<void> {
  const built = existsSync(join(dist, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: dist,
      wildcard: false,
      setHeaders: (reply, path) => reply.header('cache-control', cacheControlOf(path)),
    });
  } else {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.code(503).type('text/plain').send(missingBuild),
    );
  }
  app.setNotFoundHandler(async (request, reply) => {
    if (isApi(request.url) || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return sendError(
        reply,
        'NOT_FOUND',
        `No route ${request.method} ${request.url.split('?')[0]}.`,
      );
    }
    if (!built) return reply.code(503).type('text/plain').send(missingBuild);
    return reply.type('text/html').sendFile('index.html');
  });
}
