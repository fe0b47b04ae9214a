/**
 * The one place where the outbox's retry schedule is computed: exponential backoff from 30 s,
 * doubling per attempt, capped at one hour, and at most 8 attempts before a message is dead.
 * With these numbers a message is retried for about 1 h 4 min before it becomes a dead letter.
 */

export const retryPolicy = {
  baseDelayMs: 30_000,
  maxDelayMs: 60 * 60_000,
  maxAttempts: 8,
} as const;

export type RetryDecision = { retry: true; at: Date } | { retry: false };

/** The wait after the `attempts`-th failed attempt (1-based): 30 s, 1 min, 2 min … capped at 1 h. */
export function retryDelayMs(attempts: number): number {
  const exponent = Math.max(0, attempts - 1);
  // The exponent is bounded so that a huge attempt count cannot make the product Infinity.
  return Math.min(retryPolicy.maxDelayMs, retryPolicy.baseDelayMs * 2 ** Math.min(exponent, 30));
}

/** After `attempts` failed attempts: when to try again, or no retry (the message is dead). */
export function nextRetry(attempts: number, now: Date): RetryDecision {
  if (attempts >= retryPolicy.maxAttempts) return { retry: false };
  return { retry: true, at: new Date(now.getTime() + retryDelayMs(attempts)) };
}
