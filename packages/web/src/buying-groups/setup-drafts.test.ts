import { describe, expect, it } from 'vitest';
import type { StageModel } from '@caravan/core/b2b/stage-model';
import {
  newRoleDraft,
  nextStages,
  removeStage,
  renameStage,
  roleTemplateBody,
  roleTemplateDraft,
  roleTemplateProblems,
  stageModelBody,
  stageModelDraft,
  stageModelProblems,
} from './setup-drafts.ts';

const funnel: StageModel = {
  id: 'm1',
  name: 'Funnel',
  stages: [
    { name: 'Open', kind: 'entry' },
    { name: 'Talking', kind: 'inProgress' },
    { name: 'Won', kind: 'success' },
    { name: 'Lost', kind: 'failure' },
  ],
  transitions: [
    { from: 'Open', to: 'Talking' },
    { from: 'Talking', to: 'Won' },
    { from: 'Talking', to: 'Lost' },
    { from: 'Open', to: 'Open' },
  ],
};

describe('role template form', () => {
  it('saves trimmed names and leaves out auto-assignment conditions without rules', () => {
    const draft = roleTemplateDraft();
    const first = {
      ...draft.roles[0]!,
      name: ' Champion ',
      autoAssign: { match: 'all' as const, rules: [] },
    };
    const rule = {
      kind: 'person',
      attribute: 'jobTitle',
      operator: 'contains',
      value: 'CTO',
    } as const;
    const second = {
      ...newRoleDraft(2),
      name: 'Decider',
      weight: 100 as const,
      autoAssign: { match: 'any' as const, rules: [rule] },
    };
    const body = roleTemplateBody({ name: ' Deal ', description: '', roles: [first, second] });
    expect(body).toEqual({
      name: 'Deal',
      description: '',
      roles: [
        {
          name: 'Champion',
          weight: 60,
          membersRequired: 1,
          requiredForCompleteness: true,
          priority: 1,
        },
        {
          name: 'Decider',
          weight: 100,
          membersRequired: 1,
          requiredForCompleteness: true,
          priority: 2,
          autoAssign: { match: 'any', rules: [rule] },
        },
      ],
    });
  });

  it('refuses a template without a name, with an unnamed role or roles named alike', () => {
    const draft = roleTemplateDraft();
    expect(roleTemplateProblems(draft)).toEqual(['nameMissing', 'roleNameMissing']);
    const roles = [
      { ...newRoleDraft(1), name: 'Buyer' },
      { ...newRoleDraft(2), name: ' buyer' },
    ];
    expect(roleTemplateProblems({ name: 'Deal', description: '', roles })).toEqual([
      'roleNamesRepeat',
    ]);
    expect(roleTemplateProblems({ name: 'Deal', description: '', roles: [] })).toEqual(['noRoles']);
  });
});

describe('stage model form', () => {
  it('round-trips a stored model', () => {
    expect(stageModelBody(stageModelDraft(funnel))).toEqual({
      name: 'Funnel',
      stages: funnel.stages,
      transitions: funnel.transitions,
    });
  });

  it('carries transitions along when a stage is renamed and drops them with a removed stage', () => {
    const draft = stageModelDraft(funnel);
    const talking = draft.stages[1]!.key;
    const renamed = renameStage(draft, talking, 'Evaluating');
    expect(stageModelBody(renamed).transitions).toContainEqual({ from: 'Open', to: 'Evaluating' });
    expect(stageModelBody(renamed).transitions).toContainEqual({ from: 'Evaluating', to: 'Won' });
    const removed = removeStage(renamed, talking);
    expect(stageModelBody(removed).transitions).toEqual([{ from: 'Open', to: 'Open' }]);
  });

  it('names what keeps a model from being saved', () => {
    const draft = stageModelDraft();
    expect(stageModelProblems(draft)).toEqual(['nameMissing', 'stageNameMissing']);
    const model = stageModelDraft(funnel);
    expect(stageModelProblems(model)).toEqual(['transitionToItself']);
    const noEntry = {
      ...model,
      stages: model.stages.map((s) => ({ ...s, kind: 'inProgress' as const })),
      transitions: [
        { key: 1, from: 'Open', to: '' },
        { key: 2, from: 'Open', to: 'Won' },
        { key: 3, from: 'Open', to: 'Won' },
      ],
    };
    expect(stageModelProblems(noEntry)).toEqual([
      'entryCount',
      'transitionIncomplete',
      'transitionsRepeat',
    ]);
    const twice = {
      ...model,
      stages: [...model.stages, { key: 9, name: 'Won', kind: 'success' as const }],
    };
    expect(stageModelProblems(twice)).toContain('stageNamesRepeat');
  });

  it('offers only the stages the model allows from the current one, never the current one', () => {
    expect(nextStages(funnel, 'Open').map((s) => s.name)).toEqual(['Talking']);
    expect(nextStages(funnel, 'Talking').map((s) => s.name)).toEqual(['Won', 'Lost']);
    expect(nextStages(funnel, 'Won')).toEqual([]);
  });
});
