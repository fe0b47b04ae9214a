/**
 * *Send test* of the email and SMS editors: the stored content (or the unsaved draft laid over
 * it) rendered for a chosen person, or with every token's fallback, and sent to one address or
 * number through the real channel (SMTP_URL, SMS_PROVIDER_URL). It is marked as a test — the
 * subject (or SMS text) starts with "[Test]" and the email carries `X-Caravan-Test: yes` — and it
 * never enters the outbox, so no report, limit or timeline counts it.
 */
import { err, ok, type Result } from '@caravan/core/result';
import {
  draftEmail,
  previewEmail,
  previewSms,
  type EmailDraft,
  type PreviewRequest,
} from '../content/content-preview.ts';
import type { ContentError } from '../content/content.service.ts';
import type { DataDeps } from '../data/attribute-definitions.service.ts';
import { defaultSender } from './email-channel.ts';
import { readSenderIdentity } from './sender-identity.ts';
import { sendTestEmail, sendTestSms, type TestSendDeps } from './test-send.ts';

export interface ContentTestSendDeps extends DataDeps {
  channels: TestSendDeps;
  publicUrl: string;
}

export type ContentTestSendError =
  | ContentError
  | {
      code: 'EMAIL_NOT_CONFIGURED' | 'SMS_NOT_CONFIGURED' | 'TEST_SEND_FAILED';
      message: string;
    };

/** What a test send answers: where it went and what the provider said. */
export interface TestSent {
  to: string;
  response: string;
}

export const testSubjectPrefix = '[Test] ';
export const testHeader = { 'X-Caravan-Test': 'yes' } as const;

export async function sendEmailTest(
  deps: ContentTestSendDeps,
  emailId: string,
  request: PreviewRequest & { to: string; draft?: EmailDraft | undefined },
): Promise<Result<TestSent, ContentTestSendError>> {
  const email = await draftEmail(deps, emailId, request.draft);
  if (!email.ok) return email;
  const preview = await previewEmail(deps, emailId, request);
  if (!preview.ok) return preview;
  const identity = await readSenderIdentity(deps.database.db);
  const replyTo = email.value.replyTo || identity.replyTo;
  const outcome = await sendTestEmail(deps.channels, {
    to: request.to,
    fromName: email.value.fromName || identity.fromName || 'Caravan',
    fromEmail: email.value.fromEmail || identity.fromEmail || defaultSender(deps.publicUrl),
    replyTo: replyTo || null,
    subject: `${testSubjectPrefix}${preview.value.subject}`,
    html: preview.value.html,
    text: preview.value.text,
    headers: { ...testHeader },
  });
  return outcome.ok
    ? ok({ to: request.to, response: outcome.response })
    : err({ code: outcome.code, message: outcome.message });
}

export async function sendSmsTest(
  deps: ContentTestSendDeps,
  smsId: string,
  request: PreviewRequest & { to: string; draft?: { message?: string | undefined } | undefined },
): Promise<Result<TestSent, ContentTestSendError>> {
  const preview = await previewSms(deps, smsId, request);
  if (!preview.ok) return preview;
  const outcome = await sendTestSms(deps.channels, {
    to: request.to,
    body: `${testSubjectPrefix}${preview.value.message}`,
  });
  return outcome.ok
    ? ok({ to: request.to, response: outcome.response })
    : err({ code: outcome.code, message: outcome.message });
}
