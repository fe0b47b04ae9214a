/**
 * `AccountFacts` for a batch of accounts at once, for the engine worker: accounts and their people
 * in two queries for the whole batch; buying groups, lists and events only when a condition of
 * the journey needs them (then one indexed query per account each).
 */
import type { AccountFacts } from '@caravan/core/conditions/account-facts';
import { listAccountListIdsOf } from './account-list.repository.ts';
import { toAccount } from './account.mapper.ts';
import { listActivities } from './activity.repository.ts';
import { listAccountBuyingGroups } from './buying-group.repository.ts';
import type { Db } from './database.ts';
import { toPerson } from './person.mapper.ts';

export interface FactsNeeds {
  people: boolean;
  buyingGroups: boolean;
  lists: boolean;
  /** Events in this window, when a rule looks at event history. */
  events?: { since: Date; until: Date; limit: number };
}

const chunk = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += chunk) out.push(items.slice(i, i + chunk));
  return out;
}

/** Facts by account id; an account that does not exist (any more) is absent from the map. */
export async function loadFactsForAccounts(
  db: Db,
  accountIds: readonly string[],
  needs: FactsNeeds,
): Promise<Map<string, AccountFacts>> {
  const facts = new Map<string, AccountFacts>();
  const ids = [...new Set(accountIds)];
  for (const part of chunks(ids)) {
    const rows = await db.selectFrom('accounts').selectAll().where('id', 'in', part).execute();
    for (const row of rows) {
      facts.set(row.id, {
        account: toAccount(row),
        people: [],
        buyingGroups: [],
        listIds: [],
        events: [],
      });
    }
    if (!needs.people) continue;
    const people = await db
      .selectFrom('account_memberships as m')
      .innerJoin('people as p', 'p.id', 'm.person_id')
      .selectAll('p')
      .select(['m.role as membership_role', 'm.account_id as membership_account'])
      .where('m.account_id', 'in', part)
      .orderBy('m.account_id')
      .orderBy('p.id')
      .execute();
    for (const { membership_role, membership_account, ...row } of people) {
      facts.get(membership_account)?.people.push({ ...toPerson(row), role: membership_role });
    }
  }
  if (needs.buyingGroups || needs.lists || needs.events) {
    for (const [accountId, accountFacts] of facts) {
      if (needs.buyingGroups)
        accountFacts.buyingGroups = await listAccountBuyingGroups(db, accountId);
      if (needs.lists) accountFacts.listIds = await listAccountListIdsOf(db, accountId);
      if (needs.events) {
        const activities = await listActivities(db, { accountId, ...needs.events });
        accountFacts.events = activities.map((a) => ({
          type: a.type,
          occurredAt: a.occurredAt,
          personId: a.personId,
          properties: a.properties,
        }));
      }
    }
  }
  return facts;
}
