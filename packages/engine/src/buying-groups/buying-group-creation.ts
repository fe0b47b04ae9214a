/**
 * Creating buying groups (SPEC §5): one per (solution interest, account) in the model's entry
 * stage with members auto-assigned by the template — for a list of accounts in one transaction,
 * or for every member of an audience in pages.
 */
import type { BuyingGroup } from '@caravan/core/b2b/buying-group';
import { applyAutoAssignment } from '@caravan/core/b2b/role-assignment';
import { entryStage } from '@caravan/core/b2b/stage-model';
import { err, ok, type Result } from '@caravan/core/result';
import { loadAccountFacts } from '@caravan/storage/account-facts.repository';
import { listAudienceMembers } from '@caravan/storage/audience-members.repository';
import { findAudience } from '@caravan/storage/audience.repository';
import { findBuyingGroupFor, insertBuyingGroup } from '@caravan/storage/buying-group.repository';
import type { Db } from '@caravan/storage/database';
import { findSolutionInterest } from '@caravan/storage/solution-interest.repository';
import type { DataDeps } from '../data/attribute-definitions.service.ts';
import { inTransaction } from '../runtime/transaction.ts';
import { reevaluateAccount } from '../segments/membership-evaluation.ts';
import {
  factsEventLimit,
  factsLookbackMs,
  loadSetting,
  type GroupSetting,
} from './buying-group-members.ts';
import { storeMembers } from './buying-groups.service.ts';
import { groupError, interestNotFound, type GroupError } from './solution-interests.service.ts';

export interface CreatedBuyingGroups {
  /** The groups made now, in the order of the account ids. */
  created: BuyingGroup[];
  /** Groups the accounts already had for the interest; left as they were. */
  existing: BuyingGroup[];
}

/** One account's new group: entry stage, auto-assigned members, completeness computed. */
async function createOne(
  trx: Db,
  setting: GroupSetting,
  accountId: string,
  now: Date,
): Promise<Result<{ group: BuyingGroup; created: boolean }, GroupError>> {
  const facts = await loadAccountFacts(trx, accountId, {
    eventsSince: new Date(now.getTime() - factsLookbackMs),
    eventsUntil: now,
    eventLimit: factsEventLimit,
  });
  if (facts === undefined) {
    return err(groupError('ACCOUNT_NOT_FOUND', `No account has the id ${accountId}.`));
  }
  const existing = facts.buyingGroups.find((g) => g.solutionInterestId === setting.interest.id);
  if (existing !== undefined) return ok({ group: existing, created: false });
  const inserted = await insertBuyingGroup(trx, {
    id: crypto.randomUUID(),
    solutionInterestId: setting.interest.id,
    accountId,
    stage: entryStage(setting.model).name,
    status: null,
    completenessScore: 0,
    engagementScore: 0,
    now,
  });
  if (!inserted.ok) {
    // Another request made the group (or removed the account) since the facts were read.
    const raced = await findBuyingGroupFor(trx, setting.interest.id, accountId);
    if (raced !== undefined) return ok({ group: raced, created: false });
    return err(groupError('ACCOUNT_NOT_FOUND', inserted.error.message));
  }
  const assigned = applyAutoAssignment(inserted.value, setting.template, facts, now);
  const group = await storeMembers(
    trx,
    inserted.value,
    setting.template,
    assigned.members,
    now,
    'automatic',
  );
  return ok({ group, created: true });
}

/**
 * Creates the groups of the interest for the accounts, all or nothing: an unknown account rolls
 * every group back (ACCOUNT_NOT_FOUND). Accounts that already have a group keep it as it is.
 */
export async function createBuyingGroups(
  deps: DataDeps,
  solutionInterestId: string,
  accountIds: readonly string[],
): Promise<Result<CreatedBuyingGroups, GroupError>> {
  const now = deps.clock.now();
  return inTransaction(deps.database, async (trx: Db) => {
    const setting = await loadSetting(trx, solutionInterestId);
    if (setting === undefined) return err(interestNotFound(solutionInterestId));
    const outcome: CreatedBuyingGroups = { created: [], existing: [] };
    for (const accountId of new Set(accountIds)) {
      const one = await createOne(trx, setting, accountId, now);
      if (!one.ok) return one;
      (one.value.created ? outcome.created : outcome.existing).push(one.value.group);
    }
    for (const group of outcome.created) await reevaluateAccount(trx, group.accountId, now);
    return ok(outcome);
  });
}

export interface CreatedFromAudience {
  created: number;
  existing: number;
}

export type AudienceGroupError = GroupError | { code: 'AUDIENCE_NOT_FOUND'; message: string };

const audiencePageSize = 500;

/** Every member id of the audience now, read in pages. */
async function audienceSnapshot(db: Db, audienceId: string): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += audiencePageSize) {
    const page = await listAudienceMembers(db, audienceId, { limit: audiencePageSize, offset });
    ids.push(...page.accountIds);
    if (page.accountIds.length < audiencePageSize) return ids;
  }
}

/** One page of accounts in one transaction; an account deleted meanwhile is skipped. */
async function createPage(
  deps: DataDeps,
  interestId: string,
  accountIds: readonly string[],
  counts: CreatedFromAudience,
  now: Date,
): Promise<Result<true, GroupError>> {
  return inTransaction(deps.database, async (trx: Db) => {
    const setting = await loadSetting(trx, interestId);
    if (setting === undefined) return err(interestNotFound(interestId));
    for (const accountId of accountIds) {
      const one = await createOne(trx, setting, accountId, now);
      if (one.ok) counts[one.value.created ? 'created' : 'existing'] += 1;
    }
    return ok(true as const);
  });
}

/**
 * The creation job over an audience: groups for every member, in pages of 500 accounts, each
 * page one transaction (a failure keeps the pages before it). Answers counts, not groups: an
 * audience may hold far more accounts than one response should carry. The members are read
 * first, because creating groups re-evaluates accounts and may move them in or out of it.
 * `onProgress` hears the counts after each page, of `total` members.
 */
export async function createBuyingGroupsForAudience(
  deps: DataDeps,
  solutionInterestId: string,
  audienceId: string,
  onProgress?: (counts: CreatedFromAudience, processed: number, total: number) => void,
): Promise<Result<CreatedFromAudience, AudienceGroupError>> {
  const now = deps.clock.now();
  const db = deps.database.db;
  if ((await findSolutionInterest(db, solutionInterestId)) === undefined) {
    return err(interestNotFound(solutionInterestId));
  }
  if ((await findAudience(db, audienceId)) === undefined) {
    return err({ code: 'AUDIENCE_NOT_FOUND', message: `No audience has the id ${audienceId}.` });
  }
  const ids = await audienceSnapshot(db, audienceId);
  const counts: CreatedFromAudience = { created: 0, existing: 0 };
  onProgress?.({ ...counts }, 0, ids.length);
  for (let start = 0; start < ids.length; start += audiencePageSize) {
    const page = ids.slice(start, start + audiencePageSize);
    const done = await createPage(deps, solutionInterestId, page, counts, now);
    if (!done.ok) return done;
    onProgress?.({ ...counts }, start + page.length, ids.length);
  }
  return ok(counts);
}
