/**
 * Amazon SES notifications delivered by Amazon SNS (issue 12). Every SNS message is verified the
 * way AWS documents it: the certificate is fetched from `SigningCertURL` only when that URL
 * matches CARAVAN_SNS_CERT_URL_PATTERN (default: https://sns.<region>.amazonaws.com/…), the
 * canonical string of the message's fields is checked against `Signature` (SignatureVersion 1:
 * SHA1withRSA, 2: SHA256withRSA), and the topic must be one of CARAVAN_SNS_TOPIC_ARNS. A
 * `SubscriptionConfirmation` is confirmed by fetching its SubscribeURL (same origin as the
 * certificate). Notifications carry SES `Bounce`, `Complaint` (and `Delivery`, ignored).
 */
import { createVerify, X509Certificate } from 'node:crypto';
import { z } from 'zod';
import type { DeliveryEvent } from './delivery-events.ts';

export const defaultSnsCertUrlPattern = '^https://sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/';

export const SnsMessage = z
  .object({
    Type: z.enum(['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation']),
    MessageId: z.string().min(1).max(200),
    TopicArn: z.string().min(1).max(500),
    Message: z.string().max(256_000),
    Timestamp: z.string().max(64),
    SignatureVersion: z.enum(['1', '2']),
    Signature: z.string().min(1).max(2000),
    SigningCertURL: z.string().url().max(2000),
    Subject: z.string().max(1000).optional(),
    SubscribeURL: z.string().url().max(4000).optional(),
    Token: z.string().max(2000).optional(),
  })
  .loose();
export type SnsMessage = z.infer<typeof SnsMessage>;

export interface SnsConfig {
  topicArns: readonly string[];
  certUrlPattern: string;
  /** Fetches a URL's text (the certificate, the subscribe URL); injectable for tests. */
  fetchText?: (url: string) => Promise<string>;
}

export type SnsCheck =
  | { ok: true }
  | { ok: false; code: 'SNS_TOPIC_NOT_ALLOWED' | 'SNS_SIGNATURE_INVALID'; message: string };

const certificates = new Map<string, string>();

async function defaultFetchText(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.text();
}

/** The canonical string SNS signs, per message type. */
export function snsStringToSign(m: SnsMessage): string {
  const fields =
    m.Type === 'Notification'
      ? [
          'Message',
          'MessageId',
          ...(m.Subject !== undefined ? ['Subject'] : []),
          'Timestamp',
          'TopicArn',
          'Type',
        ]
      : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
  const record = m as Record<string, unknown>;
  return fields.map((f) => `${f}\n${String(record[f] ?? '')}\n`).join('');
}

export async function verifySnsMessage(config: SnsConfig, m: SnsMessage): Promise<SnsCheck> {
  if (!config.topicArns.includes(m.TopicArn)) {
    return {
      ok: false,
      code: 'SNS_TOPIC_NOT_ALLOWED',
      message: `The topic ${m.TopicArn} is not configured.`,
    };
  }
  if (!new RegExp(config.certUrlPattern).test(m.SigningCertURL)) {
    return {
      ok: false,
      code: 'SNS_SIGNATURE_INVALID',
      message: 'The signing certificate is not from Amazon SNS.',
    };
  }
  let pem = certificates.get(m.SigningCertURL);
  try {
    if (pem === undefined) {
      pem = await (config.fetchText ?? defaultFetchText)(m.SigningCertURL);
      const cert = new X509Certificate(pem);
      if (new Date(cert.validTo) < new Date()) throw new Error('the certificate has expired');
      certificates.set(m.SigningCertURL, pem);
    }
    const verifier = createVerify(m.SignatureVersion === '1' ? 'RSA-SHA1' : 'RSA-SHA256');
    verifier.update(snsStringToSign(m), 'utf8');
    if (verifier.verify(pem, m.Signature, 'base64')) return { ok: true };
  } catch {
    // Falls through: an unreadable certificate or signature is an invalid signature.
  }
  return {
    ok: false,
    code: 'SNS_SIGNATURE_INVALID',
    message: 'The SNS signature does not verify.',
  };
}

/** Confirms a subscription by fetching SubscribeURL, which must share the certificate's origin. */
export async function confirmSnsSubscription(config: SnsConfig, m: SnsMessage): Promise<boolean> {
  if (m.SubscribeURL === undefined) return false;
  if (new URL(m.SubscribeURL).origin !== new URL(m.SigningCertURL).origin) return false;
  await (config.fetchText ?? defaultFetchText)(m.SubscribeURL);
  return true;
}

const Recipient = z
  .object({ emailAddress: z.string(), diagnosticCode: z.string().optional() })
  .loose();
const SesNotification = z
  .object({
    notificationType: z.string().optional(),
    eventType: z.string().optional(),
    bounce: z
      .object({
        bounceType: z.string(),
        bouncedRecipients: z.array(Recipient),
        timestamp: z.string().optional(),
      })
      .loose()
      .optional(),
    complaint: z
      .object({
        complainedRecipients: z.array(Recipient),
        timestamp: z.string().optional(),
        complaintFeedbackType: z.string().optional(),
      })
      .loose()
      .optional(),
    mail: z
      .object({
        messageId: z.string().optional(),
        commonHeaders: z.object({ messageId: z.string().optional() }).loose().optional(),
        headers: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

/** The bounces and complaints of one SES notification (the SNS `Message`). */
export function sesEvents(message: string, now: Date): DeliveryEvent[] {
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    return [];
  }
  const parsed = SesNotification.safeParse(json);
  if (!parsed.success) return [];
  const n = parsed.data;
  const type = n.notificationType ?? n.eventType;
  const header = n.mail?.headers?.find((h) => h.name.toLowerCase() === 'message-id')?.value;
  const messageId = n.mail?.commonHeaders?.messageId ?? header ?? n.mail?.messageId;
  const at = (iso: string | undefined) =>
    iso && !Number.isNaN(Date.parse(iso)) ? new Date(iso) : now;
  if (type === 'Bounce' && n.bounce) {
    const bounceType = n.bounce.bounceType === 'Transient' ? 'soft' : 'hard';
    return n.bounce.bouncedRecipients.map((r) => ({
      kind: 'bounce',
      bounceType,
      recipient: r.emailAddress,
      ...(messageId ? { messageId } : {}),
      at: at(n.bounce?.timestamp),
      source: 'ses',
      detail: r.diagnosticCode ?? `SES ${n.bounce?.bounceType} bounce`,
    }));
  }
  if (type === 'Complaint' && n.complaint) {
    return n.complaint.complainedRecipients.map((r) => ({
      kind: 'complaint',
      recipient: r.emailAddress,
      ...(messageId ? { messageId } : {}),
      at: at(n.complaint?.timestamp),
      source: 'ses',
      detail: `SES complaint${n.complaint?.complaintFeedbackType ? ` (${n.complaint.complaintFeedbackType})` : ''}`,
    }));
  }
  return [];
}
