/**
 * Previews of emails and SMS messages: the stored content, or the unsaved draft laid over it, as
 * one person and an account (the given one, else the person's first by name) would get it, with
 * every problem of that content marked blocking (`error`) or `warning`. Without a person the
 * tokens are empty, so the preview shows each token's fallback.
 */
import type { Account } from '@caravan/core/b2b/account';
import type { Person } from '@caravan/core/b2b/person';
import { validateEmail, type Email } from '@caravan/core/content/email';
import { validateSms, type Sms } from '@caravan/core/content/sms';
import { tokenContext, type TemplateContext } from '@caravan/core/content/template';
import type { Problem } from '@caravan/core/journey/validation';
import { err, ok, type Result } from '@caravan/core/result';
import { findAccount } from '@caravan/storage/account.repository';
import { listPersonAccounts } from '@caravan/storage/account-membership.repository';
import { findEmail } from '@caravan/storage/email.repository';
import { findPerson } from '@caravan/storage/person.repository';
import { findSms } from '@caravan/storage/sms.repository';
import type { DataDeps } from '../data/attribute-definitions.service.ts';
import {
  emailNotFound,
  segmentsOf,
  smsNotFound,
  type ContentError,
  type SmsView,
} from './content.service.ts';
import { renderEmailOffThread, renderSmsOffThread } from './preview-renderer.ts';

export interface PreviewRequest {
  /** Left out: no person, so every token shows its fallback. */
  personId?: string | undefined;
  accountId?: string | undefined;
  myTokens?: ReadonlyArray<{ name: string; value: string | number }> | undefined;
  /** The system tokens; previews have no real recipient, so the unsubscribe link goes nowhere. */
  system?: Record<string, string>;
}

export type EmailDraft = Partial<Omit<Email, 'id' | 'name'>>;

export interface EmailPreview {
  subject: string;
  html: string;
  text: string;
  /** Whether the text is generated from the HTML (the email has no text version of its own). */
  textGenerated: boolean;
  /** Every problem of the previewed content (the draft when one is given), blocking or not. */
  problems: Problem[];
}

export interface SmsPreview {
  message: string;
  segments: SmsView['segments'];
  problems: Problem[];
}

const previewSystem = { unsubscribeUrl: '#unsubscribe' };

/** Keeps only the given fields, so that an explicit `undefined` never clears a stored value. */
function definedFields<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(patch).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

async function previewAccount(
  deps: DataDeps,
  person: Person,
  accountId: string | undefined,
): Promise<Result<Account | undefined, ContentError>> {
  const db = deps.database.db;
  if (accountId === undefined) return ok((await listPersonAccounts(db, person.id))[0]?.account);
  const account = await findAccount(db, accountId);
  return account
    ? ok(account)
    : err({ code: 'ACCOUNT_NOT_FOUND', message: `No account has the id ${accountId}.` });
}

/** The tokens of a preview or test send: the person, their account, my tokens and system tokens. */
export async function previewContext(
  deps: DataDeps,
  request: PreviewRequest,
): Promise<Result<TemplateContext, ContentError>> {
  const base = { myTokens: request.myTokens ?? [], system: request.system ?? previewSystem };
  if (request.personId === undefined) return ok(tokenContext(base));
  const person = await findPerson(deps.database.db, request.personId);
  if (!person) {
    return err({ code: 'PERSON_NOT_FOUND', message: `No person has the id ${request.personId}.` });
  }
  const account = await previewAccount(deps, person, request.accountId);
  if (!account.ok) return account;
  return ok(
    tokenContext({ ...base, person, ...(account.value ? { account: account.value } : {}) }),
  );
}

const templateInvalid = (what: string, message: string): ContentError => ({
  code: 'TEMPLATE_INVALID',
  message: `The ${what} cannot be rendered: ${message}`,
});

/** The stored email with the draft laid over it. */
export async function draftEmail(
  deps: DataDeps,
  id: string,
  draft: EmailDraft | undefined,
): Promise<Result<Email, ContentError>> {
  const email = await findEmail(deps.database.db, id);
  if (!email) return err(emailNotFound(id));
  return ok({ ...email, ...definedFields(draft ?? {}) });
}

export async function previewEmail(
  deps: DataDeps,
  id: string,
  request: PreviewRequest & { draft?: EmailDraft | undefined },
): Promise<Result<EmailPreview, ContentError>> {
  const email = await draftEmail(deps, id, request.draft);
  if (!email.ok) return email;
  const context = await previewContext(deps, request);
  if (!context.ok) return context;
  const rendered = await renderEmailOffThread(email.value, context.value);
  if (!rendered.ok) {
    return err(templateInvalid(`${rendered.error.field} of the email`, rendered.error.message));
  }
  const { subject, html, text } = rendered.value;
  const textGenerated = email.value.text.trim() === '' && html.trim() !== '';
  return ok({ subject, html, text, textGenerated, problems: validateEmail(email.value) });
}

/** The stored SMS with the draft message laid over it. */
export async function draftSms(
  deps: DataDeps,
  id: string,
  draft: { message?: string | undefined } | undefined,
): Promise<Result<Sms, ContentError>> {
  const sms = await findSms(deps.database.db, id);
  if (!sms) return err(smsNotFound(id));
  return ok({ ...sms, ...definedFields(draft ?? {}) });
}

export async function previewSms(
  deps: DataDeps,
  id: string,
  request: PreviewRequest & { draft?: { message?: string | undefined } | undefined },
): Promise<Result<SmsPreview, ContentError>> {
  const sms = await draftSms(deps, id, request.draft);
  if (!sms.ok) return sms;
  const context = await previewContext(deps, request);
  if (!context.ok) return context;
  const rendered = await renderSmsOffThread(sms.value.message, context.value);
  if (!rendered.ok) return err(templateInvalid('SMS', rendered.error.message));
  return ok({
    message: rendered.value,
    segments: segmentsOf(rendered.value),
    problems: validateSms(sms.value),
  });
}
