/**
 * Role templates: the roles a buying group for a solution interest should fill (SPEC §5), each
 * with a weight, how many members it needs, an optional auto-assignment condition over person
 * attributes, whether it counts for completeness, and a priority for auto-assignment.
 */
import { z } from 'zod';
import { Condition } from '../conditions/condition.ts';

export const RoleWeight = z.union([
  z.literal(20),
  z.literal(40),
  z.literal(60),
  z.literal(80),
  z.literal(100),
]);
export type RoleWeight = z.infer<typeof RoleWeight>;

export const roleWeightLabels: Record<RoleWeight, 'trivial' | 'low' | 'medium' | 'high' | 'vital'> =
  { 20: 'trivial', 40: 'low', 60: 'medium', 80: 'high', 100: 'vital' };

export const TemplateRole = z.object({
  name: z.string().min(1).max(100),
  weight: RoleWeight,
  membersRequired: z.number().int().min(1),
  /** Person rules; a person matching it may be assigned this role automatically. */
  autoAssign: Condition.optional(),
  requiredForCompleteness: z.boolean(),
  /** 1 is the highest; a person matching several roles gets the one with the lowest number. */
  priority: z.number().int().min(1),
});
export type TemplateRole = z.infer<typeof TemplateRole>;

export const RoleTemplate = z.object({
  id: z.string().min(1),
  name: z.string().min(1).max(255),
  description: z.string().max(2000).default(''),
  roles: z
    .array(TemplateRole)
    .min(1)
    .refine((roles) => new Set(roles.map((r) => r.name.toLowerCase())).size === roles.length, {
      message: 'role names must be unique',
    }),
});
export type RoleTemplate = z.infer<typeof RoleTemplate>;
