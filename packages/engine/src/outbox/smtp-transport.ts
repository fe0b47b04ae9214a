/**
 * One pooled nodemailer SMTP transport per SMTP_URL (and pool size), made on first use and reused
 * by every send of the process (opening a connection per message would cost more than the
 * message). `SMTP_POOL_SIZE` connections (default 8); the dispatcher keeps as many sends in
 * flight, so each connection always has its next message.
 */
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { defaultSmtpPoolSize } from './channel-lanes.ts';
import { errorText, type SendOutcome } from './send-outcome.ts';

type Transport = ReturnType<typeof createPool>;

const transports = new Map<string, Transport>();

function createPool(smtpUrl: string, poolSize: number) {
  return nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: poolSize,
    // A connection is replaced after this many messages (nodemailer's default is 100).
    maxMessages: 1000,
    // Well inside the 60 s lease of a claimed outbox row.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
}

function transportFor(smtpUrl: string, poolSize: number): Transport {
  const key = `${poolSize} ${smtpUrl}`;
  let transport = transports.get(key);
  if (transport === undefined) {
    transport = createPool(smtpUrl, poolSize);
    transports.set(key, transport);
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
export async function sendMail(
  smtpUrl: string,
  poolSize: number | undefined,
  mail: Mail.Options,
): Promise<SendOutcome> {
  try {
    const info = await transportFor(smtpUrl, poolSize ?? defaultSmtpPoolSize).sendMail(mail);
    return { kind: 'sent', messageId: String(info.messageId) };
  } catch (error) {
    const code = (error as { responseCode?: unknown }).responseCode;
    const text = `SMTP: ${errorText(error)}`;
    return typeof code === 'number' && code >= 500 && code < 600
      ? { kind: 'failed', error: text }
      : { kind: 'retry', error: text };
  }
}
