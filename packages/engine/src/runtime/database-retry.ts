/**
 * Runs a database step again and again while the database is away (restarting, unreachable),
 * with backoff: 250 ms, 500 ms, 1 s … at most 5 s between tries. Any other error is thrown at
 * once, and so is the outage's error once `giveUpAfterMs` has passed.
 *
 * For the few writes that must not be dropped because the database blinked, above all the
 * settlement of a message the provider has already accepted: dropping it would leave the row
 * `sending`, and after its lease the message would go out a second time. The step must be safe to
 * repeat (a commit whose answer was lost is tried again): settlements are, since they only change
 * a row that is still `sending`. Times are real time, never the test clock.
 */
import { isDatabaseUnavailable } from '@caravan/storage/database-unavailable';

export interface DatabaseRetryOptions {
  firstMs?: number;
  maxMs?: number;
  /** Longer than any outage worth waiting for in place (10 minutes). */
  giveUpAfterMs?: number;
  /** Told about each failed try while the database is away. */
  onRetry?: (error: unknown, attempt: number) => void;
}

export async function retryWhileDatabaseAway<T>(
  step: () => Promise<T>,
  options: DatabaseRetryOptions = {},
): Promise<T> {
  const { firstMs = 250, maxMs = 5_000, giveUpAfterMs = 10 * 60_000, onRetry } = options;
  const started = Date.now();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await step();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() - started >= giveUpAfterMs) throw error;
      onRetry?.(error, attempt);
      const delay = Math.min(maxMs, firstMs * 2 ** Math.min(attempt - 1, 10));
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
