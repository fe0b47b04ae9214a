/**
 * Signed delivery reports from providers, checked and turned into `DeliveryEvent`s (issue 12):
 *
 * - generic: `X-Caravan-Timestamp` (Unix seconds) and `X-Caravan-Signature: sha256=<hex>` of
 *   `<timestamp>.<raw body>` with CARAVAN_BOUNCE_SIGNING_KEY, at most 5 minutes old;
 * - Mailgun webhooks: `signature.signature` = HMAC-SHA256(MAILGUN_WEBHOOK_SIGNING_KEY,
 *   timestamp + token), at most 5 minutes old;
 * - Twilio StatusCallback: `X-Twilio-Signature` = base64 HMAC-SHA1(auth token, full URL + every
 *   form parameter name and value, sorted by name).
 *
 * Amazon SES over SNS is in `sns.ts`. Comparisons are constant-time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { DeliveryEvent } from './delivery-events.ts';

export const signatureMaxAgeMs = 5 * 60_000;

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function fresh(timestampSeconds: number, now: Date): boolean {
  return Math.abs(now.getTime() - timestampSeconds * 1000) <= signatureMaxAgeMs;
}

export function signGeneric(key: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', key).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifyGeneric(
  key: string,
  headers: { timestamp?: string | undefined; signature?: string | undefined },
  body: string,
  now: Date,
): boolean {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (!fresh(Number(timestamp), now)) return false;
  return safeEqual(signGeneric(key, timestamp, body), signature);
}

export const GenericDeliveryEvents = z.object({
  events: z
    .array(
      z.object({
        type: z.enum(['bounce', 'complaint']),
        email: z.string().min(3).max(320),
        bounceType: z.enum(['hard', 'soft']).default('hard'),
        messageId: z.string().max(500).optional(),
        occurredAt: z.iso.datetime({ offset: true }).optional(),
        reason: z.string().max(2000).optional(),
      }),
    )
    .min(1)
    .max(500),
});

export function genericEvents(
  body: z.infer<typeof GenericDeliveryEvents>,
  now: Date,
): DeliveryEvent[] {
  return body.events.map((e) => ({
    kind: e.type,
    ...(e.type === 'bounce' ? { bounceType: e.bounceType } : {}),
    recipient: e.email,
    ...(e.messageId ? { messageId: e.messageId } : {}),
    at: e.occurredAt ? new Date(e.occurredAt) : now,
    source: 'generic',
    ...(e.reason ? { detail: e.reason } : {}),
  }));
}

export const MailgunWebhook = z.object({
  signature: z.object({
    timestamp: z.union([z.string(), z.number()]).transform(String),
    token: z.string().min(1).max(500),
    signature: z.string().min(1).max(200),
  }),
  'event-data': z
    .object({
      event: z.string(),
      severity: z.string().optional(),
      recipient: z.string().optional(),
      timestamp: z.number().optional(),
      reason: z.string().optional(),
      'delivery-status': z
        .object({ message: z.string().optional(), description: z.string().optional() })
        .loose()
        .optional(),
      message: z
        .object({ headers: z.record(z.string(), z.unknown()).optional() })
        .loose()
        .optional(),
    })
    .loose(),
});
export type MailgunWebhook = z.infer<typeof MailgunWebhook>;

export function verifyMailgun(key: string, body: MailgunWebhook, now: Date): boolean {
  const { timestamp, token, signature } = body.signature;
  if (!/^\d{1,12}$/.test(timestamp) || !fresh(Number(timestamp), now)) return false;
  const expected = createHmac('sha256', key).update(`${timestamp}${token}`).digest('hex');
  return safeEqual(expected, signature);
}

/** `failed` (permanent or temporary) is a bounce, `complained` a complaint; others are ignored. */
export function mailgunEvents(body: MailgunWebhook, now: Date): DeliveryEvent[] {
  const data = body['event-data'];
  const kind =
    data.event === 'failed' ? 'bounce' : data.event === 'complained' ? 'complaint' : undefined;
  if (kind === undefined) return [];
  const messageId = data.message?.headers?.['message-id'];
  const status = data['delivery-status'];
  const detail = status?.description || status?.message || data.reason;
  return [
    {
      kind,
      ...(kind === 'bounce' ? { bounceType: data.severity === 'temporary' ? 'soft' : 'hard' } : {}),
      ...(data.recipient ? { recipient: data.recipient } : {}),
      ...(typeof messageId === 'string' ? { messageId } : {}),
      at: data.timestamp ? new Date(data.timestamp * 1000) : now,
      source: 'mailgun',
      ...(detail ? { detail } : {}),
    },
  ];
}

export function signTwilio(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

export function verifyTwilio(
  authToken: string,
  url: string,
  params: Record<string, string>,
  signature: string | undefined,
): boolean {
  return signature !== undefined && safeEqual(signTwilio(authToken, url, params), signature);
}

/** delivered → delivered; failed / undelivered → failed; queued, sent, … change nothing. */
export function twilioEvents(params: Record<string, string>, now: Date): DeliveryEvent[] {
  const sid = params.MessageSid ?? params.SmsSid;
  const status = params.MessageStatus ?? params.SmsStatus;
  if (!sid || !status) return [];
  const kind =
    status === 'delivered'
      ? 'smsDelivered'
      : status === 'failed' || status === 'undelivered'
        ? 'smsFailed'
        : undefined;
  if (kind === undefined) return [];
  const detail = params.ErrorCode ? `Twilio error ${params.ErrorCode}` : undefined;
  return [{ kind, messageId: sid, at: now, source: 'twilio', ...(detail ? { detail } : {}) }];
}
