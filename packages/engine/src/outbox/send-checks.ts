/**
 * Checks made when a message is about to go out (SPEC §4 "Effects"), in this order: the person
 * still exists and has an address, consent (email: opted in unless opted out; SMS: only when opted
 * in), email deduplication of the journey, communication limits. A failed check suppresses the
 * message; the dispatcher records the reason on the timeline. Sales alerts, webhooks and external
 * calls are operational and bypass them all.
 *
 * Checks run one message at a time over a claimed batch, with a tally of what the batch is about
 * to send, so that two messages of one batch cannot both squeeze under the same limit.
 */
import { canSend } from '@caravan/core/b2b/consent';
import type { Db } from '@caravan/storage/database';
import {
  countSentOutbox,
  hasActiveDuplicateEmail,
  type OutboxMessage,
} from '@caravan/storage/outbox.repository';
import { windowMs, type CommunicationLimits } from './communication-limits.ts';
import { undeliverableSuppression } from '../reports/undeliverable.ts';
import type { SendContext } from './send-context.ts';
import type { SendOutcome } from './send-outcome.ts';

/** What the batch being checked has already let through. */
export interface BatchTally {
  /** `${personId}:${channel}` → messages let through in this batch. */
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

async function isDuplicate(
  db: Db,
  message: OutboxMessage,
  address: string,
  tally: BatchTally,
): Promise<boolean> {
  const { journeyId, nodeId, enrollmentId } = message;
  if (journeyId === null || nodeId === null || enrollmentId === null) return false;
  const inBatch = tally.emails.get(`${journeyId}:${nodeId}:${address.toLowerCase()}`);
  if (inBatch !== undefined && inBatch !== enrollmentId) return true;
  return hasActiveDuplicateEmail(db, { journeyId, nodeId, recipient: address, enrollmentId });
}

async function exceededLimit(
  db: Db,
  personId: string,
  channel: 'email' | 'sms',
  limits: CommunicationLimits,
  tally: BatchTally,
  now: Date,
): Promise<CommunicationLimits[number] | undefined> {
  const pending = tally.perPerson.get(`${personId}:${channel}`) ?? 0;
  for (const limit of limits.filter((l) => l.channel === channel)) {
    const since = new Date(now.getTime() - windowMs[limit.per]);
    const sent = await countSentOutbox(db, personId, channel, since);
    if (sent + pending >= limit.amount) return limit;
  }
  return undefined;
}

/**
 * Whether an email or SMS may go out now; answers the suppression, or undefined to send. A
 * message let through is counted in `tally`.
 */
export async function checkSend(
  db: Db,
  message: OutboxMessage,
  channel: 'email' | 'sms',
  context: SendContext,
  limits: CommunicationLimits,
  tally: BatchTally,
  now: Date,
): Promise<Suppressed | undefined> {
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
    channel === 'email' ? await undeliverableSuppression(db, person) : undefined;
  if (undeliverable !== undefined) return undeliverable;
  if (channel === 'email' && context.settings?.emailDeduplication === true) {
    const address = person.email ?? '';
    if (await isDuplicate(db, message, address, tally)) {
      return {
        kind: 'suppressed',
        reason: 'DUPLICATE',
        message: `${address} already got this email through another account still in the journey.`,
      };
    }
  }
  const limit = await exceededLimit(db, person.id, channel, limits, tally, now);
  if (limit !== undefined) {
    return {
      kind: 'suppressed',
      reason: 'COMMUNICATION_LIMIT',
      message: `The limit of ${limit.amount} ${channel} per ${limit.per} for a person is reached.`,
    };
  }
  const key = `${person.id}:${channel}`;
  tally.perPerson.set(key, (tally.perPerson.get(key) ?? 0) + 1);
  if (channel === 'email' && message.enrollmentId !== null) {
    const address = (person.email ?? '').toLowerCase();
    tally.emails.set(`${message.journeyId}:${message.nodeId}:${address}`, message.enrollmentId);
  }
  return undefined;
}
