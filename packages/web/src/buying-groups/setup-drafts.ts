/**
 * The editable drafts behind the role template and stage model forms, and their conversion to
 * request bodies. Pure, so that the rules the forms enforce before the server does (one entry
 * stage, unique names, transitions between known stages) are tested outside React.
 */
import type { RoleTemplate, RoleWeight, TemplateRole } from '@caravan/core/b2b/role-template';
import type { StageKind, StageModel } from '@caravan/core/b2b/stage-model';
import type { Condition } from '@caravan/core/conditions/condition';

let lastKey = 0;
/** Stable React keys for rows that can be added, removed and renamed. */
export function nextDraftKey(): number {
  lastKey += 1;
  return lastKey;
}

export interface RoleDraft {
  key: number;
  name: string;
  weight: RoleWeight;
  membersRequired: number;
  requiredForCompleteness: boolean;
  priority: number;
  autoAssign: Condition | undefined;
}

export interface RoleTemplateDraft {
  name: string;
  description: string;
  roles: RoleDraft[];
}

export function newRoleDraft(priority: number): RoleDraft {
  return {
    key: nextDraftKey(),
    name: '',
    weight: 60,
    membersRequired: 1,
    requiredForCompleteness: true,
    priority,
    autoAssign: undefined,
  };
}

export function roleTemplateDraft(template?: RoleTemplate): RoleTemplateDraft {
  if (template === undefined) return { name: '', description: '', roles: [newRoleDraft(1)] };
  return {
    name: template.name,
    description: template.description,
    roles: template.roles.map((role) => ({
      ...role,
      key: nextDraftKey(),
      autoAssign: role.autoAssign,
    })),
  };
}

/** A condition with no rules assigns nobody; it is left out rather than stored. */
function meaningful(condition: Condition | undefined): Condition | undefined {
  return condition !== undefined && condition.rules.length > 0 ? condition : undefined;
}

export function roleTemplateBody(draft: RoleTemplateDraft) {
  return {
    name: draft.name.trim(),
    description: draft.description,
    roles: draft.roles.map((role): TemplateRole => {
      const autoAssign = meaningful(role.autoAssign);
      return {
        name: role.name.trim(),
        weight: role.weight,
        membersRequired: role.membersRequired,
        requiredForCompleteness: role.requiredForCompleteness,
        priority: role.priority,
        ...(autoAssign !== undefined && { autoAssign }),
      };
    }),
  };
}

export type RoleTemplateProblem = 'nameMissing' | 'noRoles' | 'roleNameMissing' | 'roleNamesRepeat';

/** What keeps the template from being saved, checked as the server does (names case-blind). */
export function roleTemplateProblems(draft: RoleTemplateDraft): RoleTemplateProblem[] {
  const problems: RoleTemplateProblem[] = [];
  if (draft.name.trim() === '') problems.push('nameMissing');
  if (draft.roles.length === 0) problems.push('noRoles');
  const names = draft.roles.map((r) => r.name.trim().toLowerCase());
  if (names.some((n) => n === '')) problems.push('roleNameMissing');
  if (new Set(names).size !== names.length) problems.push('roleNamesRepeat');
  return problems;
}

export interface StageDraft {
  key: number;
  name: string;
  kind: StageKind;
}

export interface TransitionDraft {
  key: number;
  from: string;
  to: string;
}

export interface StageModelDraft {
  name: string;
  stages: StageDraft[];
  transitions: TransitionDraft[];
}

export function stageModelDraft(model?: StageModel): StageModelDraft {
  if (model === undefined) {
    return {
      name: '',
      stages: [{ key: nextDraftKey(), name: '', kind: 'entry' }],
      transitions: [],
    };
  }
  return {
    name: model.name,
    stages: model.stages.map((s) => ({ ...s, key: nextDraftKey() })),
    transitions: model.transitions.map((t) => ({ ...t, key: nextDraftKey() })),
  };
}

/** Renames a stage and every transition naming it, so that a rename never orphans a move. */
export function renameStage(draft: StageModelDraft, key: number, name: string): StageModelDraft {
  const old = draft.stages.find((s) => s.key === key)?.name;
  const rename = (stage: string) =>
    old !== undefined && old !== '' && stage === old ? name : stage;
  return {
    ...draft,
    stages: draft.stages.map((s) => (s.key === key ? { ...s, name } : s)),
    transitions: draft.transitions.map((t) => ({ ...t, from: rename(t.from), to: rename(t.to) })),
  };
}

/** Removes a stage and the transitions into and out of it. */
export function removeStage(draft: StageModelDraft, key: number): StageModelDraft {
  const name = draft.stages.find((s) => s.key === key)?.name;
  return {
    ...draft,
    stages: draft.stages.filter((s) => s.key !== key),
    transitions: draft.transitions.filter((t) => t.from !== name && t.to !== name),
  };
}

export type StageModelProblem =
  | 'nameMissing'
  | 'noStages'
  | 'stageNameMissing'
  | 'stageNamesRepeat'
  | 'entryCount'
  | 'transitionIncomplete'
  | 'transitionToItself'
  | 'transitionsRepeat';

/** What keeps the model from being saved: core's model rules plus half-filled transition rows. */
export function stageModelProblems(draft: StageModelDraft): StageModelProblem[] {
  const problems: StageModelProblem[] = [];
  if (draft.name.trim() === '') problems.push('nameMissing');
  if (draft.stages.length === 0) problems.push('noStages');
  const names = draft.stages.map((s) => s.name.trim());
  if (names.some((n) => n === '')) problems.push('stageNameMissing');
  if (new Set(names).size !== names.length) problems.push('stageNamesRepeat');
  if (draft.stages.filter((s) => s.kind === 'entry').length !== 1) problems.push('entryCount');
  // Transition ends are picked from the stage names as typed; the body trims both alike.
  const known = new Set(draft.stages.map((s) => s.name));
  if (draft.transitions.some((t) => !known.has(t.from) || !known.has(t.to))) {
    problems.push('transitionIncomplete');
  }
  if (draft.transitions.some((t) => t.from !== '' && t.from === t.to)) {
    problems.push('transitionToItself');
  }
  const pairs = draft.transitions.map((t) => `${t.from}\u0000${t.to}`);
  if (new Set(pairs).size !== pairs.length) problems.push('transitionsRepeat');
  return problems;
}

export function stageModelBody(draft: StageModelDraft) {
  return {
    name: draft.name.trim(),
    stages: draft.stages.map((s) => ({ name: s.name.trim(), kind: s.kind })),
    transitions: draft.transitions.map((t) => ({ from: t.from.trim(), to: t.to.trim() })),
  };
}

/** The stages a group in `current` may move to, in the model's stage order. */
export function nextStages(model: Pick<StageModel, 'stages' | 'transitions'>, current: string) {
  const targets = new Set(
    model.transitions.filter((t) => t.from === current && t.to !== current).map((t) => t.to),
  );
  return model.stages.filter((s) => targets.has(s.name));
}
