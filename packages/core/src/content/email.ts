/**
 * An email (SPEC §5) and its checks before a journey that sends it is published (SPEC §3): from
 * name, subject and a body are required, addresses must be addresses, every template must parse;
 * a missing unsubscribe link and an empty text version are warnings.
 */
import { z } from 'zod';
import { problem, type Problem } from '../journey/validation/problem.ts';
import { err, ok, type Result } from '../result.ts';
import {
  checkTemplate,
  renderTemplate,
  type TemplateContext,
  type TemplateError,
} from './template.ts';
import { htmlToText } from './plain-text.ts';

/** The editable fields, without defaults: a patch must not reset what it leaves out. */
const emailFields = {
  name: z.string().min(1).max(255),
  subject: z.string().max(998),
  fromName: z.string().max(255),
  fromEmail: z.string().max(254),
  replyTo: z.string().max(254).nullable(),
  preheader: z.string().max(500),
  html: z.string(),
  text: z.string(),
};

/** Drafts may be half-made, so content fields may be empty; `validateEmail` says what is missing. */
export const Email = z.object({
  id: z.string().min(1),
  name: emailFields.name,
  subject: emailFields.subject.default(''),
  fromName: emailFields.fromName.default(''),
  fromEmail: emailFields.fromEmail.default(''),
  replyTo: emailFields.replyTo.default(null),
  preheader: emailFields.preheader.default(''),
  html: emailFields.html.default(''),
  text: emailFields.text.default(''),
});
export type Email = z.infer<typeof Email>;

/** What the API accepts to create an email (the id is assigned by the server). */
export const EmailInput = Email.omit({ id: true });
export type EmailInput = z.infer<typeof EmailInput>;

export const EmailPatch = z.object(emailFields).partial();
export type EmailPatch = z.infer<typeof EmailPatch>;

/**
 * An unsubscribe link is the token `{{system.unsubscribeUrl}}` or any link whose address mentions
 * "unsubscribe" (a provider's own link); the sender also adds a `List-Unsubscribe` header.
 */
const unsubscribeToken = /\{\{-?\s*system\.unsubscribeUrl\b/;
const unsubscribeHref = /href\s*=\s*["'][^"']*unsubscribe/i;

export function hasUnsubscribeLink(html: string): boolean {
  return unsubscribeToken.test(html) || unsubscribeHref.test(html);
}

const isAddress = (value: string): boolean => z.email().safeParse(value).success;

function templateProblems(email: Email): Problem[] {
  const fields = ['subject', 'preheader', 'html', 'text'] as const;
  return fields.flatMap((field) => {
    const checked = checkTemplate(email[field]);
    return checked.ok
      ? []
      : [
          {
            code: 'EMAIL_TEMPLATE_INVALID',
            message: `The ${field} of email "${email.name}" has a template error: ${checked.error.message}`,
            severity: 'error' as const,
          },
        ];
  });
}

function addressProblems(email: Email): Problem[] {
  const problems: Problem[] = [];
  const invalid = (field: string, value: string): Problem => ({
    code: 'EMAIL_ADDRESS_INVALID',
    message: `The ${field} of email "${email.name}" is not an email address: "${value}".`,
    severity: 'error',
  });
  if (email.fromEmail.trim() === '' || !isAddress(email.fromEmail.trim())) {
    problems.push(invalid('from address', email.fromEmail));
  }
  if (email.replyTo !== null && email.replyTo.trim() !== '' && !isAddress(email.replyTo.trim())) {
    problems.push(invalid('reply-to address', email.replyTo));
  }
  return problems;
}

/** Every problem of the email at once; errors block publishing a journey that sends it. */
export function validateEmail(email: Email): Problem[] {
  const name = `email "${email.name}"`;
  const problems: Problem[] = [];
  if (email.fromName.trim() === '') {
    problems.push(problem('EMAIL_FROM_NAME_MISSING', `The ${name} has no from name.`));
  }
  if (email.subject.trim() === '') {
    problems.push(problem('EMAIL_SUBJECT_MISSING', `The ${name} has no subject.`));
  }
  problems.push(...addressProblems(email));
  if (email.html.trim() === '' && email.text.trim() === '') {
    problems.push(problem('EMAIL_BODY_MISSING', `The ${name} has no body.`));
  }
  problems.push(...templateProblems(email));
  if (email.html.trim() !== '' && !hasUnsubscribeLink(email.html)) {
    problems.push(
      problem('EMAIL_UNSUBSCRIBE_MISSING', `The ${name} has no unsubscribe link in its HTML.`),
    );
  }
  if (email.text.trim() === '') {
    problems.push(
      problem(
        'EMAIL_TEXT_EMPTY',
        `The ${name} has no text version of its own: one is generated from the HTML.`,
      ),
    );
  }
  return problems;
}

export interface RenderedEmail {
  subject: string;
  preheader: string;
  html: string;
  text: string;
}

/**
 * The email as one person would get it (preview and send); HTML output is escaped. An empty text
 * version is generated from the rendered HTML.
 */
export function renderEmail(
  email: Pick<Email, 'subject' | 'preheader' | 'html' | 'text'>,
  context: TemplateContext,
): Result<RenderedEmail, TemplateError & { field: keyof RenderedEmail }> {
  const rendered: RenderedEmail = { subject: '', preheader: '', html: '', text: '' };
  for (const field of ['subject', 'preheader', 'html', 'text'] as const) {
    const result = renderTemplate(email[field], context, { escapeHtml: field === 'html' });
    if (!result.ok) return err({ ...result.error, field });
    rendered[field] = result.value;
  }
  if (rendered.text.trim() === '' && rendered.html.trim() !== '') {
    rendered.text = htmlToText(rendered.html);
  }
  return ok(rendered);
}
