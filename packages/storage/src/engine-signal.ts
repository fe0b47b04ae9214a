/**
 * Wakes the engine's loops at once when work becomes due (an event for a listening account, a
 * publish, a callback) instead of waiting for their next poll. In one process this is a plain
 * in-memory signal; across PostgreSQL processes the same wake arrives by LISTEN/NOTIFY
 * (`postgres-wake.ts`). Signals are hints only: every loop also polls, so a lost signal delays
 * work by at most one poll interval and loses nothing.
 */
export type WakeListener = () => void;

export class EngineSignal {
  private readonly listeners = new Set<WakeListener>();

  /** Returns a function that stops listening. */
  subscribe(listener: WakeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  wake(): void {
    for (const listener of this.listeners) listener();
  }
}

/** The process-wide signal: storage-level changes made anywhere in this process wake here. */
export const engineSignal = new EngineSignal();
