/**
 * The one place where the outbox's retry schedule is computed: exponential backoff from 30 s,
 * doubling per attempt, capped at one hour, and at most 8 attempts before a message is dead.
 * With these numbers a message is retried for about 1 h 4 min (up to a quarter more with the
 * spread) before it becomes a dead letter.
 *
 * - Spread (jitter): each wait is stretched by a random 0–25 %, so that the messages of a batch
 *   that failed together (a provider down for a minute) do not all come back at the same
 *   instant and knock it over again. Only ever later, never earlier than the schedule.
 * - `Retry-After`: when the provider said how long to wait (HTTP 429 / 503), the wait is at least
 *   that long — capped at `maxRetryAfterMs`, so that a provider cannot park a message for days —
 *   and then spread like any other.
 */

export const retryPolicy = {
  baseDelayMs: 30_000,
  maxDelayMs: 60 * 60_000,
  maxAttempts: 8,
  /** Each wait is stretched by up to this share, at random. */
  spread: 0.25,
  /** The longest `Retry-After` honoured; a longer one waits this long. */
  maxRetryAfterMs: 60 * 60_000,
} as const;

export type RetryDecision = { retry: true; at: Date } | { retry: false };

/** The wait after the `attempts`-th failed attempt (1-based): 30 s, 1 min, 2 min … capped at 1 h. */
export function retryDelayMs(attempts: number): number {
  const exponent = Math.max(0, attempts - 1);
  // The exponent is bounded so that a huge attempt count cannot make the product Infinity.
  return Math.min(retryPolicy.maxDelayMs, retryPolicy.baseDelayMs * 2 ** Math.min(exponent, 30));
}

/** The longest a retry after `attempts` failures can wait without a `Retry-After` (spread included). */
export function latestRetryDelayMs(attempts: number): number {
  return Math.ceil(retryDelayMs(attempts) * (1 + retryPolicy.spread));
}

/**
 * The wait before the next attempt: the backoff, or the provider's `Retry-After` (capped) when
 * that is longer, stretched by `random()` × spread. `random` is injectable for tests.
 */
export function retryWaitMs(
  attempts: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const asked =
    retryAfterMs === undefined || !Number.isFinite(retryAfterMs)
      ? 0
      : Math.min(Math.max(0, retryAfterMs), retryPolicy.maxRetryAfterMs);
  const wait = Math.max(retryDelayMs(attempts), asked);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(wait * (1 + retryPolicy.spread * r));
}

/**
 * After `attempts` failed attempts: when to try again, or no retry (the message is dead).
 * `retryAfterMs` is what the provider asked for, when it did.
 */
export function nextRetry(
  attempts: number,
  now: Date,
  retryAfterMs?: number,
  random: () => number = Math.random,
): RetryDecision {
  if (attempts >= retryPolicy.maxAttempts) return { retry: false };
  return { retry: true, at: new Date(now.getTime() + retryWaitMs(attempts, retryAfterMs, random)) };
}

/**
 * Reads an HTTP `Retry-After` header: delay-seconds (`120`) or an HTTP-date, relative to `nowMs`
 * (the real time: the provider's clock). Answers milliseconds, or undefined when absent or
 * unreadable (then the backoff alone decides).
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number,
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
