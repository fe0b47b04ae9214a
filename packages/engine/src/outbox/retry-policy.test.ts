import { describe, expect, it } from 'vitest';
import {
  latestRetryDelayMs,
  nextRetry,
  parseRetryAfter,
  retryDelayMs,
  retryPolicy,
  retryWaitMs,
} from './retry-policy.ts';

const now = new Date('2026-12-01T10:00:00.000Z');
const noSpread = () => 0;
const fullSpread = () => 1;

describe('the outbox retry policy', () => {
  it('doubles the wait from 30 seconds after each failed attempt', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map(retryDelayMs);
    expect(delays).toEqual([30, 60, 120, 240, 480, 960, 1920].map((s) => s * 1000));
  });

  it('never waits longer than one hour before the spread', () => {
    expect(retryDelayMs(8)).toBe(60 * 60_000);
    expect(retryDelayMs(50)).toBe(60 * 60_000);
  });

  it('schedules the next attempt from now while attempts remain', () => {
    expect(nextRetry(1, now, undefined, noSpread)).toEqual({
      retry: true,
      at: new Date(now.getTime() + 30_000),
    });
    expect(nextRetry(retryPolicy.maxAttempts - 1, now, undefined, noSpread)).toEqual({
      retry: true,
      at: new Date(now.getTime() + 1920_000),
    });
  });

  it('gives up after the last attempt', () => {
    expect(retryPolicy.maxAttempts).toBe(8);
    expect(nextRetry(8, now)).toEqual({ retry: false });
    expect(nextRetry(9, now)).toEqual({ retry: false });
  });

  it('spreads the retries of messages that failed together, never earlier than the backoff', () => {
    const waits = Array.from({ length: 200 }, () => retryWaitMs(3));
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(retryDelayMs(3));
    expect(Math.max(...waits)).toBeLessThanOrEqual(latestRetryDelayMs(3));
    // 200 messages of one failed batch come back at many different moments, not at one.
    expect(new Set(waits).size).toBeGreaterThan(150);
    expect(retryWaitMs(3, undefined, fullSpread)).toBe(latestRetryDelayMs(3));
  });

  it("waits at least as long as the provider's Retry-After asks when that is longer", () => {
    expect(retryWaitMs(1, 3_600_000, noSpread)).toBe(3_600_000);
    expect(retryWaitMs(1, 90_000, noSpread)).toBe(90_000);
    // A shorter Retry-After does not make the backoff shorter.
    expect(retryWaitMs(4, 1_000, noSpread)).toBe(retryDelayMs(4));
    const spread = retryWaitMs(1, 3_600_000, () => 0.5);
    expect(spread).toBeGreaterThan(3_600_000);
  });

  it('caps a Retry-After at one hour, so that a provider cannot park a message for days', () => {
    expect(retryWaitMs(1, 7 * 24 * 3_600_000, noSpread)).toBe(retryPolicy.maxRetryAfterMs);
    expect(retryWaitMs(1, Number.POSITIVE_INFINITY, noSpread)).toBe(retryDelayMs(1));
    expect(retryWaitMs(1, -5_000, noSpread)).toBe(retryDelayMs(1));
  });

  it('reads Retry-After as seconds or as an HTTP date, and ignores what it cannot read', () => {
    const nowMs = Date.parse('Tue, 01 Dec 2026 10:00:00 GMT');
    expect(parseRetryAfter('3600', nowMs)).toBe(3_600_000);
    expect(parseRetryAfter(' 0 ', nowMs)).toBe(0);
    expect(parseRetryAfter('Tue, 01 Dec 2026 10:02:00 GMT', nowMs)).toBe(120_000);
    expect(parseRetryAfter('Tue, 01 Dec 2026 09:00:00 GMT', nowMs)).toBe(0);
    expect(parseRetryAfter(null, nowMs)).toBeUndefined();
    expect(parseRetryAfter('-1', nowMs)).toBeUndefined();
    expect(parseRetryAfter('1.5', nowMs)).toBeUndefined();
    expect(parseRetryAfter('soon', nowMs)).toBeUndefined();
  });
});
