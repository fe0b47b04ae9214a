import { describe, expect, it } from 'vitest';
import { newWeightRow, weightsDraft, weightsSettings } from './engagement-weights-draft.ts';

const stored = {
  weights: { emailOpened: { points: 1, dailyCap: 3 }, formFilledOut: { points: 10, dailyCap: 20 } },
  saturation: 100,
};

describe('engagement weights form', () => {
  it('round-trips the stored weights, with numbers typed as text', () => {
    const draft = weightsDraft(stored);
    expect(weightsSettings(draft)).toEqual({ ok: true, value: stored });
    const typed = {
      rows: [{ ...draft.rows[0]!, type: ' emailOpened ', points: '2.5', dailyCap: '5' }],
      saturation: '50',
    };
    expect(weightsSettings(typed)).toEqual({
      ok: true,
      value: { weights: { emailOpened: { points: 2.5, dailyCap: 5 } }, saturation: 50 },
    });
  });

  it('names what keeps the weights from being saved', () => {
    const draft = weightsDraft(stored);
    const rows = [
      ...draft.rows,
      { ...newWeightRow(), type: 'emailOpened' },
      { ...newWeightRow(), type: '' },
      { ...newWeightRow(), type: 'smsClicked', points: '-' },
      { ...newWeightRow(), type: 'webPageVisited', dailyCap: -1 },
    ];
    const result = weightsSettings({ rows, saturation: 0 });
    expect(result).toEqual({
      ok: false,
      error: ['typesRepeat', 'typeMissing', 'notANumber', 'saturation'],
    });
  });

  it('accepts no weights at all, so that nothing counts', () => {
    expect(weightsSettings({ rows: [], saturation: 100 })).toEqual({
      ok: true,
      value: { weights: {}, saturation: 100 },
    });
  });
});
