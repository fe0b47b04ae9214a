/**
 * Keeping buying groups current as accounts and people change: automatic members follow the role
 * conditions of the template, manual and journey members stay, and hand removals stick.
 */
import type { BuyingGroup, BuyingGroupMember } from '@caravan/core/b2b/buying-group';
import { withMembers } from '@caravan/core/b2b/buying-group';
import { applyAutoAssignment } from '@caravan/core/b2b/role-assignment';
import type { RoleTemplate } from '@caravan/core/b2b/role-template';
import { loadAccountFacts } from '@caravan/storage/account-facts.repository';
import { listActivities, recordActivities } from '@caravan/storage/activity.repository';
import {
  listAccountBuyingGroups,
  replaceBuyingGroupMembers,
} from '@caravan/storage/buying-group.repository';
import type { Db } from '@caravan/storage/database';
import {
  factsEventLimit,
  factsLookbackMs,
  loadSetting,
  membershipActivities,
} from './buying-group-members.ts';

/** Same-role, same-source members in any order: nothing to store. */
function sameMembers(a: readonly BuyingGroupMember[], b: readonly BuyingGroupMember[]): boolean {
  if (a.length !== b.length) return false;
  const byPerson = new Map(a.map((m) => [m.personId, m]));
  return b.every((m) => {
    const old = byPerson.get(m.personId);
    return old !== undefined && old.role === m.role && old.source === m.source;
  });
}

/**
 * Whether the person's latest membership change in the group made by hand or by a journey was a
 * removal: both outrank automatic assignment (precedence manual > journey > automatic).
 */
function outranksAutomatic(source: unknown): boolean {
  return source === 'manual' || source === 'journey';
}

async function removedByHand(trx: Db, group: BuyingGroup, personId: string): Promise<boolean> {
  const changes = await listActivities(trx, {
    accountId: group.accountId,
    personId,
    types: ['assignedToBuyingGroup', 'removedFromBuyingGroup'],
    limit: 200,
  });
  const latest = changes.find(
    (a) =>
      a.properties.buyingGroupId === group.id &&
      (a.type === 'assignedToBuyingGroup'
        ? outranksAutomatic(a.properties.source)
        : outranksAutomatic(a.properties.removedBy)),
  );
  return latest?.type === 'removedFromBuyingGroup';
}

/**
 * Leaves out newcomers whom a person removed by hand: a manual removal outranks automatic
 * assignment just as a manual assignment does, until someone assigns them by hand again.
 */
async function withoutRemovedByHand(
  trx: Db,
  group: BuyingGroup,
  template: RoleTemplate,
  members: readonly BuyingGroupMember[],
): Promise<BuyingGroup> {
  const present = new Set(group.members.map((m) => m.personId));
  const kept: BuyingGroupMember[] = [];
  for (const m of members) {
    const newcomer = m.source === 'automatic' && !present.has(m.personId);
    if (!newcomer || !(await removedByHand(trx, group, m.personId))) kept.push(m);
  }
  return withMembers(group, template, kept);
}

/**
 * Keeps the account's groups current as its people change (called by `reevaluateAccount`, inside
 * the transaction of the change, before audiences are evaluated so they see the result).
 * Automatic members come and go with the role conditions; manual and journey members are never
 * touched. Writes and records activities only for groups whose members changed. It does not call
 * `reevaluateAccount` itself: its caller is that function.
 */
export async function maintainBuyingGroups(trx: Db, accountId: string, now: Date): Promise<void> {
  const groups = await listAccountBuyingGroups(trx, accountId);
  if (groups.length === 0) return;
  const facts = await loadAccountFacts(trx, accountId, {
    eventsSince: new Date(now.getTime() - factsLookbackMs),
    eventsUntil: now,
    eventLimit: factsEventLimit,
  });
  if (facts === undefined) return;
  for (const group of groups) {
    const setting = await loadSetting(trx, group.solutionInterestId);
    if (setting === undefined) continue;
    // Drop automatic members first so that people who no longer match a role leave the group.
    const kept = { ...group, members: group.members.filter((m) => m.source !== 'automatic') };
    const assigned = applyAutoAssignment(kept, setting.template, facts, now);
    const next = await withoutRemovedByHand(trx, group, setting.template, assigned.members);
    if (sameMembers(group.members, next.members)) continue;
    const stored = await replaceBuyingGroupMembers(
      trx,
      group.id,
      next.members,
      next.completenessScore,
      now,
    );
    if (!stored.ok) continue;
    await recordActivities(trx, membershipActivities(group, stored.value, now, 'automatic'));
  }
}
