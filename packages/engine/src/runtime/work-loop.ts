/**
 * Folder `runtime/`: what every other folder runs on — the clock and the test clock's advance,
 * the transaction helper, the engine secret, typed engine events, the work loop, health and the
 * Prometheus gauges. Imports only core and storage.
 *
 * Runs a unit of work (a worker batch, a dispatcher batch) over and over: at once again while it
 * finds work, otherwise when woken by the engine signal or after `pollMs`. Signals are hints;
 * polling alone would still get everything done, only later.
 */
import { engineSignal, type EngineSignal } from '@caravan/storage/engine-signal';

export interface WorkLoopOptions {
  /** Does one unit of work; answers how many items it handled (0 = idle). */
  work: () => Promise<number>;
  pollMs?: number;
  signal?: EngineSignal;
  /** Told about a failed unit; the loop waits a poll interval and goes on. */
  onError?: (error: unknown) => void;
}

/** Starts the loop; the returned function stops it after the unit in progress. */
export function startWorkLoop(options: WorkLoopOptions): () => Promise<void> {
  const { work, pollMs = 1000, signal = engineSignal, onError = () => {} } = options;
  let stopped = false;
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
  const running = (async () => {
    while (!stopped) {
      woken = false;
      let handled = 0;
      try {
        handled = await work();
      } catch (error) {
        onError(error);
      }
      if (handled === 0 && !stopped) await idle();
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
