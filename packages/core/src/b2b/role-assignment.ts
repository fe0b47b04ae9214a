/**
 * Who gets which role in a buying group. Assignments have a source with a precedence — manual >
 * journey > automatic — and a lower one never replaces a higher one: a role a marketer set by
 * hand survives every journey action and every automatic run. Equal sources replace (latest wins).
 */
import type { AccountFacts } from '../conditions/account-facts.ts';
import { evaluateForPerson } from '../conditions/evaluate.ts';
import {
  withMembers,
  type BuyingGroup,
  type BuyingGroupMember,
  type MemberSource,
} from './buying-group.ts';
import type { RoleTemplate, TemplateRole } from './role-template.ts';

export const assignmentPrecedence: Readonly<Record<MemberSource, number>> = {
  manual: 3,
  journey: 2,
  automatic: 1,
};

/** Whether `incoming` may replace the existing assignment of the same person. */
export function mayReplace(existing: MemberSource, incoming: MemberSource): boolean {
  return assignmentPrecedence[incoming] >= assignmentPrecedence[existing];
}

export type AssignOutcome = 'added' | 'replaced' | 'unchanged' | 'kept';

/**
 * Adds or changes one member. 'kept' = an existing assignment of higher precedence stays;
 * 'unchanged' = the same role was already assigned (its source is raised if the new one is higher).
 */
export function assignMember(
  members: readonly BuyingGroupMember[],
  assignment: BuyingGroupMember,
): { members: BuyingGroupMember[]; outcome: AssignOutcome } {
  const index = members.findIndex((m) => m.personId === assignment.personId);
  const existing = members[index];
  if (existing === undefined) return { members: [...members, assignment], outcome: 'added' };
  if (!mayReplace(existing.source, assignment.source)) {
    return { members: [...members], outcome: 'kept' };
  }
  const next = [...members];
  next[index] = assignment;
  return { members: next, outcome: existing.role === assignment.role ? 'unchanged' : 'replaced' };
}

/** Removes a member when `source` is allowed to (same precedence rule as replacing). */
export function removeMember(
  members: readonly BuyingGroupMember[],
  personId: string,
  source: MemberSource,
): { members: BuyingGroupMember[]; removed: boolean } {
  const existing = members.find((m) => m.personId === personId);
  if (existing === undefined || !mayReplace(existing.source, source)) {
    return { members: [...members], removed: false };
  }
  return { members: members.filter((m) => m.personId !== personId), removed: true };
}

function byPriority(a: TemplateRole, b: TemplateRole): number {
  return a.priority - b.priority;
}

/**
 * For each person of the account, the highest-priority role (lowest `priority`; template order on
 * ties) whose auto-assignment condition the person satisfies; people matching none are left out.
 */
export function autoAssignRoles(
  template: Pick<RoleTemplate, 'roles'>,
  facts: AccountFacts,
  now: Date,
): Array<{ personId: string; role: string }> {
  const candidates = template.roles.filter((r) => r.autoAssign !== undefined).sort(byPriority);
  const assignments: Array<{ personId: string; role: string }> = [];
  for (const person of facts.people) {
    const role = candidates.find(
      (r) =>
        r.autoAssign !== undefined &&
        evaluateForPerson(r.autoAssign, facts, person.id, now).matched,
    );
    if (role !== undefined) assignments.push({ personId: person.id, role: role.name });
  }
  return assignments;
}

/**
 * Runs auto-assignment on a group and recomputes its completeness score (SPEC §5: recomputed on
 * every membership change). Manual and journey assignments are never overwritten.
 */
export function applyAutoAssignment(
  group: BuyingGroup,
  template: Pick<RoleTemplate, 'roles'>,
  facts: AccountFacts,
  now: Date,
): BuyingGroup {
  let members = group.members;
  for (const { personId, role } of autoAssignRoles(template, facts, now)) {
    members = assignMember(members, { personId, role, source: 'automatic' }).members;
  }
  return withMembers(group, template, members);
}
