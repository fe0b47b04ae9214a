/**
 * Request and response schemas of the buying-group resources: role templates, stage models,
 * solution interests and buying groups. Response shapes are core's schemas.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { BuyingGroup } from '@caravan/core/b2b/buying-group';
import { TemplateRole } from '@caravan/core/b2b/role-template';
import { Stage, StageTransition } from '@caravan/core/b2b/stage-model';
import type { GroupError } from '@caravan/engine/buying-groups/solution-interests.service';
import { sendError } from './errors.ts';

export { BuyingGroup };

const Name = z.string().trim().min(1).max(255);
const Description = z.string().max(2000);

const Roles = z
  .array(TemplateRole)
  .min(1)
  .refine((roles) => new Set(roles.map((r) => r.name.toLowerCase())).size === roles.length, {
    message: 'role names must be unique',
  });

export const RoleTemplateBody = z.object({
  name: Name,
  description: Description.default(''),
  roles: Roles,
});

// Spelled out rather than `.partial()`: a default would fill in fields the patch leaves out.
export const RoleTemplatePatchBody = z.object({
  name: Name.optional(),
  description: Description.optional(),
  roles: Roles.optional(),
});

/** Stage names, the entry stage and transition ends are checked against core's model schema. */
export const StageModelBody = z.object({
  name: Name,
  stages: z.array(Stage).min(1),
  transitions: z.array(StageTransition).default([]),
});

export const StageModelPatchBody = z.object({
  name: Name.optional(),
  stages: z.array(Stage).min(1).optional(),
  transitions: z.array(StageTransition).optional(),
});

export const SolutionInterestBody = z.object({
  name: Name,
  description: Description.default(''),
  roleTemplateId: z.uuid(),
  stageModelId: z.uuid(),
});

export const SolutionInterestPatchBody = z.object({
  name: Name.optional(),
  description: Description.optional(),
  roleTemplateId: z.uuid().optional(),
  stageModelId: z.uuid().optional(),
});

export const BuyingGroupListQuery = z.object({
  solutionInterestId: z.uuid().optional(),
  accountId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(2000).optional(),
});

/** Either named accounts (answered with the groups) or every member of an audience (counts). */
export const CreateBuyingGroupsBody = z.union([
  z.object({ accountIds: z.array(z.uuid()).min(1).max(500) }).strict(),
  z.object({ audienceId: z.string().min(1) }).strict(),
]);

export const CreatedBuyingGroups = z.object({
  created: z.array(BuyingGroup),
  existing: z.array(BuyingGroup),
});

/** Created over an audience: counts only, since an audience may hold very many accounts. */
export const CreatedBuyingGroupCounts = z.object({
  created: z.number().int().describe('Groups made now'),
  existing: z.number().int().describe('Members that already had a group for the interest'),
});

export const BuyingGroupPatchBody = z.object({
  stage: z.string().min(1).max(100).optional(),
  status: z.string().trim().max(50).nullable().optional(),
});

export const MemberParams = z.object({ id: z.uuid(), personId: z.uuid() });

export const MemberBody = z.object({ role: z.string().trim().min(1).max(100) });

/** Sends an engine buying-group error with the catalogue's status. */
export function sendGroupError(reply: FastifyReply, error: GroupError) {
  return sendError(reply, error.code, error.message, error.details);
}
