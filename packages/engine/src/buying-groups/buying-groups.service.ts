/**
 * Folder `buying-groups/`: solution interests, role templates, stage models, buying groups
 * (creation, hand-made changes, automatic maintenance) and engagement scores. A data folder: may
 * import the other data folders, `entry/` and `runtime/`.
 *
 * Buying groups (SPEC §5) as people change them by hand: list and read, assign and remove members,
 * move the stage or set the status. Every change runs in one transaction that also recomputes
 * completeness, records what happened as activities and re-evaluates the account. Creation is in
 * `buying-group-creation.ts`, automatic maintenance in `buying-group-maintenance.ts`.
 */
import type { BuyingGroup, BuyingGroupMember, MemberSource } from '@caravan/core/b2b/buying-group';
import { withMembers } from '@caravan/core/b2b/buying-group';
import { assignMember, removeMember } from '@caravan/core/b2b/role-assignment';
import type { RoleTemplate } from '@caravan/core/b2b/role-template';
import { canTransition, type StageModel } from '@caravan/core/b2b/stage-model';
import { err, ok, type Result } from '@caravan/core/result';
import { listAccountPeople } from '@caravan/storage/account-membership.repository';
import { recordActivities } from '@caravan/storage/activity.repository';
import {
  findBuyingGroup,
  listAccountBuyingGroups,
  listBuyingGroups as listBuyingGroupRows,
  replaceBuyingGroupMembers,
  updateBuyingGroup,
} from '@caravan/storage/buying-group.repository';
import type { Db } from '@caravan/storage/database';
import { findPerson } from '@caravan/storage/person.repository';
import type { DataDeps } from '../data/attribute-definitions.service.ts';
import { decodePageCursor, defaultPageSize, nextPageCursor } from '../data/page-cursor.ts';
import { inTransaction } from '../runtime/transaction.ts';
import { reevaluateAccount } from '../segments/membership-evaluation.ts';
import { groupNotFound, loadGroup, membershipActivities } from './buying-group-members.ts';
import { groupActivity, groupError, type GroupError } from './solution-interests.service.ts';

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
