/**
 * What every buying-group change shares: the interest's template and model, the activities a
 * membership change records, and how far back auto-assignment conditions look. Its own module so
 * that maintenance (run on every account change) and the hand-made changes of
 * `buying-groups.service.ts` both build on it without importing each other.
 */
import type { BuyingGroup, MemberSource } from '@caravan/core/b2b/buying-group';
import type { RoleTemplate } from '@caravan/core/b2b/role-template';
import type { SolutionInterest } from '@caravan/core/b2b/solution-interest';
import type { StageModel } from '@caravan/core/b2b/stage-model';
import { err, ok, type Result } from '@caravan/core/result';
import { findBuyingGroup } from '@caravan/storage/buying-group.repository';
import type { Db } from '@caravan/storage/database';
import { findRoleTemplate } from '@caravan/storage/role-template.repository';
import { findSolutionInterest } from '@caravan/storage/solution-interest.repository';
import { findStageModel } from '@caravan/storage/stage-model.repository';
import { groupActivity, groupError, type GroupError } from './solution-interests.service.ts';

/** Auto-assignment conditions may look back at events; 90 days covers the usual lookbacks. */
export const factsLookbackMs = 90 * 24 * 60 * 60 * 1000;
export const factsEventLimit = 1000;

export const groupNotFound = (id: string) =>
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
