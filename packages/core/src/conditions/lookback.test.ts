import { describe, expect, it } from 'vitest';
import { lookbackStart } from './lookback.ts';

const iso = (amount: number, unit: 'hours' | 'days' | 'weeks' | 'months', now: string) =>
  lookbackStart({ amount, unit }, new Date(now)).toISOString();

describe('lookbackStart', () => {
  it('subtracts hours, days and weeks exactly in UTC', () => {
    expect(iso(6, 'hours', '2030-03-31T02:00:00.000Z')).toBe('2030-03-30T20:00:00.000Z');
    expect(iso(1, 'days', '2030-03-31T02:00:00.000Z')).toBe('2030-03-30T02:00:00.000Z');
    expect(iso(2, 'weeks', '2030-03-31T02:00:00.000Z')).toBe('2030-03-17T02:00:00.000Z');
  });

  it('subtracts months by the calendar, ending on the last day of a shorter month', () => {
    expect(iso(1, 'months', '2030-03-31T12:00:00.000Z')).toBe('2030-02-28T12:00:00.000Z');
    expect(iso(1, 'months', '2032-03-31T12:00:00.000Z')).toBe('2032-02-29T12:00:00.000Z');
    expect(iso(12, 'months', '2030-06-15T12:00:00.000Z')).toBe('2029-06-15T12:00:00.000Z');
  });
});
