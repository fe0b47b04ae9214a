/**
 * Folder `segments/`: account audiences and account lists, and membership evaluation — where an
 * audience or list is re-evaluated, in full or for one changed account. A data folder: may import
 * the other data folders, `entry/` and `runtime/`.
 *
 * Audience and dynamic-list membership: in full (a new or changed rule; set-based in SQL when the
 * condition compiles, in memory over `loadAccountFacts` in pages when it does not) and for one
 * account at a time as its data changes (`reevaluateAccount`, called inside the transaction of
 * the change so that the response already shows the new membership). Entries and exits are
 * recorded as activities by the storage functions.
 */
import type { Condition } from '@caravan/core/conditions/condition';
import { evaluateForAccount } from '@caravan/core/conditions/evaluate';
import { lookbackStart } from '@caravan/core/conditions/lookback';
import { loadAccountFacts, type FactsWindow } from '@caravan/storage/account-facts.repository';
import { listAccounts } from '@caravan/storage/account.repository';
import {
  addAccountListMembers,
  listAccountListMembers,
  listAccountLists,
  removeAccountListMembers,
  type AccountList,
} from '@caravan/storage/account-list.repository';
import {
  addAudienceMember,
  listAudienceIdsOf,
  listAudienceMembers,
  removeAudienceMember,
  replaceAudienceMembers,
} from '@caravan/storage/audience-members.repository';
import { listAudiences, type Audience } from '@caravan/storage/audience.repository';
import { compileAccountCondition } from '@caravan/storage/conditions/condition.sql';
import { findAccountsWithBuyingGroups } from '@caravan/storage/buying-group.repository';
import type { Db } from '@caravan/storage/database';
import { maintainBuyingGroups } from '../buying-groups/buying-group-maintenance.ts';
import { admitNewMembers, enterNewMembersSetBased } from '../entry/journey-entry.ts';

/** How far a full in-memory evaluation has got, for callers that report progress. */
export type Progress = (done: number, total: number) => void;

export interface FullEvaluation {
  entered: number;
  exited: number;
  memberCount: number;
}

const pageSize = 500;

/**
 * In-memory evaluation sees at most this many events per account (newest first). Far above what
 * any rule counts today; an account with more events in the window may be judged on a prefix.
 */
const eventLimit = 10_000;

/** The events every condition needs: back to the longest lookback, or all when one has none. */
export function factsWindow(conditions: readonly Condition[], now: Date): FactsWindow {
  let since = now;
  for (const condition of conditions) {
    for (const rule of condition.rules) {
      if (rule.kind !== 'eventHistory') continue;
      const start = rule.lookback ? lookbackStart(rule.lookback, now) : new Date(0);
      if (start < since) since = start;
    }
  }
  return { eventsSince: since, eventsUntil: now, eventLimit };
}

/** Every id of a paged listing, page by page. */
async function collectAll<T>(
  page: (limit: number, offset: number) => Promise<{ items: T[]; total: number }>,
): Promise<T[]> {
  const all: T[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const { items } = await page(pageSize, offset);
    all.push(...items);
    if (items.length < pageSize) return all;
  }
}

/** The ids of the accounts matching `condition`, evaluated in memory account by account. */
async function matchInMemory(
  db: Db,
  condition: Condition,
  now: Date,
  progress?: Progress,
): Promise<string[]> {
  const window = factsWindow([condition], now);
  const matching: string[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const { items, total } = await listAccounts(db, { limit: pageSize, offset });
    for (const account of items) {
      const facts = await loadAccountFacts(db, account.id, window);
      if (facts && evaluateForAccount(condition, facts, now).matched) matching.push(account.id);
    }
    progress?.(Math.min(offset + items.length, total), total);
    if (items.length < pageSize) return matching;
  }
}

/** The ids of every account matching `condition`: in SQL when it compiles, else in memory. */
export async function matchingAccountIds(
  db: Db,
  condition: Condition,
  now: Date,
  progress?: Progress,
): Promise<string[]> {
  const compiled = compileAccountCondition(db, condition, now);
  if (!compiled.ok) return matchInMemory(db, condition, now, progress);
  const rows = await db.selectFrom('accounts').select('id').where(compiled.value).execute();
  progress?.(rows.length, rows.length);
  return rows.map((row) => row.id);
}

async function audienceMemberIds(db: Db, audienceId: string): Promise<string[]> {
  return collectAll(async (limit, offset) => {
    const page = await listAudienceMembers(db, audienceId, { limit, offset });
    return { items: page.accountIds, total: page.total };
  });
}

async function listMemberIds(db: Db, listId: string): Promise<string[]> {
  return collectAll(async (limit, offset) => {
    const page = await listAccountListMembers(db, listId, { limit, offset });
    return { items: page.accountIds, total: page.total };
  });
}

/** Makes the audience's members exactly the matching accounts; set-based where SQL allows. */
export async function evaluateAudienceInFull(
  db: Db,
  audience: Pick<Audience, 'id' | 'condition'>,
  now: Date,
  progress?: Progress,
): Promise<FullEvaluation> {
  const compiled = compileAccountCondition(db, audience.condition, now);
  if (compiled.ok) {
    const done = await replaceAudienceMembers(db, audience.id, compiled.value, now);
    if (done.entered > 0)
      await enterNewMembersSetBased(db, { kind: 'audience', id: audience.id }, now);
    progress?.(done.total, done.total);
    return { entered: done.entered, exited: done.exited, memberCount: done.total };
  }
  const matching = new Set(await matchInMemory(db, audience.condition, now, progress));
  const current = new Set(await audienceMemberIds(db, audience.id));
  let entered = 0;
  let exited = 0;
  for (const id of matching) {
    if (!current.has(id) && (await addAudienceMember(db, audience.id, id, now))) entered += 1;
  }
  if (entered > 0) await enterNewMembersSetBased(db, { kind: 'audience', id: audience.id }, now);
  for (const id of current) {
    if (!matching.has(id) && (await removeAudienceMember(db, audience.id, id, now))) exited += 1;
  }
  // A no-op replacement (members stay members) that stamps evaluatedAt and the count.
  const stamped = await replaceAudienceMembers(
    db,
    audience.id,
    (eb) =>
      eb.exists(
        eb
          .selectFrom('audience_members as kept')
          .select('kept.account_id')
          .where('kept.audience_id', '=', audience.id)
          .whereRef('kept.account_id', '=', 'accounts.id'),
      ),
    now,
  );
  return { entered, exited, memberCount: stamped.total };
}

/** Makes a dynamic list's members exactly the accounts matching its condition. */
export async function evaluateListInFull(
  db: Db,
  list: Pick<AccountList, 'id' | 'condition'>,
  now: Date,
  progress?: Progress,
): Promise<FullEvaluation> {
  const current = await listMemberIds(db, list.id);
  if (list.condition === null) return { entered: 0, exited: 0, memberCount: current.length };
  const matching = new Set(await matchingAccountIds(db, list.condition, now, progress));
  const currentSet = new Set(current);
  const entering = [...matching].filter((id) => !currentSet.has(id));
  const leaving = current.filter((id) => !matching.has(id));
  const entered = await addAccountListMembers(db, list.id, entering, now);
  await admitNewMembers(db, { kind: 'accountList', id: list.id }, entered, now);
  const exited = await removeAccountListMembers(db, list.id, leaving, now);
  if (entered.length + exited.length > 0) await reevaluateAudiencesUsingList(db, list.id, now);
  return { entered: entered.length, exited: exited.length, memberCount: matching.size };
}

export async function allAudiences(db: Db): Promise<Audience[]> {
  return collectAll((limit, offset) => listAudiences(db, { limit, offset }));
}

/**
 * Re-evaluates in full (set-based) every audience with a membership rule on the list: after a
 * list changed many members at once, or was deleted. Cheaper than account by account.
 */
export async function reevaluateAudiencesUsingList(
  db: Db,
  listId: string,
  now: Date,
): Promise<void> {
  for (const audience of await allAudiences(db)) {
    const uses = audience.condition.rules.some(
      (rule) => rule.kind === 'listMembership' && rule.listId === listId,
    );
    if (uses) await evaluateAudienceInFull(db, audience, now);
  }
}

/**
 * Whether any audience or live dynamic list exists, in one statement: what a bulk write (the CSV
 * import, per batch) asks before re-evaluating the accounts it touched.
 */
export async function hasMembershipRules(db: Db): Promise<boolean> {
  const row = await db
    .selectNoFrom((eb) =>
      eb
        .or([
          eb.exists(eb.selectFrom('audiences').select('id')),
          eb.exists(
            eb
              .selectFrom('account_lists')
              .select('id')
              .where('kind', '=', 'dynamic')
              .where('status', '=', 'live')
              .where('condition', 'is not', null),
          ),
        ])
        .as('any'),
    )
    .executeTakeFirst();
  return Boolean(row?.any);
}

export async function liveDynamicLists(db: Db): Promise<AccountList[]> {
  const lists = await collectAll((limit, offset) => listAccountLists(db, { limit, offset }));
  return lists.filter((l) => l.kind === 'dynamic' && l.status === 'live' && l.condition !== null);
}

export interface AccountReevaluation {
  enteredAudiences: string[];
  exitedAudiences: string[];
  enteredLists: string[];
  exitedLists: string[];
}

/** The audiences and live dynamic lists an account is evaluated against. */
export interface MembershipRules {
  audiences: Audience[];
  lists: AccountList[];
  /**
   * The accounts (of those to re-evaluate) that have buying groups, when known: the others have
   * none to maintain and are not asked one by one.
   */
  withBuyingGroups?: ReadonlySet<string>;
}

async function loadMembershipRules(db: Db): Promise<MembershipRules> {
  return { audiences: await allAudiences(db), lists: await liveDynamicLists(db) };
}

/**
 * Re-evaluates every audience and every live dynamic list for one account, in memory over its
 * facts loaded once, and adds or removes its memberships. Lists go first: an audience may have a
 * list-membership rule. For now every audience and list is evaluated, not only those whose rules
 * mention what changed. Run it in the transaction of the change.
 */
export async function reevaluateAccount(
  db: Db,
  accountId: string,
  now: Date,
  rules?: MembershipRules,
): Promise<AccountReevaluation> {
  const done: AccountReevaluation = {
    enteredAudiences: [],
    exitedAudiences: [],
    enteredLists: [],
    exitedLists: [],
  };
  // Buying groups first: audiences and lists may test them.
  if (rules?.withBuyingGroups?.has(accountId) !== false) {
    await maintainBuyingGroups(db, accountId, now);
  }
  const { audiences, lists } = rules ?? (await loadMembershipRules(db));
  if (audiences.length === 0 && lists.length === 0) return done;
  const conditions = [
    ...audiences.map((a) => a.condition),
    ...lists.flatMap((l) => l.condition ?? []),
  ];
  const facts = await loadAccountFacts(db, accountId, factsWindow(conditions, now));
  if (!facts) return done;
  for (const list of lists) {
    if (list.condition === null) continue;
    const matched = evaluateForAccount(list.condition, facts, now).matched;
    const isMember = facts.listIds.includes(list.id);
    if (matched && !isMember) {
      await addAccountListMembers(db, list.id, [accountId], now);
      facts.listIds = [...facts.listIds, list.id];
      done.enteredLists.push(list.id);
      await admitNewMembers(db, { kind: 'accountList', id: list.id }, [accountId], now);
    } else if (!matched && isMember) {
      await removeAccountListMembers(db, list.id, [accountId], now);
      facts.listIds = facts.listIds.filter((id) => id !== list.id);
      done.exitedLists.push(list.id);
    }
  }
  const memberOf = new Set(await listAudienceIdsOf(db, accountId));
  for (const audience of audiences) {
    const matched = evaluateForAccount(audience.condition, facts, now).matched;
    if (matched && !memberOf.has(audience.id)) {
      if (await addAudienceMember(db, audience.id, accountId, now)) {
        done.enteredAudiences.push(audience.id);
        await admitNewMembers(db, { kind: 'audience', id: audience.id }, [accountId], now);
      }
    } else if (!matched && memberOf.has(audience.id)) {
      if (await removeAudienceMember(db, audience.id, accountId, now)) {
        done.exitedAudiences.push(audience.id);
      }
    }
  }
  return done;
}

/** Re-evaluates each distinct account once (e.g. all accounts an event batch touched). */
export async function reevaluateAccounts(
  db: Db,
  accountIds: Iterable<string>,
  now: Date,
): Promise<void> {
  const unique = new Set(accountIds);
  if (unique.size === 0) return;
  // Loaded once for the set: re-evaluating an account changes memberships, never the rules.
  const rules = {
    ...(await loadMembershipRules(db)),
    withBuyingGroups: await findAccountsWithBuyingGroups(db, [...unique]),
  };
  for (const accountId of unique) await reevaluateAccount(db, accountId, now, rules);
}
