/**
 * Back-pressure and visibility for ingestion (`POST /events`, Segment-spec batches). Batches pass
 * the gate one at a time — each is one set-based transaction, and two at once only contend for
 * the same database — and the others wait in order. The gate estimates a newcomer's wait from
 * the cost per call of recent batches; when that wait would exceed `maxWaitMs` (well under the SDKs'
 * 10 s timeout), or `waiting` requests already wait, it answers at once with how long to wait
 * instead: the server sends 429 `INGESTION_BUSY` with `Retry-After` (the SDKs retry those)
 * rather than holding the connection until the SDK gives up and resends the same batch. The
 * tally feeds `/metrics` and logs rejected calls at `warn`, at most once a second, so that
 * nothing is dropped silently.
 */
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import { sendError } from './errors.ts';

export interface GateLimits {
  /** Requests allowed to wait for their turn. */
  waiting: number;
  /** The longest estimated wait a request is made to sit through, in ms. */
  maxWaitMs: number;
}

export const defaultGateLimits: GateLimits = { waiting: 64, maxWaitMs: 6_000 };

/** Recent batches whose cost per call makes the estimate. */
const recentBatches = 8;

/** In (with the turn to await: it resolves to the release to call when done), or not yet. */
export type Admission =
  { admitted: true; turn: Promise<() => void> } | { admitted: false; retryAfterSeconds: number };

export interface IngestionGate {
  /** Asks for a turn for a request of `calls` calls (events). */
  enter(calls?: number): Admission;
}

/**
 * The gate. The estimate counts calls, not requests: the ms per call of recent batches times the
 * calls of the batch running and of those waiting, so that a slow batch of a few calls, or a
 * large one, weighs as much as it costs.
 */
export function createIngestionGate(
  limits: GateLimits,
  now: () => number = () => performance.now(),
): IngestionGate {
  let busy = false;
  let callsAhead = 0;
  const queue: Array<() => void> = [];
  const recent: Array<{ ms: number; calls: number }> = [];
  const msPerCall = () => {
    const calls = recent.reduce((sum, r) => sum + r.calls, 0);
    return calls === 0 ? 0 : recent.reduce((sum, r) => sum + r.ms, 0) / calls;
  };
  const start = (calls: number): (() => void) => {
    const began = now();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      callsAhead -= calls;
      recent.push({ ms: now() - began, calls });
      if (recent.length > recentBatches) recent.shift();
      const next = queue.shift();
      if (next) next();
      else busy = false;
    };
  };
  return {
    enter(calls = 1) {
      const size = Math.max(1, calls);
      if (!busy) {
        busy = true;
        callsAhead += size;
        return { admitted: true, turn: Promise.resolve(start(size)) };
      }
      const waitMs = callsAhead * msPerCall();
      if (queue.length >= limits.waiting || waitMs > limits.maxWaitMs) {
        return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
      }
      callsAhead += size;
      return {
        admitted: true,
        turn: new Promise((resolve) => queue.push(() => resolve(start(size)))),
      };
    },
  };
}

/**
 * Runs `work` on its turn at the gate; when the gate refuses, answers 429 `INGESTION_BUSY` with
 * `Retry-After` itself and resolves to undefined.
 */
export async function throughGate<T>(
  gate: IngestionGate,
  reply: FastifyReply,
  calls: number,
  work: () => Promise<T>,
): Promise<T | undefined> {
  const admission = gate.enter(calls);
  if (!admission.admitted) {
    void reply.header('retry-after', String(admission.retryAfterSeconds));
    await sendError(reply, 'INGESTION_BUSY');
    return undefined;
  }
  const release = await admission.turn;
  try {
    return await work();
  } finally {
    release();
  }
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
