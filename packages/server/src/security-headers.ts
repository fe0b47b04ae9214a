/**
 * Security headers from `@fastify/helmet` on every answer: a Content-Security-Policy the web app
 * and `/docs` work under (scripts only from this origin, no eval; inline styles, which Mantine and
 * React Flow set, allowed), `frame-ancestors 'none'` and `X-Frame-Options: DENY` (no framing,
 * so no clickjacking), `nosniff`, and `Referrer-Policy: same-origin` (tracked links and outside
 * pages learn nothing of our URLs). HSTS and upgrade-insecure-requests only when the cookie is
 * `Secure`, i.e. when Caravan is served over HTTPS.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';

export async function registerSecurityHeaders(app: FastifyInstance, config: Config) {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(config.cookieSecure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    hsts: config.cookieSecure ? { maxAge: 15_552_000, includeSubDomains: false } : false,
    // Mail clients load the open pixel from other sites: `tracking.plugin.ts` opens that one up.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
}
