/**
 * Email tracking (SPEC §4 "Tracking"), outside /api/v1 and without authentication — the person
 * reading the email is the caller and the signed token is the authorization:
 *
 * - `GET /t/o/{token}.gif`  the open pixel: a 1×1 GIF, records `email.opened`;
 * - `GET /t/c/{token}`      a tracked link: 302 to its target, records `email.clicked`;
 * - `GET /t/u/{token}`      the unsubscribe page: asks to confirm (a GET changes nothing, since
 *                           mail scanners fetch links on their own);
 * - `GET /s/{code}`         a tracked link of an SMS: 302 to its target, records `sms.clicked`;
 * - `POST /t/u/{token}`     unsubscribe, by the page's button or by a mail client's one-click
 *                           `List-Unsubscribe-Post` (RFC 8058): email consent becomes opted out.
 *
 * A forged or altered token answers 404 TRACKING_TOKEN_INVALID and records nothing.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadEngineSecret } from '@caravan/engine/runtime/engine-secret';
import { escapeHtml } from '@caravan/engine/outbox/html-escape';
import {
  recordEmailClick,
  recordEmailOpen,
  unsubscribeByToken,
  unsubscribeTarget,
  type TrackingDeps,
} from '@caravan/engine/outbox/tracking.service';
import { recordSmsClick } from '@caravan/engine/outbox/sms-links';
import { errorResponses, sendError } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';

const tags = ['tracking'];
/**
 * Tokens are longer than Fastify's 100-character limit of a path parameter, so each route takes
 * the rest of the path (`*`), which has no such limit.
 */
const TokenParams = z.object({ '*': z.string().min(1).max(8000) });
const invalid = errorResponses('TRACKING_TOKEN_INVALID');
// Not JSON: Fastify sends a string or Buffer with a non-JSON content type as is.
const Html = z.string().describe('text/html page');
const Gif = z.any().describe('image/gif, 1×1 transparent');

/** A transparent 1×1 GIF. */
const pixel = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem">${body}</body></html>`;
}

export const trackingPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  const tracking: TrackingDeps = {
    database: deps.database,
    clock: deps.clock,
    secret: await loadEngineSecret(deps.database, deps.clock, deps.config.secret),
  };
  // One-click unsubscribe posts `List-Unsubscribe=One-Click` as a form; its content is not needed.
  app.addContentTypeParser(
    ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'],
    { parseAs: 'string' },
    (_request, body, done) => done(null, body),
  );

  app.get('/t/o/*', {
    schema: {
      tags,
      security: [],
      summary: 'Open pixel ({token}.gif): a 1×1 GIF; records email.opened',
      params: TokenParams,
      response: { 200: Gif, ...invalid },
    },
    handler: async (request, reply) => {
      const token = request.params['*'].replace(/\.gif$/, '');
      const opened = await recordEmailOpen(tracking, token);
      if (!opened.ok) return sendError(reply, opened.error.code, opened.error.message);
      return reply
        .header('cache-control', 'no-store')
        .header('cross-origin-resource-policy', 'cross-origin')
        .type('image/gif')
        .send(pixel);
    },
  });

  app.get('/t/c/*', {
    schema: {
      tags,
      security: [],
      summary: 'Tracked link: 302 to its target; records email.clicked with the url',
      params: TokenParams,
      response: { 302: z.null().describe('Location: the link target'), ...invalid },
    },
    handler: async (request, reply) => {
      const clicked = await recordEmailClick(tracking, request.params['*']);
      if (!clicked.ok) return sendError(reply, clicked.error.code, clicked.error.message);
      return reply.header('cache-control', 'no-store').redirect(clicked.value.url, 302);
    },
  });

  app.get('/s/:code', {
    schema: {
      tags,
      security: [],
      summary: 'Tracked link of an SMS: 302 to the URL that was in the SMS; records sms.clicked',
      params: z.object({ code: z.string().min(1).max(64) }),
      response: { 302: z.null().describe('Location: the link target'), ...invalid },
    },
    handler: async (request, reply) => {
      const clicked = await recordSmsClick(tracking, request.params.code);
      if (clicked === undefined) {
        return sendError(reply, 'TRACKING_TOKEN_INVALID', 'This link is not valid.');
      }
      return reply.header('cache-control', 'no-store').redirect(clicked.url, 302);
    },
  });

  app.get('/t/u/*', {
    schema: {
      tags,
      security: [],
      summary: 'Unsubscribe page: asks to confirm; changes nothing by itself',
      params: TokenParams,
      response: { 200: Html, ...invalid },
    },
    handler: async (request, reply) => {
      const target = await unsubscribeTarget(tracking, request.params['*']);
      if (!target.ok) return sendError(reply, target.error.code, target.error.message);
      const who = target.value.email === null ? 'this address' : escapeHtml(target.value.email);
      const form = `<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`;
      return reply
        .type('text/html; charset=utf-8')
        .send(page('Unsubscribe', `<h1>Unsubscribe</h1><p>Stop emails to ${who}?</p>${form}`));
    },
  });

  app.post('/t/u/*', {
    schema: {
      tags,
      security: [],
      summary: "One-click unsubscribe: the person's email consent becomes opted out",
      params: TokenParams,
      response: { 200: Html, ...invalid },
    },
    handler: async (request, reply) => {
      const done = await unsubscribeByToken(tracking, request.params['*']);
      if (!done.ok) return sendError(reply, done.error.code, done.error.message);
      const who = done.value.email === null ? 'This address' : escapeHtml(done.value.email);
      return reply
        .type('text/html; charset=utf-8')
        .send(
          page(
            'Unsubscribed',
            `<h1>Unsubscribed</h1><p>${who} will get no more emails from us.</p>`,
          ),
        );
    },
  });
};
