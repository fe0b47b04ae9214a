/**
 * A buying group: the people of one account who decide on one solution interest, each in a role
 * of the interest's role template, with its stage, a free status and two scores (SPEC §5).
 */
import { z } from 'zod';
import type { RoleTemplate } from './role-template.ts';

/** How a member got their role; see `role-assignment.ts` for which may replace which. */
export const MemberSource = z.enum(['manual', 'journey', 'automatic']);
export type MemberSource = z.infer<typeof MemberSource>;

export const BuyingGroupMember = z.object({
  personId: z.string().min(1),
  role: z.string().min(1),
  source: MemberSource,
});
export type BuyingGroupMember = z.infer<typeof BuyingGroupMember>;

export const BuyingGroup = z.object({
  id: z.string().min(1),
  solutionInterestId: z.string().min(1),
  accountId: z.string().min(1),
  /** A stage name of the solution interest's stage model. */
  stage: z.string().min(1),
  /** Free text set by people or journeys; `null` until set. */
  status: z.string().max(50).nullable(),
  members: z.array(BuyingGroupMember),
  /** 0–100, see `completenessScore`. */
  completenessScore: z.number().int().min(0).max(100),
  /** 0–100, see `engagement-score.ts`. */
  engagementScore: z.number().int().min(0).max(100),
});
export type BuyingGroup = z.infer<typeof BuyingGroup>;

/**
 * SPEC §5: over the roles required for completeness, the mean of min(assigned / required, 1), as a
 * whole percentage (Math.round). Roles not required for completeness count for nothing, and a
 * template with no such role scores 0 — there is nothing that makes it complete, and 100 would
 * tell sales a group is ready that nobody has looked at. Members with roles not in the template
 * are ignored.
 */
export function completenessScore(
  template: Pick<RoleTemplate, 'roles'>,
  members: readonly Pick<BuyingGroupMember, 'personId' | 'role'>[],
): number {
  const required = template.roles.filter((r) => r.requiredForCompleteness);
  if (required.length === 0) return 0;
  const filled = required.reduce((sum, role) => {
    const assigned = new Set(members.filter((m) => m.role === role.name).map((m) => m.personId));
    return sum + Math.min(assigned.size / role.membersRequired, 1);
  }, 0);
  return Math.round((100 * filled) / required.length);
}

/** A role of the template that the group has not filled yet, and how many members it lacks. */
export interface MissingRole {
  name: string;
  missing: number;
}

/**
 * The roles the template requires for completeness that the group's members do not fill (fewer
 * distinct people than `membersRequired`), in the template's order — what sales must still find.
 */
export function missingRoles(
  template: Pick<RoleTemplate, 'roles'>,
  members: readonly Pick<BuyingGroupMember, 'personId' | 'role'>[],
): MissingRole[] {
  return template.roles.flatMap((role) => {
    if (!role.requiredForCompleteness) return [];
    const assigned = new Set(members.filter((m) => m.role === role.name).map((m) => m.personId));
    const missing = role.membersRequired - assigned.size;
    return missing > 0 ? [{ name: role.name, missing }] : [];
  });
}

/**
 * The group with new members and its completeness score recomputed: every membership change goes
 * through here so that the stored score is never stale (SPEC §5).
 */
export function withMembers(
  group: BuyingGroup,
  template: Pick<RoleTemplate, 'roles'>,
  members: readonly BuyingGroupMember[],
): BuyingGroup {
  return {
    ...group,
    members: [...members],
    completenessScore: completenessScore(template, members),
  };
}
