/**
 * Folder `runtime/`: what every other folder runs on — the clock and the test clock's advance,
 * the transaction helper, the engine secret, typed engine events, the work loop, health and the
 * Prometheus gauges. Imports only core and storage.
 *
 * Runs a unit of work (a worker batch, a dispatcher batch) over and over: at once again while it
 * finds work, otherwise when woken by the engine signal or after `pollMs`. Signals are hints;
 * polling alone would still get everything done, only later.
 *
 * A unit that fails because the database is away (restarting, unreachable) is not a bug: its
 * transaction rolled back, so the same work is simply due again. The loop pauses a poll interval
 * and tries again for as long as the outage lasts, and reports only the first failure of an
 * outage and the moment the database answers again, not one error a second.
 */
import { isDatabaseUnavailable } from '@caravan/storage/database-unavailable';
import { engineSignal, type EngineSignal } from '@caravan/storage/engine-signal';

export interface WorkLoopOptions {
  /** Does one unit of work; answers how many items it handled (0 = idle). */
  work: () => Promise<number>;
  pollMs?: number;
  signal?: EngineSignal;
  /** Told about a failed unit; the loop waits a poll interval and goes on. */
  onError?: (error: unknown) => void;
  /** Told when a unit succeeds again after failures because the database was away. */
  onRecovered?: () => void;
}

/** Starts the loop; the returned function stops it after the unit in progress. */
export function startWorkLoop(options: WorkLoopOptions): () => Promise<void> {
  const { work, pollMs = 1000, signal = engineSignal, onError = () => {} } = options;
  const { onRecovered = () => {} } = options;
  let stopped = false;
  let databaseAway = false;
  let wake: (() => void) | undefined;
  let woken = false;
  const unsubscribe = signal.subscribe(() => {
    woken = true;
    wake?.();
  });
  const idle = () =>
    new Promise<void>((resolve) => {
      if (woken || stopped) return resolve();
      const timer = setTimeout(resolve, pollMs);
      timer.unref();
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      wake = () => {
        if (stopped) {
          clearTimeout(timer);
          resolve();
        }
      };
    });
  const running = (async () => {
    while (!stopped) {
      woken = false;
      let handled = 0;
      let failed = false;
      try {
        handled = await work();
        if (databaseAway) {
          databaseAway = false;
          onRecovered();
        }
      } catch (error) {
        failed = true;
        const away = isDatabaseUnavailable(error);
        if (!away || !databaseAway) onError(error);
        databaseAway = away;
      }
      // After a failure, wait a full interval even when woken: an outage must not become a spin.
      if (failed && !stopped) await pause(pollMs);
      else if (handled === 0 && !stopped) await idle();
      wake = undefined;
    }
  })();
  return async () => {
    stopped = true;
    wake?.();
    unsubscribe();
    await running;
  };
}
