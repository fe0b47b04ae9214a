/**
 * Checks made when a message is about to go out (SPEC §4 "Effects"), in this order: the person
 * still exists and has an address, consent (email: opted in unless opted out; SMS: only when opted
 * in), email deduplication of the journey, communication limits. A failed check suppresses the
 * message; the dispatcher records the reason on the timeline. Sales alerts, webhooks and external
 * calls are operational and bypass them all.
 *
 * The batch's context is read set-based first (`send-context.ts`: people, sent counts, emails
 * already sent); the checks themselves run in memory, one message at a time, with a tally of what
 * the batch is about to send, so that two messages of one batch cannot both squeeze under the
 * same limit.
 */
import { canSend } from '@caravan/core/b2b/consent';
import type { OutboxMessage } from '@caravan/storage/outbox.repository';
import type { CommunicationLimits } from './communication-limits.ts';
import type { BatchContext, SendContext } from './send-context.ts';
import { undeliverableSuppression } from '../reports/undeliverable.ts';
import type { SendOutcome } from './send-outcome.ts';

/** What the dispatcher has let through and not yet settled (in flight or waiting for a slot). */
export interface BatchTally {
  /** `${personId}:${channel}` → messages let through, not yet settled. */
  perPerson: Map<string, number>;
  /** `${journeyId}:${nodeId}:${recipient}` → the enrollment whose email was let through. */
  emails: Map<string, number>;
}

export function newBatchTally(): BatchTally {
  return { perPerson: new Map(), emails: new Map() };
}

type Suppressed = Extract<SendOutcome, { kind: 'suppressed' }>;

const consentMessages: Record<string, string> = {
  EMAIL_OPTED_OUT: 'The person opted out of email.',
  SMS_NOT_OPTED_IN: 'The person has not opted in to SMS.',
  NO_EMAIL_ADDRESS: 'The person has no email address.',
  NO_MOBILE_PHONE: 'The person has no mobile phone number.',
};

function isDuplicate(
  batch: BatchContext,
  message: OutboxMessage,
  address: string,
  tally: BatchTally,
): boolean {
  const { journeyId, nodeId, enrollmentId } = message;
  if (journeyId === null || nodeId === null || enrollmentId === null) return false;
  const inBatch = tally.emails.get(`${journeyId}:${nodeId}:${address.toLowerCase()}`);
  if (inBatch !== undefined && inBatch !== enrollmentId) return true;
  return batch.sentEmailEnrollments(journeyId, nodeId, address).some((id) => id !== enrollmentId);
}

function exceededLimit(
  batch: BatchContext,
  personId: string,
  channel: 'email' | 'sms',
  tally: BatchTally,
): CommunicationLimits[number] | undefined {
  const pending = tally.perPerson.get(`${personId}:${channel}`) ?? 0;
  for (const limit of batch.limits.filter((l) => l.channel === channel)) {
    const sent = batch.sentWithin(personId, channel, limit.per);
    if (sent + pending >= limit.amount) return limit;
  }
  return undefined;
}

/**
 * Whether an email or SMS may go out now; answers the suppression, or undefined to send. A
 * message let through is counted in `tally`.
 */
export function checkSend(
  batch: BatchContext,
  message: OutboxMessage,
  channel: 'email' | 'sms',
  context: SendContext,
  tally: BatchTally,
): Suppressed | undefined {
  const person = context.person;
  if (person === undefined) {
    return { kind: 'suppressed', reason: 'PERSON_NOT_FOUND', message: 'The person is gone.' };
  }
  const consent = canSend(person, channel);
  if (!consent.allowed) {
    const text = consentMessages[consent.reason] ?? consent.reason;
    return { kind: 'suppressed', reason: consent.reason, message: text };
  }
  const undeliverable =
    channel === 'email' && person.email !== null
      ? undeliverableSuppression(person, batch.undeliverable(person.email))
      : undefined;
  if (undeliverable !== undefined) return undeliverable;
  if (channel === 'email' && context.settings?.emailDeduplication === true) {
    const address = person.email ?? '';
    if (isDuplicate(batch, message, address, tally)) {
      return {
        kind: 'suppressed',
        reason: 'DUPLICATE',
        message: `${address} already got this email through another account still in the journey.`,
      };
    }
  }
  const limit = exceededLimit(batch, person.id, channel, tally);
  if (limit !== undefined) {
    return {
      kind: 'suppressed',
      reason: 'COMMUNICATION_LIMIT',
      message: `The limit of ${limit.amount} ${channel} per ${limit.per} for a person is reached.`,
    };
  }
  const keys = tallyKeys(message, channel, person.id, person.email);
  tally.perPerson.set(keys.person, (tally.perPerson.get(keys.person) ?? 0) + 1);
  if (keys.email !== undefined && message.enrollmentId !== null) {
    tally.emails.set(keys.email, message.enrollmentId);
  }
  return undefined;
}

/** The tally entries a message let through occupies until it is settled. */
export interface TallyKeys {
  person: string;
  email?: string;
}

export function tallyKeys(
  message: OutboxMessage,
  channel: 'email' | 'sms',
  personId: string,
  email: string | null | undefined,
): TallyKeys {
  const person = `${personId}:${channel}`;
  if (channel !== 'email' || message.enrollmentId === null) return { person };
  return { person, email: `${message.journeyId}:${message.nodeId}:${(email ?? '').toLowerCase()}` };
}

/**
 * Takes a settled message out of the tally: from now on the database counts it (sent) or it is
 * not sent at all (retried later, dead). A dispatcher that keeps sending while it checks the next
 * batch holds the tally for as long as messages are in flight, not just for one batch.
 */
export function untally(tally: BatchTally, message: OutboxMessage, keys: TallyKeys): void {
  const left = (tally.perPerson.get(keys.person) ?? 0) - 1;
  if (left > 0) tally.perPerson.set(keys.person, left);
  else tally.perPerson.delete(keys.person);
  if (keys.email !== undefined && tally.emails.get(keys.email) === message.enrollmentId) {
    tally.emails.delete(keys.email);
  }
}
