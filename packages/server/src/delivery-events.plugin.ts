/**
 * Delivery events from providers (issue 12), outside the session/API-key authentication: each
 * source proves itself with its own signature (see engine `reports/delivery-sources.ts` and
 * `reports/sns.ts`). A source whose key is not configured answers 404.
 *
 * - `POST /delivery-events`          generic signed JSON `{ events: [{ type, email, … }] }`
 * - `POST /delivery-events/ses`      Amazon SES notifications through an SNS HTTP(S) subscription
 * - `POST /delivery-events/mailgun`  Mailgun webhooks (failed, complained)
 * - `POST /delivery-events/twilio`   Twilio StatusCallback of an SMS (delivered, failed, undelivered)
 */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  GenericDeliveryEvents,
  MailgunWebhook,
  genericEvents,
  mailgunEvents,
  twilioEvents,
  verifyGeneric,
  verifyMailgun,
  verifyTwilio,
} from '@caravan/engine/reports/delivery-sources';
import { recordDeliveryEvents, type DeliveryEvent } from '@caravan/engine/reports/delivery-events';
import {
  SnsMessage,
  confirmSnsSubscription,
  sesEvents,
  verifySnsMessage,
  type SnsConfig,
} from '@caravan/engine/reports/sns';
import { twilioStatusPath } from '@caravan/engine/reports/twilio-callback';
import { errorResponses, sendError } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';

const tags = ['delivery events'];
const Recorded = z.object({
  received: z.number().int(),
  matched: z.number().int().describe('Events that found their message and changed its counts'),
  undeliverable: z.number().int().describe('Addresses marked undeliverable'),
});
const RawBody = z.string().max(512_000).describe('The provider’s body, verified as sent');
const notConfigured = errorResponses('DELIVERY_SOURCE_NOT_CONFIGURED');
const badInput = errorResponses('BAD_REQUEST', 'VALIDATION_FAILED');

/**
 * Signature ages are measured on the real clock: providers sign with real time, and a test clock
 * (CARAVAN_TEST_CLOCK) must not make a fresh signature look stale.
 */
const realNow = () => new Date();

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const deliveryEventsPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  const { config, database, clock } = deps;
  // Signatures are over the exact bytes: every body is kept as text and parsed here.
  app.addContentTypeParser(
    ['application/json', 'text/plain', 'application/x-www-form-urlencoded'],
    { parseAs: 'string' },
    (_request, body, done) => done(null, body),
  );

  async function record(reply: FastifyReply, events: DeliveryEvent[]) {
    return reply.send(await recordDeliveryEvents(database, events));
  }

  app.post('/delivery-events', {
    schema: {
      tags,
      security: [],
      summary: 'Bounces and complaints as signed JSON (X-Caravan-Timestamp, X-Caravan-Signature)',
      body: RawBody,
      response: {
        200: Recorded,
        ...badInput,
        ...notConfigured,
        ...errorResponses('DELIVERY_SIGNATURE_INVALID'),
      },
    },
    handler: async (request, reply) => {
      const key = config.bounceSigningKey;
      if (key === undefined) return sendError(reply, 'DELIVERY_SOURCE_NOT_CONFIGURED');
      const signed = verifyGeneric(
        key,
        {
          timestamp: request.headers['x-caravan-timestamp'] as string | undefined,
          signature: request.headers['x-caravan-signature'] as string | undefined,
        },
        request.body,
        realNow(),
      );
      if (!signed) return sendError(reply, 'DELIVERY_SIGNATURE_INVALID');
      const parsed = GenericDeliveryEvents.safeParse(parseJson(request.body));
      if (!parsed.success) {
        const details = parsed.error.issues.map((i) => ({
          path: i.path.join('.'),
          message: i.message,
        }));
        return sendError(reply, 'VALIDATION_FAILED', undefined, details);
      }
      return record(reply, genericEvents(parsed.data, clock.now()));
    },
  });

  app.post('/delivery-events/mailgun', {
    schema: {
      tags,
      security: [],
      summary: 'Mailgun webhooks (failed, complained), signed with the webhook signing key',
      body: RawBody,
      response: {
        200: Recorded,
        ...badInput,
        ...notConfigured,
        ...errorResponses('DELIVERY_SIGNATURE_INVALID'),
      },
    },
    handler: async (request, reply) => {
      const key = config.mailgunSigningKey;
      if (key === undefined) return sendError(reply, 'DELIVERY_SOURCE_NOT_CONFIGURED');
      const parsed = MailgunWebhook.safeParse(parseJson(request.body));
      if (!parsed.success) return sendError(reply, 'DELIVERY_SIGNATURE_INVALID');
      if (!verifyMailgun(key, parsed.data, realNow())) {
        return sendError(reply, 'DELIVERY_SIGNATURE_INVALID');
      }
      return record(reply, mailgunEvents(parsed.data, clock.now()));
    },
  });

  const sns: SnsConfig = {
    topicArns: config.snsTopicArns,
    certUrlPattern: config.snsCertUrlPattern,
  };
  app.post('/delivery-events/ses', {
    schema: {
      tags,
      security: [],
      summary:
        'Amazon SES bounces and complaints through SNS (signature verified; subscriptions confirmed)',
      body: RawBody,
      response: {
        200: Recorded.or(z.object({ confirmed: z.boolean() })),
        ...badInput,
        ...notConfigured,
        ...errorResponses('SNS_SIGNATURE_INVALID', 'SNS_TOPIC_NOT_ALLOWED'),
      },
    },
    handler: async (request, reply) => {
      if (sns.topicArns.length === 0) return sendError(reply, 'DELIVERY_SOURCE_NOT_CONFIGURED');
      const parsed = SnsMessage.safeParse(parseJson(request.body));
      if (!parsed.success) return sendError(reply, 'SNS_SIGNATURE_INVALID', 'Not an SNS message.');
      const message = parsed.data;
      const check = await verifySnsMessage(sns, message);
      if (!check.ok) return sendError(reply, check.code, check.message);
      if (message.Type === 'SubscriptionConfirmation') {
        const confirmed = await confirmSnsSubscription(sns, message).catch((error: unknown) => {
          request.log.warn({ err: error }, 'SNS subscription confirmation failed');
          return false;
        });
        return reply.send({ confirmed });
      }
      if (message.Type !== 'Notification') return reply.send({ confirmed: false });
      return record(reply, sesEvents(message.Message, clock.now()));
    },
  });

  app.post(twilioStatusPath.replace(/^\/api\/v1/, ''), {
    schema: {
      tags,
      security: [],
      summary: "Twilio's StatusCallback of an SMS, signed with X-Twilio-Signature",
      body: RawBody,
      response: {
        200: Recorded,
        ...badInput,
        ...notConfigured,
        ...errorResponses('DELIVERY_SIGNATURE_INVALID'),
      },
    },
    handler: async (request, reply) => {
      const token = config.twilioAuthToken;
      if (token === undefined) return sendError(reply, 'DELIVERY_SOURCE_NOT_CONFIGURED');
      const params = Object.fromEntries(new URLSearchParams(request.body));
      const url = `${config.publicUrl}${request.url}`;
      const signature = request.headers['x-twilio-signature'] as string | undefined;
      if (!verifyTwilio(token, url, params, signature)) {
        return sendError(reply, 'DELIVERY_SIGNATURE_INVALID');
      }
      return record(reply, twilioEvents(params, clock.now()));
    },
  });
};
