/**
 * `/settings`: the sending settings — sender identity defaults (from name and address, reply-to,
 * used when an email names none), the tracking domain (`PUBLIC_URL`, read-only), whether SMTP and
 * the SMS provider are configured, and a test email / SMS through the real channel answering what
 * the provider said. Everyone signed in reads; only an admin changes or sends a test.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { defaultSender } from '@caravan/engine/outbox/email-channel';
import {
  SenderIdentity,
  readSenderIdentity,
  saveSenderIdentity,
} from '@caravan/engine/outbox/sender-identity';
import {
  sendTestEmail,
  sendTestSms,
  type TestSendDeps,
  type TestSendOutcome,
} from '@caravan/engine/outbox/test-send';
import { principalOf, requireAdmin } from './authenticate.ts';
import { errorResponses, sendError } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';

const tags = ['settings'];
const admin = errorResponses('UNAUTHENTICATED', 'FORBIDDEN');

const Channels = z.object({
  email: z.object({ configured: z.boolean() }),
  sms: z.object({ configured: z.boolean() }),
});

const TestSent = z.object({ response: z.string() });
const testErrors = errorResponses(
  'VALIDATION_FAILED',
  'EMAIL_NOT_CONFIGURED',
  'SMS_NOT_CONFIGURED',
  'TEST_SEND_FAILED',
);

export const settingsPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  const channels = () => ({
    email: { configured: Boolean(deps.config.smtpUrl) },
    sms: { configured: Boolean(deps.config.smsProviderUrl) },
  });
  const testDeps: TestSendDeps = {
    ...(deps.config.smtpUrl ? { smtpUrl: deps.config.smtpUrl } : {}),
    ...(deps.config.smsProviderUrl ? { smsProviderUrl: deps.config.smsProviderUrl } : {}),
  };
  const answer = (outcome: TestSendOutcome, reply: Parameters<typeof sendError>[0]) =>
    outcome.ok ? { response: outcome.response } : sendError(reply, outcome.code, outcome.message);

  app.get('/settings/channels', {
    schema: {
      tags,
      summary: 'Whether an SMTP server (SMTP_URL) and an SMS provider (SMS_PROVIDER_URL) are set',
      response: { 200: Channels, ...errorResponses('UNAUTHENTICATED') },
    },
    handler: async () => channels(),
  });

  app.get('/settings/sending', {
    schema: {
      tags,
      summary: 'Sender identity defaults, the tracking domain and which channels are configured',
      response: {
        200: z.object({
          senderIdentity: SenderIdentity,
          trackingDomain: z.string(),
          defaultFromEmail: z.string(),
          channels: Channels,
        }),
        ...errorResponses('UNAUTHENTICATED'),
      },
    },
    handler: async () => ({
      senderIdentity: await readSenderIdentity(deps.database.db),
      trackingDomain: deps.config.publicUrl,
      defaultFromEmail: defaultSender(deps.config.publicUrl),
      channels: channels(),
    }),
  });

  app.put('/settings/sender-identity', {
    preHandler: requireAdmin,
    schema: {
      tags,
      summary: 'Set the from name, from address and reply-to used when an email names none (admin)',
      body: SenderIdentity,
      response: { 200: SenderIdentity, ...admin, ...errorResponses('VALIDATION_FAILED') },
    },
    handler: async (request) => saveSenderIdentity(deps, principalOf(request).id, request.body),
  });

  app.post('/settings/test-email', {
    preHandler: requireAdmin,
    schema: {
      tags,
      summary: "Send a test email over SMTP_URL (admin); answers the SMTP server's reply",
      body: z.object({ to: z.email().max(320) }),
      response: { 200: TestSent, ...admin, ...testErrors },
    },
    handler: async (request, reply) => {
      const identity = await readSenderIdentity(deps.database.db);
      const outcome = await sendTestEmail(testDeps, {
        to: request.body.to,
        fromName: identity.fromName || 'Caravan',
        fromEmail: identity.fromEmail || defaultSender(deps.config.publicUrl),
        replyTo: identity.replyTo || null,
        subject: 'Caravan test email',
        html: '<p>This is a test email from Caravan: your SMTP settings work.</p>',
        text: 'This is a test email from Caravan: your SMTP settings work.',
      });
      return answer(outcome, reply);
    },
  });

  app.post('/settings/test-sms', {
    preHandler: requireAdmin,
    schema: {
      tags,
      summary: "Send a test SMS through SMS_PROVIDER_URL (admin); answers the provider's reply",
      body: z.object({
        to: z
          .string()
          .trim()
          .regex(/^\+?[0-9 ()-]{5,20}$/, 'must be a phone number'),
      }),
      response: { 200: TestSent, ...admin, ...testErrors },
    },
    handler: async (request, reply) => {
      const outcome = await sendTestSms(testDeps, {
        to: request.body.to,
        body: 'This is a test SMS from Caravan: your SMS provider settings work.',
      });
      return answer(outcome, reply);
    },
  });
};
