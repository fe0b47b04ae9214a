/**
 * The SMS channel: a Twilio-style `POST {SMS_PROVIDER_URL}/Messages.json`, form-encoded `To` and
 * `Body`, with `Idempotency-Key` so that a provider can drop a repeated attempt. Credentials in
 * the URL (`https://sid:token@…`) are sent as HTTP Basic, as Twilio expects.
 */
import type { OutboxPayload } from '@caravan/core/engine/outbox';
import { renderTemplate, tokenContext } from '@caravan/core/content/template';
import type { OutboxMessage } from '@caravan/storage/outbox.repository';
import { findSms } from '@caravan/storage/sms.repository';
import type { ChannelDeps } from './email-channel.ts';
import { statusCallbackUrl } from '../reports/twilio-callback.ts';
import type { SendContext } from './send-context.ts';
import { outboundPolicy } from './outbound-policy.ts';
import { outboundOutcome, sentTo, type SendOutcome } from './send-outcome.ts';
import { shortenSmsLinks } from './sms-links.ts';

export const smsProviderMissing = 'SMS_PROVIDER_URL is not set';

/** The endpoint without credentials, and the credentials as an Authorization header. */
export function providerEndpoint(providerUrl: string): {
  url: string;
  headers: Record<string, string>;
} {
  const url = new URL(providerUrl.replace(/\/+$/, '') + '/Messages.json');
  const headers: Record<string, string> = {};
  if (url.username !== '' || url.password !== '') {
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  return { url: url.toString(), headers };
}

export async function sendSms(
  deps: ChannelDeps,
  message: OutboxMessage,
  payload: Extract<OutboxPayload, { channel: 'sms' }>,
  context: SendContext,
): Promise<SendOutcome> {
  if (deps.smsProviderUrl === undefined) {
    return { kind: 'failed', error: smsProviderMissing, reason: 'SMS_PROVIDER_NOT_CONFIGURED' };
  }
  const to = context.person?.mobilePhone;
  if (to === undefined || to === null)
    return { kind: 'failed', error: 'The person has no mobile phone.' };
  const source =
    payload.smsId !== undefined
      ? (await findSms(deps.db, payload.smsId))?.message
      : payload.content?.message;
  if (source === undefined) {
    return { kind: 'failed', error: `SMS ${payload.smsId ?? '(authored)'} no longer exists.` };
  }
  const tokens = tokenContext({
    ...(context.account ? { account: context.account } : {}),
    ...(context.person ? { person: context.person } : {}),
    myTokens: context.settings?.myTokens ?? [],
  });
  const body = renderTemplate(source, tokens);
  if (!body.ok)
    return { kind: 'failed', error: `The SMS cannot be rendered: ${body.error.message}` };
  const text = await shortenSmsLinks(deps.db, deps.publicUrl, message.id, body.value, new Date());
  const endpoint = providerEndpoint(deps.smsProviderUrl);
  // The operator configured this URL (SMS_PROVIDER_URL): allowed as configured, but still sent
  // through the outbound client (no redirects, timeouts).
  const outcome = await outboundOutcome('The SMS provider', {
    url: endpoint.url,
    method: 'POST',
    headers: {
      ...endpoint.headers,
      'content-type': 'application/x-www-form-urlencoded',
      'idempotency-key': message.idempotencyKey,
    },
    body: new URLSearchParams({
      To: to,
      Body: text,
      StatusCallback: statusCallbackUrl(deps.publicUrl),
    }).toString(),
    policy: deps.outbound ?? outboundPolicy(),
    trusted: true,
  });
  return sentTo(outcome, to);
}
