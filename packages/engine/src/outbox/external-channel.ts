/**
 * External actions and splits (SPEC §2): a signed POST to the configured service with the account,
 * the people on the node's path, the node's inputs and a callback URL whose token names the
 * waiting enrollment and node. A 2xx only means "accepted": the answer arrives later on the
 * callback (`/api/v1/callbacks/external/{token}`). The request is signed like a webhook (Standard
 * Webhooks headers) with the service's own secret, so that each service checks with the secret
 * it was given; it goes through the outbound client like every outbound request.
 */
import type { OutboxPayload } from '@caravan/core/engine/outbox';
import type { Person } from '@caravan/core/b2b/person';
import { findPerson } from '@caravan/storage/person.repository';
import type { OutboxMessage } from '@caravan/storage/outbox.repository';
import { signToken } from '../runtime/engine-secret.ts';
import type { ExternalCallToken } from '../external-services/external-calls.ts';
import type { ChannelDeps } from './email-channel.ts';
import type { SendContext } from './send-context.ts';
import type { SendOutcome } from './send-outcome.ts';
import { postSigned } from './webhook-channel.ts';

/** The callback token of the call that `message` makes. */
export function externalCallbackToken(secret: string, message: OutboxMessage): string | undefined {
  if (message.enrollmentId === null || message.nodeId === null) return undefined;
  const call: ExternalCallToken = { enrollmentId: message.enrollmentId, nodeId: message.nodeId };
  return signToken(secret, 'callback', call);
}

export async function sendExternal(
  deps: ChannelDeps,
  message: OutboxMessage,
  payload: Extract<OutboxPayload, { channel: 'external' }>,
  context: SendContext,
  now: Date,
): Promise<SendOutcome> {
  const service = await deps.db
    .selectFrom('external_services')
    .select(['url', 'secret'])
    .where('id', '=', payload.serviceId)
    .executeTakeFirst();
  if (service === undefined) {
    return { kind: 'failed', error: `External service ${payload.serviceId} does not exist.` };
  }
  const token = externalCallbackToken(deps.secret, message);
  if (token === undefined)
    return { kind: 'failed', error: 'The call names no enrollment and node.' };
  const people: Person[] = [];
  for (const id of payload.personIds) {
    const person = await findPerson(deps.db, id);
    if (person !== undefined) people.push(person);
  }
  const body = JSON.stringify({
    callbackUrl: `${deps.publicUrl}/api/v1/callbacks/external/${token}`,
    token,
    account: context.account ?? null,
    people,
    inputs: payload.inputs,
  });
  return postSigned(deps, 'The external service', {
    url: service.url,
    method: 'POST',
    headers: {},
    body,
    secret: service.secret,
    idempotencyKey: message.idempotencyKey,
    now,
  });
}
