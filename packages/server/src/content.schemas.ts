/** Request and response schemas of the content resources (emails, SMS messages) and their previews. */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Email } from '@caravan/core/content/email';
import { Sms, SmsMessage, SmsName } from '@caravan/core/content/sms';
import type { ContentError } from '@caravan/engine/content/content.service';
import type {
  ContentTestSendDeps,
  ContentTestSendError,
} from '@caravan/engine/outbox/content-test-send';
import { sendError } from './errors.ts';
import { ProblemResponse } from './journey.schemas.ts';
import type { ServerDeps } from './server-deps.ts';

const EmailName = z.string().trim().min(1).max(255);

export const EmailBody = Email.omit({ id: true }).extend({ name: EmailName });

/**
 * Spelled out rather than `EmailPatch` from core: zod 4 keeps a field's `.default()` inside
 * `.partial()`, so a patch parsed with it would reset every field it leaves out.
 */
export const EmailPatchBody = z.object({
  name: EmailName.optional(),
  subject: z.string().max(998).optional(),
  fromName: z.string().max(255).optional(),
  fromEmail: z.string().max(254).optional(),
  replyTo: z.string().max(254).nullable().optional(),
  preheader: z.string().max(500).optional(),
  html: z.string().optional(),
  text: z.string().optional(),
});

export const EmailResponse = Email.extend({ warnings: z.array(ProblemResponse) });

export const SmsBody = Sms.omit({ id: true });

/** Spelled out for the same reason as `EmailPatchBody`. */
export const SmsPatchBody = z.object({
  name: SmsName.optional(),
  message: SmsMessage.optional(),
});

export const SmsSegmentsResponse = z.object({
  encoding: z.enum(['GSM-7', 'UCS-2']),
  segments: z.number().int(),
});

export const SmsResponse = Sms.extend({
  warnings: z.array(ProblemResponse),
  segments: SmsSegmentsResponse,
});

export const PreviewBody = z.object({
  /** Left out: no person, so every token shows its fallback. */
  personId: z.uuid().optional(),
  /** The account whose tokens fill `{{account.*}}`; the person's first account when left out. */
  accountId: z.uuid().optional(),
  myTokens: z
    .array(
      z.object({
        name: z.string().min(1).max(100),
        value: z.union([z.string().max(10_000), z.number()]),
      }),
    )
    .max(100)
    .optional(),
});

/** The unsaved draft of an email, laid over the stored one for a preview or a test send. */
export const EmailDraftBody = EmailPatchBody.omit({ name: true });

export const EmailPreviewBody = PreviewBody.extend({ draft: EmailDraftBody.optional() });
export const SmsPreviewBody = PreviewBody.extend({
  draft: z.object({ message: SmsMessage.optional() }).optional(),
});

export const EmailPreviewResponse = z.object({
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  /** The text is generated from the HTML: the email has no text version of its own. */
  textGenerated: z.boolean(),
  /** Every problem of the previewed content, each `error` (blocking) or `warning`. */
  problems: z.array(ProblemResponse),
});

export const SmsPreviewResponse = z.object({
  message: z.string(),
  segments: SmsSegmentsResponse,
  problems: z.array(ProblemResponse),
});

const testRecipient = { to: z.email().max(320) };
export const EmailTestSendBody = EmailPreviewBody.extend(testRecipient);
export const SmsTestSendBody = SmsPreviewBody.extend({
  to: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{5,20}$/, 'must be a phone number'),
});
export const TestSentResponse = z.object({ to: z.string(), response: z.string() });

/** Sends an engine content or test-send error with the catalogue's status. */
export function sendTestSendError(reply: FastifyReply, error: ContentTestSendError) {
  return sendError(
    reply,
    error.code,
    error.message,
    'details' in error ? error.details : undefined,
  );
}

/** Sends an engine content error with the catalogue's status. */
export function sendContentError(reply: FastifyReply, error: ContentError) {
  return sendError(reply, error.code, error.message, error.details);
}

/** The channels and sender defaults a test send from the editors uses. */
export function contentTestSendDeps(deps: ServerDeps): ContentTestSendDeps {
  return {
    database: deps.database,
    clock: deps.clock,
    publicUrl: deps.config.publicUrl,
    channels: {
      ...(deps.config.smtpUrl ? { smtpUrl: deps.config.smtpUrl } : {}),
      ...(deps.config.smsProviderUrl ? { smsProviderUrl: deps.config.smsProviderUrl } : {}),
    },
  };
}
