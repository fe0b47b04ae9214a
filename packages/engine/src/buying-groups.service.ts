/**
 * Buying groups (SPEC §5): created per (solution interest, account) in the model's entry stage
 * with members auto-assigned by the template, then changed by hand. Every change runs in one
 * transaction that also recomputes completeness and records what happened as activities.
 */
import type { BuyingGroup, BuyingGroupMember, MemberSource } from '@caravan/core/b2b/buying-group';
import { withMembers } from '@caravan/core/b2b/buying-group';
import { applyAutoAssignment, assignMember, removeMember } from '@caravan/core/b2b/role-assignment';
import type { RoleTemplate } from '@caravan/core/b2b/role-template';
import type { SolutionInterest } from '@caravan/core/b2b/solution-interest';
import { canTransition, entryStage, type StageModel } from '@caravan/core/b2b/stage-model';
import { err, ok, type Result } from '@caravan/core/result';
import { loadAccountFacts } from '@caravan/storage/account-facts.repository';
import { listAudienceMembers } from '@caravan/storage/audience-members.repository';
import { findAudience } from '@caravan/storage/audience.repository';
import { listAccountPeople } from '@caravan/storage/account-membership.repository';
import { recordActivities } from '@caravan/storage/activity.repository';
import {
  findBuyingGroup,
  findBuyingGroupFor,
  insertBuyingGroup,
  listAccountBuyingGroups,
  listBuyingGroups as listBuyingGroupRows,
  replaceBuyingGroupMembers,
  updateBuyingGroup,
} from '@caravan/storage/buying-group.repository';
import type { Db } from '@caravan/storage/database';
import { findPerson } from '@caravan/storage/person.repository';
import { findRoleTemplate } from '@caravan/storage/role-template.repository';
import { findSolutionInterest } from '@caravan/storage/solution-interest.repository';
import { findStageModel } from '@caravan/storage/stage-model.repository';
import type { DataDeps } from './attribute-definitions.service.ts';
import { decodePageCursor, defaultPageSize, nextPageCursor } from './page-cursor.ts';
import {
  groupActivity,
  groupError,
  interestNotFound,
  type GroupError,
} from './solution-interests.service.ts';
import { reevaluateAccount } from './membership-evaluation.ts';
import { inTransaction } from './transaction.ts';

export interface BuyingGroupPage {
  items: BuyingGroup[];
  total: number;
  nextCursor: string | null;
}

export interface BuyingGroupListQuery {
  solutionInterestId?: string | undefined;
  accountId?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** Auto-assignment conditions may look back at events; 90 days covers the usual lookbacks. */
export const factsLookbackMs = 90 * 24 * 60 * 60 * 1000;
export const factsEventLimit = 1000;

const groupNotFound = (id: string) =>
  groupError('BUYING_GROUP_NOT_FOUND', `No buying group has the id ${id}.`);

export interface GroupSetting {
  interest: SolutionInterest;
  template: RoleTemplate;
  model: StageModel;
}

/** The interest with its template and model; the latter two exist while the interest does. */
export async function loadSetting(db: Db, interestId: string): Promise<GroupSetting | undefined> {
  const interest = await findSolutionInterest(db, interestId);
  if (interest === undefined) return undefined;
  const template = await findRoleTemplate(db, interest.roleTemplateId);
  const model = await findStageModel(db, interest.stageModelId);
  if (template === undefined || model === undefined) {
    throw new Error(`Solution interest ${interestId} refers to a missing template or model.`);
  }
  return { interest, template, model };
}

/**
 * Activities for going from `before` to `after` members: who was assigned (or got another role),
 * who was removed, and the completeness score when it moved.
 */
export function membershipActivities(
  before: BuyingGroup,
  after: BuyingGroup,
  now: Date,
  by: MemberSource,
) {
  const previous = new Map(before.members.map((m) => [m.personId, m]));
  const current = new Set(after.members.map((m) => m.personId));
  const activities = [];
  for (const m of after.members) {
    const old = previous.get(m.personId);
    if (old?.role === m.role) continue;
    activities.push(
      groupActivity(after, 'assignedToBuyingGroup', now, m.personId, {
        role: m.role,
        source: m.source,
        previousRole: old?.role ?? null,
      }),
    );
  }
  for (const m of before.members) {
    if (current.has(m.personId)) continue;
    activities.push(
      groupActivity(after, 'removedFromBuyingGroup', now, m.personId, {
        role: m.role,
        source: m.source,
        // Maintenance reads this: a person removed by hand is not auto-assigned again.
        removedBy: by,
      }),
    );
  }
  if (before.completenessScore !== after.completenessScore) {
    activities.push(
      groupActivity(after, 'completenessScoreChanged', now, null, {
        old: before.completenessScore,
        new: after.completenessScore,
      }),
    );
  }
  return activities;
}

/** Stores new members with their completeness and records the change, inside `trx`. */
export async function storeMembers(
  trx: Db,
  before: BuyingGroup,
  template: RoleTemplate,
  members: readonly BuyingGroupMember[],
  now: Date,
  by: MemberSource,
): Promise<BuyingGroup> {
  const next = withMembers(before, template, members);
  const stored = await replaceBuyingGroupMembers(
    trx,
    before.id,
    next.members,
    next.completenessScore,
    now,
  );
  if (!stored.ok) throw new Error(`Buying group ${before.id} vanished while being written.`);
  await recordActivities(trx, membershipActivities(before, stored.value, now, by));
  // Audiences and lists may have buying-group rules: the account moves in the same transaction.
  await reevaluateAccount(trx, before.accountId, now);
  return stored.value;
}

export async function listBuyingGroups(
  deps: DataDeps,
  query: BuyingGroupListQuery,
): Promise<Result<BuyingGroupPage, GroupError>> {
  const key = `${query.solutionInterestId ?? ''}|${query.accountId ?? ''}`;
  const offset = decodePageCursor(query.cursor, key);
  if (!offset.ok) return err(groupError('INVALID_CURSOR', offset.error.message));
  const limit = query.limit ?? defaultPageSize;
  const db = deps.database.db;
  let page: { items: BuyingGroup[]; total: number };
  if (query.accountId !== undefined) {
    // An account has one group per interest, so its groups are few: filter and page in memory.
    const all = (await listAccountBuyingGroups(db, query.accountId)).filter(
      (g) =>
        query.solutionInterestId === undefined || g.solutionInterestId === query.solutionInterestId,
    );
    page = { items: all.slice(offset.value, offset.value + limit), total: all.length };
  } else {
    page = await listBuyingGroupRows(db, {
      ...(query.solutionInterestId !== undefined && {
        solutionInterestId: query.solutionInterestId,
      }),
      limit,
      offset: offset.value,
    });
  }
  return ok({
    ...page,
    nextCursor: nextPageCursor(offset.value, page.items.length, page.total, key),
  });
}

export async function getBuyingGroup(
  deps: DataDeps,
  id: string,
): Promise<Result<BuyingGroup, GroupError>> {
  const group = await findBuyingGroup(deps.database.db, id);
  return group ? ok(group) : err(groupNotFound(id));
}

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
 */
export async function createBuyingGroupsForAudience(
  deps: DataDeps,
  solutionInterestId: string,
  audienceId: string,
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
  for (let start = 0; start < ids.length; start += audiencePageSize) {
    const page = ids.slice(start, start + audiencePageSize);
    const done = await createPage(deps, solutionInterestId, page, counts, now);
    if (!done.ok) return done;
  }
  return ok(counts);
}

/** The group with its interest's template and model, inside `trx`. */
export async function loadGroup(
  trx: Db,
  id: string,
): Promise<Result<{ group: BuyingGroup; setting: GroupSetting }, GroupError>> {
  const group = await findBuyingGroup(trx, id);
  if (group === undefined) return err(groupNotFound(id));
  const setting = await loadSetting(trx, group.solutionInterestId);
  if (setting === undefined) return err(groupNotFound(id));
  return ok({ group, setting });
}

/** Checks that the person may be a member: exists and belongs to the group's account. */
async function checkPerson(
  trx: Db,
  accountId: string,
  personId: string,
): Promise<GroupError | undefined> {
  const people = await listAccountPeople(trx, accountId);
  if (people.some((p) => p.id === personId)) return undefined;
  if ((await findPerson(trx, personId)) === undefined) {
    return groupError('PERSON_NOT_FOUND', `No person has the id ${personId}.`);
  }
  return groupError(
    'PERSON_NOT_IN_ACCOUNT',
    `Person ${personId} does not belong to the group's account ${accountId}.`,
  );
}

/**
 * Assigns a role by hand (source manual): it replaces any automatic or journey assignment of the
 * person, and no later automatic run or journey replaces it.
 */
export async function assignBuyingGroupMember(
  deps: DataDeps,
  groupId: string,
  personId: string,
  role: string,
): Promise<Result<BuyingGroup, GroupError>> {
  const now = deps.clock.now();
  return inTransaction(deps.database, async (trx: Db) => {
    const loaded = await loadGroup(trx, groupId);
    if (!loaded.ok) return loaded;
    const { group, setting } = loaded.value;
    if (!setting.template.roles.some((r) => r.name === role)) {
      const names = setting.template.roles.map((r) => r.name).join(', ');
      return err(
        groupError('ROLE_NOT_IN_TEMPLATE', `The role "${role}" is not in the template (${names}).`),
      );
    }
    const personProblem = await checkPerson(trx, group.accountId, personId);
    if (personProblem) return err(personProblem);
    const { members } = assignMember(group.members, { personId, role, source: 'manual' });
    return ok(await storeMembers(trx, group, setting.template, members, now, 'manual'));
  });
}

export async function removeBuyingGroupMember(
  deps: DataDeps,
  groupId: string,
  personId: string,
): Promise<Result<BuyingGroup, GroupError>> {
  const now = deps.clock.now();
  return inTransaction(deps.database, async (trx: Db) => {
    const loaded = await loadGroup(trx, groupId);
    if (!loaded.ok) return loaded;
    const { group, setting } = loaded.value;
    // Manual is the highest source, so a person who is a member is always removed.
    const { members, removed } = removeMember(group.members, personId, 'manual');
    if (!removed) {
      return err(
        groupError(
          'BUYING_GROUP_MEMBER_NOT_FOUND',
          `Person ${personId} is not a member of buying group ${groupId}.`,
        ),
      );
    }
    return ok(await storeMembers(trx, group, setting.template, members, now, 'manual'));
  });
}

export interface BuyingGroupChange {
  stage?: string | undefined;
  status?: string | null | undefined;
}

function refuseStage(model: StageModel, from: string, to: string): GroupError | undefined {
  if (from === to || canTransition(model, from, to)) return undefined;
  const known = model.stages.some((s) => s.name === to);
  return groupError(
    'STAGE_TRANSITION_NOT_ALLOWED',
    known
      ? `The stage model "${model.name}" does not allow moving from "${from}" to "${to}".`
      : `The stage model "${model.name}" has no stage "${to}".`,
  );
}

/** Moves the group to another stage (when the model allows it) and/or sets its status, in `trx`. */
export async function changeBuyingGroupIn(
  trx: Db,
  now: Date,
  groupId: string,
  change: BuyingGroupChange,
): Promise<Result<BuyingGroup, GroupError>> {
  const loaded = await loadGroup(trx, groupId);
  if (!loaded.ok) return loaded;
  const { group, setting } = loaded.value;
  const stage = change.stage ?? group.stage;
  const refused = refuseStage(setting.model, group.stage, stage);
  if (refused) return err(refused);
  const status = change.status === undefined ? group.status : change.status;
  const activities = [];
  if (stage !== group.stage) {
    activities.push(
      groupActivity(group, 'buyingGroupStageChanged', now, null, {
        old: group.stage,
        new: stage,
      }),
    );
  }
  if (status !== group.status) {
    activities.push(
      groupActivity(group, 'buyingGroupStatusChanged', now, null, {
        old: group.status,
        new: status,
      }),
    );
  }
  if (activities.length === 0) return ok(group);
  const updated = await updateBuyingGroup(trx, groupId, { stage, status }, now);
  if (!updated.ok) return err(groupNotFound(groupId));
  await recordActivities(trx, activities);
  await reevaluateAccount(trx, group.accountId, now);
  return ok(updated.value);
}

/** Moves the group to another stage (when the model allows it) and/or sets its status. */
export async function changeBuyingGroup(
  deps: DataDeps,
  groupId: string,
  change: BuyingGroupChange,
): Promise<Result<BuyingGroup, GroupError>> {
  const now = deps.clock.now();
  return inTransaction(deps.database, (trx: Db) => changeBuyingGroupIn(trx, now, groupId, change));
}
