/**
 * What a message needs at send time besides its row: the account and person it is for (their
 * current data: content is rendered, and consent checked, when it is sent, not when it was
 * queued) and the journey's settings (my tokens, email deduplication).
 */
import type { Account } from '@caravan/core/b2b/account';
import type { Person } from '@caravan/core/b2b/person';
import type { JourneySettings } from '@caravan/core/journey/journey';
import { findAccount } from '@caravan/storage/account.repository';
import type { Db } from '@caravan/storage/database';
import { findJourney } from '@caravan/storage/journey.repository';
import type { OutboxMessage } from '@caravan/storage/outbox.repository';
import { findPerson } from '@caravan/storage/person.repository';

export interface SendContext {
  account: Account | undefined;
  person: Person | undefined;
  settings: JourneySettings | undefined;
}

/** Journeys' settings read once per batch (many rows of a batch share a journey). */
export type JourneySettingsCache = Map<string, JourneySettings | undefined>;

async function journeySettings(
  db: Db,
  journeyId: string | null,
  cache: JourneySettingsCache,
): Promise<JourneySettings | undefined> {
  if (journeyId === null) return undefined;
  if (!cache.has(journeyId)) cache.set(journeyId, (await findJourney(db, journeyId))?.settings);
  return cache.get(journeyId);
}

export async function loadSendContext(
  db: Db,
  message: OutboxMessage,
  cache: JourneySettingsCache,
): Promise<SendContext> {
  return {
    account: message.accountId === null ? undefined : await findAccount(db, message.accountId),
    person: message.personId === null ? undefined : await findPerson(db, message.personId),
    settings: await journeySettings(db, message.journeyId, cache),
  };
}
