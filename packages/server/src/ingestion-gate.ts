/**
 * Back-pressure and visibility for Segment-spec ingestion. The gate lets a few requests run at
 * once and a few wait; beyond that a request is answered 429 `INGESTION_BUSY` with
 * `Retry-After` at once (the SDKs retry those) instead of holding the connection past the SDKs'
 * 10 s timeout. The tally feeds `/metrics` and logs rejected calls at `warn`, at most once a
 * second, so that nothing is dropped silently.
 */
import type { FastifyBaseLogger } from 'fastify';

export interface GateLimits {
  /** Requests processed at once (each is one transaction). */
  running: number;
  /** Requests allowed to wait for a turn. */
  waiting: number;
}

export const defaultGateLimits: GateLimits = { running: 2, waiting: 16 };

export interface IngestionGate {
  /** A turn (call the release when done), or undefined when saturated. */
  enter(): Promise<() => void> | undefined;
}

export function createIngestionGate(limits: GateLimits): IngestionGate {
  let running = 0;
  const queue: Array<() => void> = [];
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else running -= 1;
  };
  return {
    enter() {
      if (running < limits.running) {
        running += 1;
        return Promise.resolve(release);
      }
      if (queue.length >= limits.waiting) return undefined;
      return new Promise((resolve) => queue.push(() => resolve(release)));
    },
  };
}

export interface TallyEntry {
  type: string;
  outcome: string;
  code: string;
}

export interface IngestionTally {
  record(entries: readonly TallyEntry[], log: FastifyBaseLogger): void;
  /** Calls `listener` with each recorded entry (and how many); answers how to stop. */
  subscribe(listener: (entry: TallyEntry, count: number) => void): () => void;
}

export function createIngestionTally(now: () => number = Date.now): IngestionTally {
  const listeners = new Set<(entry: TallyEntry, count: number) => void>();
  let lastWarn = 0;
  let unlogged = 0;
  return {
    record(entries, log) {
      const grouped = new Map<string, { entry: TallyEntry; count: number }>();
      for (const entry of entries) {
        const key = `${entry.type}|${entry.outcome}|${entry.code}`;
        const seen = grouped.get(key);
        if (seen) seen.count += 1;
        else grouped.set(key, { entry, count: 1 });
      }
      for (const { entry, count } of grouped.values()) {
        for (const listener of listeners) listener(entry, count);
      }
      const rejected = [...grouped.values()].filter((g) => g.entry.outcome === 'rejected');
      if (rejected.length === 0) return;
      const total = rejected.reduce((sum, g) => sum + g.count, 0);
      if (now() - lastWarn < 1000) {
        unlogged += total;
        return;
      }
      lastWarn = now();
      const byCode = Object.fromEntries(
        rejected.map((g) => [`${g.entry.type}:${g.entry.code}`, g.count]),
      );
      log.warn({ rejected: byCode, notLoggedBefore: unlogged }, 'ingested calls rejected');
      unlogged = 0;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
