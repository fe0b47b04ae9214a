/**
 * A solution interest: a product or offering an account may buy. Each buying group is for one
 * (solution interest, account); the interest names the role template and stage model it uses.
 */
import { z } from 'zod';

export const SolutionInterest = z.object({
  id: z.string().min(1),
  name: z.string().min(1).max(255),
  description: z.string().max(2000).default(''),
  roleTemplateId: z.string().min(1),
  stageModelId: z.string().min(1),
});
export type SolutionInterest = z.infer<typeof SolutionInterest>;
