/** Request and response schemas of the content resources (emails, SMS messages) and their previews. */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Email } from '@caravan/core/content/email';
import { Sms, SmsMessage, SmsName } from '@caravan/core/content/sms';
import type { ContentError } from '@caravan/engine/content/content.service';
import { sendError } from './errors.ts';
import { ProblemResponse } from './journey.schemas.ts';

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
  personId: z.uuid(),
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

export const EmailPreviewResponse = z.object({
  subject: z.string(),
  html: z.string(),
  text: z.string(),
});

export const SmsPreviewResponse = z.object({
  message: z.string(),
  segments: SmsSegmentsResponse,
});

/** Sends an engine content error with the catalogue's status. */
export function sendContentError(reply: FastifyReply, error: ContentError) {
  return sendError(reply, error.code, error.message, error.details);
}
