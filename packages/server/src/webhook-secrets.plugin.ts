/**
 * `/webhook-secrets`: the per-destination secrets webhooks are signed with (Standard Webhooks,
 * see `@caravan/engine/outbox/webhook-signing`). A destination is the origin of a webhook URL.
 * An admin rotates a destination's secret and sees the new one in this answer only; nothing ever
 * reads it back. Managers, who author webhooks, can neither read nor set it.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  hasWebhookSecret,
  listWebhookDestinations,
  rotateWebhookSecretBy,
  webhookDestination,
} from '@caravan/engine/outbox/webhook-signing';
import { principalOf, requireAdmin } from './authenticate.ts';
import { errorResponses, sendError } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';

const tags = ['webhook secrets'];

const DestinationInput = z.object({
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .describe('A webhook URL, or just its origin; the secret belongs to the origin'),
});

const RotatedSecret = z.object({
  destination: z.string().describe('The origin the secret signs webhooks to'),
  secret: z.string().describe('`whsec_…`: shown once, in this answer only'),
  replaced: z.boolean().describe('Whether a previous secret stopped working'),
});

const Destinations = z.object({
  items: z.array(
    z.object({
      destination: z.string().describe('The origin webhooks are sent to'),
      secretSince: z.iso.datetime().describe('When its secret was created or last rotated'),
    }),
  ),
});

export const webhookSecretsPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  app.get('/webhook-secrets', {
    preHandler: requireAdmin,
    schema: {
      tags,
      summary: 'Webhook destinations that have a signing secret, without the secrets (admin)',
      response: { 200: Destinations, ...errorResponses('UNAUTHENTICATED', 'FORBIDDEN') },
    },
    handler: async () => ({ items: await listWebhookDestinations(deps.database.db) }),
  });

  app.post('/webhook-secrets', {
    preHandler: requireAdmin,
    schema: {
      tags,
      summary: "Rotate a webhook destination's signing secret; the answer shows it once (admin)",
      body: DestinationInput,
      response: {
        201: RotatedSecret,
        ...errorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED'),
      },
    },
    handler: async (request, reply) => {
      const destination = webhookDestination(request.body.url);
      if (destination === undefined) return sendError(reply, 'VALIDATION_FAILED');
      const replaced = await hasWebhookSecret(deps.database.db, destination);
      const secret = await rotateWebhookSecretBy(deps, principalOf(request).id, destination);
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ destination, secret, replaced });
    },
  });
};
