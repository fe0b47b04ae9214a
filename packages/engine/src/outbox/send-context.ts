/**
 * What a message needs at send time besides its row: the account and person it is for (their
 * current data: content is rendered, and consent checked, when it is sent, not when it was
 * queued) and the journey's settings (my tokens, email deduplication).
 *
 * Loaded for a whole claimed batch at once (`loadBatchContext`): one statement for the accounts,
 * one for the people, one per journey, one per limit window and channel for the communication
 * limits, one per deduplicated email node — not several statements per message.
 */
import {
  findUndeliverableAddresses,
  type Undeliverable,
} from '@caravan/storage/email-undeliverable.repository';
import type { Account } from '@caravan/core/b2b/account';
import type { Person } from '@caravan/core/b2b/person';
import type { JourneySettings } from '@caravan/core/journey/journey';
import type { Db } from '@caravan/storage/database';
import { findJourney } from '@caravan/storage/journey.repository';
import type { OutboxMessage } from '@caravan/storage/outbox.repository';
import {
  countSentOutboxByPerson,
  findAccountsByIds,
  findActiveSentEmails,
  findPeopleByIds,
} from '@caravan/storage/outbox-send-batch.query';
import { windowMs, type CommunicationLimits } from './communication-limits.ts';

export interface SendContext {
  account: Account | undefined;
  person: Person | undefined;
  settings: JourneySettings | undefined;
}

/** A claimed batch's context, read set-based before any check or send. */
export interface BatchContext {
  limits: CommunicationLimits;
  contextOf(message: OutboxMessage): SendContext;
  /** Messages sent to the person on the channel within the limit's window before the batch. */
  sentWithin(personId: string, channel: 'email' | 'sms', per: keyof typeof windowMs): number;
  /** Enrollments that were already sent this email node at this address (lower case). */
  sentEmailEnrollments(journeyId: string, nodeId: string, address: string): readonly number[];
  /** Whether the address bounced hard or complained (`reports/undeliverable.ts`). */
  undeliverable(address: string): Undeliverable | undefined;
}

const nonNull = <T>(values: readonly (T | null)[]): T[] => values.filter((v): v is T => v !== null);

async function journeySettings(db: Db, ids: readonly string[]) {
  const settings = new Map<string, JourneySettings | undefined>();
  for (const id of new Set(ids)) settings.set(id, (await findJourney(db, id))?.settings);
  return settings;
}

async function sentCounts(
  db: Db,
  messages: readonly OutboxMessage[],
  limits: CommunicationLimits,
  now: Date,
): Promise<Map<string, Map<string, number>>> {
  const counts = new Map<string, Map<string, number>>();
  for (const limit of limits) {
    const key = `${limit.channel}:${limit.per}`;
    if (counts.has(key)) continue;
    const people = nonNull(
      messages.filter((m) => m.channel === limit.channel).map((m) => m.personId),
    );
    if (people.length === 0) continue;
    const since = new Date(now.getTime() - windowMs[limit.per]);
    counts.set(key, await countSentOutboxByPerson(db, people, limit.channel, since));
  }
  return counts;
}

async function sentEmails(
  db: Db,
  messages: readonly OutboxMessage[],
  people: Map<string, Person>,
  settings: Map<string, JourneySettings | undefined>,
): Promise<Map<string, number[]>> {
  const byNode = new Map<string, { journeyId: string; nodeId: string; recipients: string[] }>();
  for (const m of messages) {
    if (m.channel !== 'email' || m.journeyId === null || m.nodeId === null) continue;
    if (settings.get(m.journeyId)?.emailDeduplication !== true) continue;
    const address = m.personId === null ? undefined : people.get(m.personId)?.email;
    if (address === undefined || address === null || address === '') continue;
    const key = `${m.journeyId}:${m.nodeId}`;
    const node = byNode.get(key) ?? { journeyId: m.journeyId, nodeId: m.nodeId, recipients: [] };
    node.recipients.push(address);
    byNode.set(key, node);
  }
  const sent = new Map<string, number[]>();
  for (const node of byNode.values()) {
    for (const row of await findActiveSentEmails(db, node)) {
      const key = `${node.journeyId}:${node.nodeId}:${row.recipient}`;
      sent.set(key, [...(sent.get(key) ?? []), row.enrollmentId]);
    }
  }
  return sent;
}

export async function loadBatchContext(
  db: Db,
  messages: readonly OutboxMessage[],
  limits: CommunicationLimits,
  now: Date,
): Promise<BatchContext> {
  const accounts = await findAccountsByIds(db, nonNull(messages.map((m) => m.accountId)));
  const people = await findPeopleByIds(db, nonNull(messages.map((m) => m.personId)));
  const settings = await journeySettings(db, nonNull(messages.map((m) => m.journeyId)));
  const counts = await sentCounts(db, messages, limits, now);
  const emails = await sentEmails(db, messages, people, settings);
  const emailed = messages.filter((m) => m.channel === 'email' && m.personId !== null);
  const undeliverable = await findUndeliverableAddresses(
    db,
    nonNull(emailed.map((m) => people.get(m.personId ?? '')?.email ?? null)),
  );
  return {
    limits,
    contextOf: (m) => ({
      account: m.accountId === null ? undefined : accounts.get(m.accountId),
      person: m.personId === null ? undefined : people.get(m.personId),
      settings: m.journeyId === null ? undefined : settings.get(m.journeyId),
    }),
    sentWithin: (personId, channel, per) => counts.get(`${channel}:${per}`)?.get(personId) ?? 0,
    sentEmailEnrollments: (journeyId, nodeId, address) =>
      emails.get(`${journeyId}:${nodeId}:${address.toLowerCase()}`) ?? [],
    undeliverable: (address) => undeliverable.get(address.trim().toLowerCase()),
  };
}
