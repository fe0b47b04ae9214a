import { describe, expect, it } from 'vitest';
import { nextRetry, retryDelayMs, retryPolicy } from './retry-policy.ts';

const now = new Date('2026-12-01T10:00:00.000Z');

describe('the outbox retry policy', () => {
  it('doubles the wait from 30 seconds after each failed attempt', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map(retryDelayMs);
    expect(delays).toEqual([30, 60, 120, 240, 480, 960, 1920].map((s) => s * 1000));
  });

  it('never waits longer than one hour', () => {
    expect(retryDelayMs(8)).toBe(60 * 60_000);
    expect(retryDelayMs(50)).toBe(60 * 60_000);
  });

  it('schedules the next attempt from now while attempts remain', () => {
    expect(nextRetry(1, now)).toEqual({ retry: true, at: new Date(now.getTime() + 30_000) });
    expect(nextRetry(retryPolicy.maxAttempts - 1, now)).toEqual({
      retry: true,
      at: new Date(now.getTime() + 1920_000),
    });
  });

  it('gives up after the last attempt', () => {
    expect(retryPolicy.maxAttempts).toBe(8);
    expect(nextRetry(8, now)).toEqual({ retry: false });
    expect(nextRetry(9, now)).toEqual({ retry: false });
  });
});
