import { describe, expect, it } from 'vitest';
import { engagementPoints, engagementScore, type EngagementWeights } from './engagement-score.ts';

const now = new Date('2030-06-30T12:00:00.000Z');
const weights: EngagementWeights = {
  emailOpened: { points: 2, dailyCap: 6 },
  formFilledOut: { points: 20, dailyCap: 20 },
  webPageVisited: { points: 1, dailyCap: 5 },
};

const at = (type: string, occurredAt: string) => ({ type, occurredAt });

/** A fixed history: per-day caps, the 30-day edge, an unknown type and a future stamp. */
const history = [
  // 5 opens on 29 June = 10 points, capped at 6
  ...Array.from({ length: 5 }, () => at('emailOpened', '2030-06-29T09:00:00.000Z')),
  // 2 opens on 28 June = 4 points (under the cap)
  at('emailOpened', '2030-06-28T09:00:00.000Z'),
  at('emailOpened', '2030-06-28T23:59:59.999Z'),
  // 2 forms on one day = 40, capped at 20; 1 form on another day = 20
  at('formFilledOut', '2030-06-20T10:00:00.000Z'),
  at('formFilledOut', '2030-06-20T11:00:00.000Z'),
  at('formFilledOut', '2030-06-05T10:00:00.000Z'),
  // 3 visits = 3
  ...Array.from({ length: 3 }, () => at('webPageVisited', '2030-06-10T10:00:00.000Z')),
  // outside the window (exactly 30 days old), unknown type, in the future: 0
  at('formFilledOut', '2030-05-31T12:00:00.000Z'),
  at('webinarAttended', '2030-06-29T10:00:00.000Z'),
  at('formFilledOut', '2030-06-30T12:00:00.001Z'),
];

describe('engagementScore', () => {
  it('sums capped points per type and UTC day over the last 30 days', () => {
    // 6 + 4 + 20 + 20 + 3
    expect(engagementPoints(history, weights, now)).toBe(53);
  });

  it('normalises to a whole percentage of the saturation', () => {
    expect(engagementScore(history, weights, now)).toBe(53);
    expect(engagementScore(history, weights, now, 80)).toBe(66);
  });

  it('caps at 100 and is 0 without activity', () => {
    expect(engagementScore(history, weights, now, 40)).toBe(100);
    expect(engagementScore([], weights, now)).toBe(0);
  });

  it('counts an activity just inside the 30-day window', () => {
    expect(engagementPoints([at('formFilledOut', '2030-05-31T12:00:00.001Z')], weights, now)).toBe(
      20,
    );
  });

  it('refuses a saturation that is not positive', () => {
    expect(() => engagementScore(history, weights, now, 0)).toThrow();
  });
});
