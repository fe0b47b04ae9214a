/**
 * One pooled nodemailer SMTP transport per SMTP_URL, made on first use and reused by every send
 * of the process (opening a connection per message would cost more than the message).
 */
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { errorText, type SendOutcome } from './send-outcome.ts';

type Transport = ReturnType<typeof createPool>;

const transports = new Map<string, Transport>();

function createPool(smtpUrl: string) {
  return nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 5,
    // Well inside the 60 s lease of a claimed outbox row.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
}

function transportFor(smtpUrl: string): Transport {
  let transport = transports.get(smtpUrl);
  if (transport === undefined) {
    transport = createPool(smtpUrl);
    transports.set(smtpUrl, transport);
  }
  return transport;
}

/** Closes every pooled connection (shutdown, tests). */
export function closeSmtpTransports(): void {
  for (const transport of transports.values()) transport.close();
  transports.clear();
}

/** The Message-ID of a message, the same on every attempt so that receivers can drop a repeat. */
export function messageIdFor(idempotencyKey: string): string {
  const hash = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
  return `<${hash}@caravan>`;
}

/** Sends over SMTP; a 5xx reply is permanent (failed), anything else may pass (retry). */
export async function sendMail(smtpUrl: string, mail: Mail.Options): Promise<SendOutcome> {
  try {
    const info = await transportFor(smtpUrl).sendMail(mail);
    return { kind: 'sent', messageId: String(info.messageId) };
  } catch (error) {
    const code = (error as { responseCode?: unknown }).responseCode;
    const text = `SMTP: ${errorText(error)}`;
    return typeof code === 'number' && code >= 500 && code < 600
      ? { kind: 'failed', error: text }
      : { kind: 'retry', error: text };
  }
}
