/**
 * Loads core `AccountFacts` — an account with its people, buying groups, lists and recent events —
 * for in-memory condition evaluation (splits, auto-assignment, explanations). Each part is one
 * indexed query by account id.
 */
import type { AccountFacts } from '@caravan/core/conditions/account-facts';
import { listAccountListIdsOf } from './account-list.repository.ts';
import { listAccountPeople } from './account-membership.repository.ts';
import { findAccount } from './account.repository.ts';
import { listActivities } from './activity.repository.ts';
import { listAccountBuyingGroups } from './buying-group.repository.ts';
import type { Db } from './database.ts';

export interface FactsWindow {
  /** Events that occurred at or after this instant (the longest lookback the caller needs). */
  eventsSince: Date;
  /** Events at or before this instant (normally now). */
  eventsUntil: Date;
  /** At most this many events, newest first. */
  eventLimit: number;
}

/** Undefined when the account does not exist. */
export async function loadAccountFacts(
  db: Db,
  accountId: string,
  window: FactsWindow,
): Promise<AccountFacts | undefined> {
  const account = await findAccount(db, accountId);
  if (account === undefined) return undefined;
  const activities = await listActivities(db, {
    accountId,
    since: window.eventsSince,
    until: window.eventsUntil,
    limit: window.eventLimit,
  });
  return {
    account,
    people: await listAccountPeople(db, accountId),
    buyingGroups: await listAccountBuyingGroups(db, accountId),
    listIds: await listAccountListIdsOf(db, accountId),
    events: activities.map((a) => ({
      type: a.type,
      occurredAt: a.occurredAt,
      personId: a.personId,
      properties: a.properties,
    })),
  };
}
