/**
 * Webhooks (SPEC §2 `webhook` action): a POST or PUT of JSON to the node's URL, signed so that
 * the receiver can tell it came from us: `X-Caravan-Signature: sha256=<hex HMAC-SHA256 of the
 * body>` with the engine secret, `X-Caravan-Timestamp` (ISO time of the attempt) and
 * `Idempotency-Key`. The body is the node's template rendered with the account and person, or a
 * JSON context when the node has none. Operational: no consent check.
 */
import { createHmac } from 'node:crypto';
import type { OutboxPayload } from '@caravan/core/engine/outbox';
import { renderTemplate, tokenContext } from '@caravan/core/content/template';
import type { OutboxMessage } from '@caravan/storage/outbox.repository';
import type { ChannelDeps } from './email-channel.ts';
import type { SendContext } from './send-context.ts';
import { fetchOutcome, httpTimeoutMs, type SendOutcome } from './send-outcome.ts';

/** `sha256=<hex>`: the HMAC-SHA256 of the exact body bytes with `secret`. */
export function signatureOf(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** POSTs (or PUTs) signed JSON; the outcome of the answer, as every HTTP channel. */
export function postSigned(
  what: string,
  request: {
    url: string;
    method: 'POST' | 'PUT';
    headers: Record<string, string>;
    body: string;
    secret: string;
    idempotencyKey: string;
    now: Date;
  },
): Promise<SendOutcome> {
  return fetchOutcome(what, () =>
    fetch(request.url, {
      method: request.method,
      headers: {
        ...request.headers,
        'content-type': 'application/json',
        'x-caravan-signature': signatureOf(request.secret, request.body),
        'x-caravan-timestamp': request.now.toISOString(),
        'idempotency-key': request.idempotencyKey,
      },
      body: request.body,
      signal: AbortSignal.timeout(httpTimeoutMs),
    }),
  );
}

function webhookBody(
  message: OutboxMessage,
  payload: Extract<OutboxPayload, { channel: 'webhook' }>,
  context: SendContext,
): { ok: true; body: string } | { ok: false; error: string } {
  if (payload.body === undefined || payload.body.trim() === '') {
    return {
      ok: true,
      body: JSON.stringify({
        journeyId: message.journeyId,
        nodeId: message.nodeId,
        account: context.account ?? null,
        person: context.person ?? null,
      }),
    };
  }
  const tokens = tokenContext({
    ...(context.account ? { account: context.account } : {}),
    ...(context.person ? { person: context.person } : {}),
    myTokens: context.settings?.myTokens ?? [],
  });
  const rendered = renderTemplate(payload.body, tokens);
  return rendered.ok
    ? { ok: true, body: rendered.value }
    : { ok: false, error: `The webhook body cannot be rendered: ${rendered.error.message}` };
}

export async function sendWebhook(
  deps: ChannelDeps,
  message: OutboxMessage,
  payload: Extract<OutboxPayload, { channel: 'webhook' }>,
  context: SendContext,
  now: Date,
): Promise<SendOutcome> {
  const body = webhookBody(message, payload, context);
  if (!body.ok) return { kind: 'failed', error: body.error };
  return postSigned('The webhook', {
    url: payload.url,
    method: payload.method,
    headers: payload.headers,
    body: body.body,
    secret: deps.secret,
    idempotencyKey: message.idempotencyKey,
    now,
  });
}
