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
 * Registered on the root instance (not encapsulated) because the not-found handler it sets is
 * the whole app's: JSON 404 under /api, the SPA everywhere else.
 */
export async function registerWeb(app: FastifyInstance, dist: string): Promise<void> {
  const built = existsSync(join(dist, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, { root: dist, wildcard: false });
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
