/**
 * Webhooks (SPEC §2 `webhook` action): a POST or PUT of JSON to the node's URL through the
 * outbound client (`outbound-http.ts`: no internal addresses, no redirects, timeouts), signed by
 * the Standard Webhooks scheme with the destination's own secret (`webhook-signing.ts`) and
 * carrying `Idempotency-Key`. The body is the node's template rendered with the account and
 * person, or a JSON context when the node has none. Operational: no consent check.
 */
import type { OutboxPayload } from '@caravan/core/engine/outbox';
import { renderTemplate, tokenContext } from '@caravan/core/content/template';
import type { OutboxMessage } from '@caravan/storage/outbox.repository';
import type { ChannelDeps } from './email-channel.ts';
import { outboundPolicy } from './outbound-policy.ts';
import type { SendContext } from './send-context.ts';
import { outboundOutcome, type SendOutcome } from './send-outcome.ts';
import { signedHeaders, webhookDestination, webhookSecretFor } from './webhook-signing.ts';

/** POSTs (or PUTs) signed JSON through the outbound client; the outcome of the answer. */
export function postSigned(
  deps: ChannelDeps,
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
  return outboundOutcome(what, {
    url: request.url,
    method: request.method,
    headers: {
      ...request.headers,
      'content-type': 'application/json',
      ...signedHeaders(request.secret, request.idempotencyKey, request.now, request.body),
      'idempotency-key': request.idempotencyKey,
    },
    body: request.body,
    policy: deps.outbound ?? outboundPolicy(),
  });
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
  const destination = webhookDestination(payload.url);
  if (destination === undefined) return { kind: 'failed', error: `${payload.url} is not a URL` };
  return postSigned(deps, 'The webhook', {
    url: payload.url,
    method: payload.method,
    headers: payload.headers,
    body: body.body,
    secret: await webhookSecretFor(deps.db, destination, now),
    idempotencyKey: message.idempotencyKey,
    now,
  });
}
