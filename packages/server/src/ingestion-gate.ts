/**
 * Back-pressure and visibility for ingestion (`POST /events`, Segment-spec batches). Batches pass
 * the gate one at a time — each is one set-based transaction, and two at once only contend for
 * the same database — and the others wait in order. The gate estimates a newcomer's wait from
 * the recent cost of the calls ahead of it; when that wait would exceed `maxWaitMs` (well under
 * the SDKs' 10 s timeout), or `waiting` requests already wait, it answers at once with how long
 * to wait instead: the server sends 429 `INGESTION_BUSY` with `Retry-After` (the SDKs retry
 * those) rather than holding the connection until the SDK gives up and resends the same batch.
 * The tally feeds `/metrics` and logs rejected calls at `warn`, at most once a second, so that
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

/** Recent batches of each kind whose cost per call makes the estimate. */
const recentBatches = 8;

/**
 * What a request carries: events (track, page, screen, native events: stored set-based, cheap
 * each) and identity calls (identify, group, alias: applied one by one, each costing many
 * events' worth). A plain number is that many events.
 */
export interface CallMix {
  events: number;
  identities: number;
}

/** In (with the turn to await: it resolves to the release to call when done), or not yet. */
export type Admission =
  { admitted: true; turn: Promise<() => void> } | { admitted: false; retryAfterSeconds: number };

export interface IngestionGate {
  /** Asks for a turn for a request of `calls` calls (a number: events). */
  enter(calls?: number | CallMix): Admission;
}

function mixOf(calls: number | CallMix | undefined): CallMix {
  if (calls === undefined) return { events: 1, identities: 0 };
  if (typeof calls === 'number') return { events: Math.max(0, calls), identities: 0 };
  return { events: Math.max(0, calls.events), identities: Math.max(0, calls.identities) };
}

/** The mean ms per call of recent batches (undefined before any). */
function rateOf(recent: ReadonlyArray<{ ms: number; calls: number }>): number | undefined {
  const calls = recent.reduce((sum, r) => sum + r.calls, 0);
  return calls === 0 ? undefined : recent.reduce((sum, r) => sum + r.ms, 0) / calls;
}

/**
 * The gate. The estimate counts calls, not requests, at two recent costs per call: an event's,
 * learnt from batches of events only, and an identity call's, learnt from the batches that had
 * some (their time less their events' share). So a slow batch of a few calls, or a large one,
 * weighs as much as it costs, and a batch of a thousand identify calls does not make the events
 * batches after it look a hundred times dearer than they are (and be refused).
 */
export function createIngestionGate(
  limits: GateLimits,
  now: () => number = () => performance.now(),
): IngestionGate {
  let busy = false;
  /** The running request's calls and those of the requests waiting. */
  const ahead = new Set<CallMix>();
  const queue: Array<() => void> = [];
  const recentEvents: Array<{ ms: number; calls: number }> = [];
  const recentIdentities: Array<{ ms: number; calls: number }> = [];
  const remember = (list: Array<{ ms: number; calls: number }>, ms: number, calls: number) => {
    list.push({ ms, calls });
    if (list.length > recentBatches) list.shift();
  };
  const costOf = (mix: CallMix) => {
    // Before any batch of events, an event's cost is not guessed from identity calls' (as
    // before any batch at all, nothing is refused for its estimate).
    const event = rateOf(recentEvents) ?? 0;
    const identity = rateOf(recentIdentities) ?? event;
    return mix.events * event + mix.identities * identity;
  };
  const start = (mix: CallMix): (() => void) => {
    const began = now();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      ahead.delete(mix);
      const ms = now() - began;
      if (mix.identities === 0) remember(recentEvents, ms, Math.max(1, mix.events));
      else {
        const eventsShare = mix.events * (rateOf(recentEvents) ?? 0);
        remember(recentIdentities, Math.max(0, ms - eventsShare), mix.identities);
      }
      const next = queue.shift();
      if (next) next();
      else busy = false;
    };
  };
  return {
    enter(calls) {
      const mix = mixOf(calls);
      if (!busy) {
        busy = true;
        ahead.add(mix);
        return { admitted: true, turn: Promise.resolve(start(mix)) };
      }
      let waitMs = 0;
      for (const other of ahead) waitMs += costOf(other);
      if (queue.length >= limits.waiting || waitMs > limits.maxWaitMs) {
        return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
      }
      ahead.add(mix);
      return {
        admitted: true,
        turn: new Promise((resolve) => queue.push(() => resolve(start(mix)))),
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
  calls: number | CallMix,
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
