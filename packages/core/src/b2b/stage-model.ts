/**
 * The stage model of buying groups (SPEC §5): named stages of kind entry, in progress, success or
 * failure, and the transitions allowed between them. A transition not listed is refused (the
 * `updateBuyingGroupStage` action is then skipped).
 */
import { z } from 'zod';

export const StageKind = z.enum(['entry', 'inProgress', 'success', 'failure']);
export type StageKind = z.infer<typeof StageKind>;

export const Stage = z.object({ name: z.string().min(1).max(100), kind: StageKind });
export type Stage = z.infer<typeof Stage>;

export const StageTransition = z.object({ from: z.string().min(1), to: z.string().min(1) });
export type StageTransition = z.infer<typeof StageTransition>;

export const StageModel = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1).max(255),
    stages: z.array(Stage).min(1),
    transitions: z.array(StageTransition),
  })
  .superRefine((model, ctx) => {
    const names = new Set(model.stages.map((s) => s.name));
    if (names.size !== model.stages.length) {
      ctx.addIssue({ code: 'custom', path: ['stages'], message: 'stage names must be unique' });
    }
    if (model.stages.filter((s) => s.kind === 'entry').length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['stages'], message: 'exactly one entry stage' });
    }
    model.transitions.forEach((t, i) => {
      if (!names.has(t.from) || !names.has(t.to)) {
        ctx.addIssue({
          code: 'custom',
          path: ['transitions', i],
          message: `transition ${t.from} → ${t.to} names an unknown stage`,
        });
      }
    });
  });
export type StageModel = z.infer<typeof StageModel>;

/** The stage a new buying group starts in. */
export function entryStage(model: StageModel): Stage {
  const entry = model.stages.find((s) => s.kind === 'entry');
  if (entry === undefined) throw new Error(`Stage model ${model.id} has no entry stage`);
  return entry;
}

/** Whether the model allows moving from `from` to `to`; staying put is not a transition. */
export function canTransition(model: StageModel, from: string, to: string): boolean {
  if (from === to) return false;
  return model.transitions.some((t) => t.from === from && t.to === to);
}
