/**
 * The email channel: renders the library email (or the one authored in the node) for the person
 * with `{{account.*}}`, `{{person.*}}`, `{{my.*}}` and `{{system.unsubscribeUrl}}`, adds the open
 * pixel, tracked links and a one-click `List-Unsubscribe`, and sends it over SMTP. The
 * Message-ID and `X-Caravan-Idempotency-Key` come from the row's idempotency key.
 */
import { renderEmail, type Email } from '@caravan/core/content/email';
import type { OutboxPayload } from '@caravan/core/engine/outbox';
import { tokenContext } from '@caravan/core/content/template';
import type { Db } from '@caravan/storage/database';
import { findEmail } from '@caravan/storage/email.repository';
import type { OutboxMessage } from '@caravan/storage/outbox.repository';
import { escapeHtml } from './html-escape.ts';
import type { OutboundPolicy } from './outbound-policy.ts';
import { readSenderIdentity, type SenderIdentity } from './sender-identity.ts';
import type { SendContext } from './send-context.ts';
import { sentTo, type SendOutcome } from './send-outcome.ts';
import { messageIdFor, sendMail } from './smtp-transport.ts';
import { addTracking, trackingUrls } from './tracking-token.ts';

export interface ChannelDeps {
  db: Db;
  secret: string;
  publicUrl: string;
  smtpUrl?: string | undefined;
  smsProviderUrl?: string | undefined;
  /** SMTP connections in the pool (`SMTP_POOL_SIZE`). */
  smtpPoolSize?: number | undefined;
  /** Content and sender identity read once per claimed batch, not once per message. */
  cache?: ContentCache | undefined;
  /** Where webhooks and external calls may go; nothing internal when not given. */
  outbound?: OutboundPolicy | undefined;
}

export interface ContentCache {
  emails: Map<string, Promise<Email | undefined>>;
  sender?: Promise<SenderIdentity>;
}

export function newContentCache(): ContentCache {
  return { emails: new Map() };
}

const smtpMissing = 'SMTP_URL is not set';

/** The outcome of any email while no SMTP server is configured. */
export const smtpNotConfigured: SendOutcome = {
  kind: 'failed',
  error: smtpMissing,
  reason: 'SMTP_NOT_CONFIGURED',
};

type EmailContent = Pick<
  Email,
  'subject' | 'fromName' | 'fromEmail' | 'replyTo' | 'preheader' | 'html' | 'text'
>;

async function emailContent(
  deps: ChannelDeps,
  payload: Extract<OutboxPayload, { channel: 'email' }>,
): Promise<EmailContent | undefined> {
  const { emailId } = payload;
  if (emailId !== undefined) {
    if (deps.cache === undefined) return findEmail(deps.db, emailId);
    let email = deps.cache.emails.get(emailId);
    if (email === undefined) {
      email = findEmail(deps.db, emailId);
      deps.cache.emails.set(emailId, email);
    }
    return email;
  }
  const c = payload.content;
  if (c === undefined) return undefined;
  return {
    subject: c.subject ?? '',
    fromName: c.fromName ?? '',
    fromEmail: c.fromEmail ?? '',
    replyTo: c.replyTo ?? null,
    preheader: c.preheader ?? '',
    html: c.html ?? '',
    text: c.text ?? '',
  };
}

/** A sender address for content that names none: no-reply at the public host. */
export function defaultSender(publicUrl: string): string {
  return `no-reply@${new URL(publicUrl).hostname}`;
}

/**
 * Who the email is from: the content's own sender, else the sending settings' defaults (read only
 * when the content lacks one), else no-reply at the public host.
 */
async function senderOf(
  deps: ChannelDeps,
  content: EmailContent,
): Promise<{ fromName: string; fromEmail: string; replyTo: string }> {
  const own = {
    fromName: content.fromName,
    fromEmail: content.fromEmail,
    replyTo: content.replyTo ?? '',
  };
  if (own.fromName !== '' && own.fromEmail !== '' && own.replyTo !== '') return own;
  const cache = deps.cache;
  if (cache !== undefined) cache.sender ??= readSenderIdentity(deps.db);
  const defaults = await (cache?.sender ?? readSenderIdentity(deps.db));
  return {
    fromName: own.fromName || defaults.fromName,
    fromEmail: own.fromEmail || defaults.fromEmail || defaultSender(deps.publicUrl),
    replyTo: own.replyTo || defaults.replyTo,
  };
}

/** The preheader is the inbox preview line: hidden text at the very start of the body. */
function withPreheader(html: string, preheader: string): string {
  if (preheader === '') return html;
  const hidden = `<div style="display:none;max-height:0;overflow:hidden">${escapeHtml(preheader)}</div>`;
  const body = /<body\b[^>]*>/i.exec(html);
  if (body === null) return `${hidden}${html}`;
  const at = body.index + body[0].length;
  return `${html.slice(0, at)}${hidden}${html.slice(at)}`;
}

export async function sendEmail(
  deps: ChannelDeps,
  message: OutboxMessage,
  payload: Extract<OutboxPayload, { channel: 'email' }>,
  context: SendContext,
): Promise<SendOutcome> {
  if (deps.smtpUrl === undefined) return smtpNotConfigured;
  const address = context.person?.email;
  if (address === undefined || address === null) {
    return { kind: 'failed', error: 'The person has no email address.' };
  }
  const content = await emailContent(deps, payload);
  if (content === undefined) {
    return { kind: 'failed', error: `Email ${payload.emailId ?? '(authored)'} no longer exists.` };
  }
  const urls = trackingUrls(deps.publicUrl, deps.secret, {
    outboxId: message.id,
    personId: message.personId,
    accountId: message.accountId,
    journeyId: message.journeyId,
    nodeId: message.nodeId,
  });
  const tokens = tokenContext({
    ...(context.account ? { account: context.account } : {}),
    ...(context.person ? { person: context.person } : {}),
    myTokens: context.settings?.myTokens ?? [],
    system: { unsubscribeUrl: urls.unsubscribe },
  });
  const rendered = renderEmail(content, tokens);
  if (!rendered.ok) {
    return {
      kind: 'failed',
      error: `The ${rendered.error.field} cannot be rendered: ${rendered.error.message}`,
    };
  }
  const { subject, html, text, preheader } = rendered.value;
  const sender = await senderOf(deps, content);
  const outcome = await sendMail(deps.smtpUrl, deps.smtpPoolSize, {
    from: { name: sender.fromName, address: sender.fromEmail },
    to: address,
    ...(sender.replyTo ? { replyTo: sender.replyTo } : {}),
    subject,
    ...(html.trim() === ''
      ? {}
      : { html: addTracking(withPreheader(html, preheader), deps.publicUrl, urls) }),
    ...(text.trim() === '' ? {} : { text }),
    messageId: messageIdFor(message.idempotencyKey),
    headers: {
      'X-Caravan-Idempotency-Key': message.idempotencyKey,
      'List-Unsubscribe': { prepared: true, value: `<${urls.unsubscribe}>` },
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  });
  return sentTo(outcome, address);
}
