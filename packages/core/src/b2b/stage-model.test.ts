import { describe, expect, it } from 'vitest';
import { StageModel, canTransition, entryStage } from './stage-model.ts';

const model = StageModel.parse({
  id: 'default',
  name: 'Default',
  stages: [
    { name: 'New', kind: 'entry' },
    { name: 'Evaluation', kind: 'inProgress' },
    { name: 'Won', kind: 'success' },
    { name: 'Lost', kind: 'failure' },
  ],
  transitions: [
    { from: 'New', to: 'Evaluation' },
    { from: 'Evaluation', to: 'Won' },
    { from: 'Evaluation', to: 'Lost' },
    { from: 'Lost', to: 'Evaluation' },
  ],
});

describe('canTransition', () => {
  it('allows exactly the listed transitions, in their direction', () => {
    expect(canTransition(model, 'New', 'Evaluation')).toBe(true);
    expect(canTransition(model, 'Lost', 'Evaluation')).toBe(true);
    expect(canTransition(model, 'Evaluation', 'New')).toBe(false);
    expect(canTransition(model, 'New', 'Won')).toBe(false);
    expect(canTransition(model, 'Won', 'Unknown')).toBe(false);
  });

  it('does not count staying in the same stage as a transition', () => {
    expect(canTransition(model, 'Evaluation', 'Evaluation')).toBe(false);
  });
});

describe('StageModel', () => {
  it('starts new groups in its entry stage', () => {
    expect(entryStage(model).name).toBe('New');
  });

  it('refuses duplicate stages, a missing or second entry stage and unknown transition ends', () => {
    const stages = [
      { name: 'New', kind: 'entry' },
      { name: 'New', kind: 'entry' },
    ];
    const result = StageModel.safeParse({
      id: 'x',
      name: 'X',
      stages,
      transitions: [{ from: 'New', to: 'Gone' }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      'stage names must be unique',
      'exactly one entry stage',
      'transition New → Gone names an unknown stage',
    ]);
  });
});
