/**
 * What the dispatcher reads for a whole claimed batch at once (set-based, a few statements per
 * batch instead of several per message): the accounts and people the messages are for, how many
 * messages each person was sent on a channel since a moment (communication limits), and which
 * recipients of an email node were already sent to for another still-active enrollment (email
 * deduplication). Ids are read in chunks so that SQLite's bound-parameter limit is never reached.
 */
import type { Account } from '@caravan/core/b2b/account';
import type { Person } from '@caravan/core/b2b/person';
import type { OutboxChannel } from '@caravan/core/engine/outbox';
import { sql } from 'kysely';
import { toAccount } from './account.mapper.ts';
import { toTimestamp } from './column-types.ts';
import type { Db } from './database.ts';
import { toPerson } from './person.mapper.ts';

const chunkSize = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += chunkSize) out.push(items.slice(i, i + chunkSize));
  return out;
}

export async function findAccountsByIds(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, Account>> {
  const found = new Map<string, Account>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await db.selectFrom('accounts').selectAll().where('id', 'in', part).execute();
    for (const row of rows) found.set(row.id, toAccount(row));
  }
  return found;
}

export async function findPeopleByIds(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, Person>> {
  const found = new Map<string, Person>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await db.selectFrom('people').selectAll().where('id', 'in', part).execute();
    for (const row of rows) found.set(row.id, toPerson(row));
  }
  return found;
}

/** Messages sent to each of `personIds` on `channel` at or after `since`; absent = none. */
export async function countSentOutboxByPerson(
  db: Db,
  personIds: readonly string[],
  channel: OutboxChannel,
  since: Date,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const part of chunks([...new Set(personIds)])) {
    const rows = await db
      .selectFrom('outbox')
      .select((eb) => ['person_id', eb.fn.countAll<number>().as('count')])
      .where('person_id', 'in', part)
      .where('channel', '=', channel)
      .where('status', '=', 'sent')
      .where('sent_at', '>=', toTimestamp(since))
      .groupBy('person_id')
      .execute();
    for (const row of rows) {
      if (row.person_id !== null) counts.set(row.person_id, Number(row.count));
    }
  }
  return counts;
}

/** One email of a node already sent to a recipient (lower case) for an active enrollment. */
export interface SentEmail {
  recipient: string;
  enrollmentId: number;
}

/**
 * The emails of node `nodeId` of journey `journeyId` sent to any of `recipients` (compared
 * ignoring case) for enrollments that are still active.
 */
export async function findActiveSentEmails(
  db: Db,
  q: { journeyId: string; nodeId: string; recipients: readonly string[] },
): Promise<SentEmail[]> {
  const found: SentEmail[] = [];
  const lower = [...new Set(q.recipients.map((r) => r.toLowerCase()))];
  for (const part of chunks(lower)) {
    const rows = await db
      .selectFrom('outbox')
      .innerJoin('enrollments', 'enrollments.id', 'outbox.enrollment_id')
      .select(['outbox.recipient', 'outbox.enrollment_id'])
      .where('outbox.journey_id', '=', q.journeyId)
      .where('outbox.node_id', '=', q.nodeId)
      .where('outbox.channel', '=', 'email')
      .where('outbox.status', '=', 'sent')
      .where(sql`lower(outbox.recipient)`, 'in', part)
      .where('enrollments.status', '=', 'active')
      .execute();
    for (const row of rows) {
      if (row.recipient === null || row.enrollment_id === null) continue;
      found.push({
        recipient: row.recipient.toLowerCase(),
        enrollmentId: Number(row.enrollment_id),
      });
    }
  }
  return found;
}
