/**
 * A Segment-spec request (a batch, or one call of a single route) processed the way
 * `POST /events` is: in one transaction, identity calls (identify, group, alias) applied in
 * order, then every track / page / screen resolved set-based and stored with one multi-row
 * insert, and each touched account re-evaluated once. Nothing is dropped inside a 200: a call is
 * accepted, a duplicate (its messageId is stored), pending (it names someone not known yet; it is
 * kept and attached when an identify, group or alias names them) or rejected with a code.
 */
import { listAttributeDefinitions } from '@caravan/storage/attribute-definition.repository';
import type { NewActivity } from '@caravan/storage/activity.repository';
import type { Db } from '@caravan/storage/database';
import {
  deletePendingCalls,
  findSeenMessageIds,
  insertPendingCalls,
  listPendingCalls,
  recordMessageIds,
  type PendingCall,
} from '@caravan/storage/ingestion.repository';
import type { DataDeps } from '../data/attribute-definitions.service.ts';
import { storeActivityBatch } from './activity-batch.ts';
import { resolveEventCalls, type EventCall } from './segment-events.ts';
import { applyIdentityCall, type Definitions, type IdentityCall } from './segment-identity.ts';
import {
  maxCallBytes,
  parseSegmentCall,
  type SegmentCall,
  type SegmentCallType,
} from './segment-message.ts';

export type CallOutcome = 'accepted' | 'duplicate' | 'pending' | 'rejected';

/** What happened to one call: for the answer, the log and the `/metrics` counters. */
export interface CallResult {
  index: number;
  type: string;
  outcome: CallOutcome;
  code?: string;
  message?: string;
}

export interface SegmentSummary {
  accepted: number;
  duplicates: number;
  pending: number;
  rejected: Array<{ index: number; code: string; message: string }>;
  calls: CallResult[];
}

export interface SegmentRequest {
  calls: readonly unknown[];
  /** The single route's type (`/v1/track`); a batch item says its own. */
  type?: SegmentCallType;
  batchContext?: Record<string, unknown>;
  /** The decompressed body size: calls are measured one by one only above the call limit. */
  bodyBytes: number;
}

/** Rounds of replaying pending calls: an identify may free a group call that frees tracks. */
const maxReplayRounds = 4;

const isIdentityCall = (c: SegmentCall): c is IdentityCall =>
  c.type === 'identify' || c.type === 'group' || c.type === 'alias';

/**
 * What deduplicates a call: its messageId, prefixed by the type for identity calls (stored apart
 * from activities), so that an identify and a group sharing an id — as the spec's own examples
 * do — are both applied.
 */
const dedupKey = (c: SegmentCall) => (isIdentityCall(c) ? `${c.type}:${c.messageId}` : c.messageId);

function typeOf(raw: unknown, forced: SegmentCallType | undefined): string {
  if (forced) return forced;
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : '';
  return typeof type === 'string' && type.length <= 20 ? type : 'unknown';
}

interface Work {
  now: Date;
  /** The attribute definitions, loaded on first use (only identity calls need them). */
  definitions: () => Promise<Definitions>;
  touched: Set<string>;
  activities: NewActivity[];
  pending: PendingCall[];
  messages: Array<{ messageId: string; type: string }>;
}

function pendingOf(call: SegmentCall, raw: unknown, identity: string, now: Date): PendingCall {
  return {
    id: crypto.randomUUID(),
    identity,
    messageId: call.sentMessageId ? call.messageId : null,
    type: call.type,
    payload: { ...(raw as object), type: call.type, context: call.context },
    receivedAt: now.toISOString(),
  };
}

/** Replays the pending calls of every touched id until nothing new is freed. */
async function replayPending(db: Db, work: Work): Promise<void> {
  const replayed = new Set<string>();
  for (let round = 0; round < maxReplayRounds; round += 1) {
    const fresh = [...work.touched].filter((id) => !replayed.has(id));
    if (fresh.length === 0) return;
    for (const id of fresh) replayed.add(id);
    const calls = await listPendingCalls(db, fresh);
    if (calls.length === 0) continue;
    await deletePendingCalls(
      db,
      calls.map((c) => c.id),
    );
    const parsed: Array<{ call: SegmentCall; row: PendingCall }> = [];
    for (const row of calls) {
      const call = parseSegmentCall(row.payload, { index: -1, now: new Date(row.receivedAt) });
      if (call.ok) parsed.push({ call: call.value, row });
    }
    for (const { call, row } of parsed) {
      if (!isIdentityCall(call)) continue;
      const done = await applyIdentityCall(db, work.now, call, await work.definitions());
      if (done.ok && done.value.kind === 'applied') {
        for (const id of done.value.touched) work.touched.add(id);
      } else if (done.ok && done.value.kind === 'pending') {
        work.pending.push({ ...row, identity: done.value.identity });
      }
    }
    const rows = new Map<SegmentCall, PendingCall>();
    for (const { call, row } of parsed) if (!isIdentityCall(call)) rows.set(call, row);
    const resolved = await resolveEventCalls(db, [...rows.keys()] as EventCall[], work.now);
    // Attached now: received (for listeners) when the account became known.
    for (const { activity } of resolved.activities) work.activities.push(activity);
    for (const { call, identity } of resolved.waiting) {
      const row = rows.get(call);
      if (row) work.pending.push({ ...row, identity });
    }
  }
}

/** Parses, deduplicates and stores a request's calls in one transaction; never throws on input. */
export async function ingestSegmentCalls(
  deps: DataDeps,
  request: SegmentRequest,
): Promise<SegmentSummary> {
  const now = deps.clock.now();
  const results: CallResult[] = [];
  const parsed: Array<{ call: SegmentCall; raw: unknown }> = [];
  for (const [index, raw] of request.calls.entries()) {
    const type = typeOf(raw, request.type);
    if (request.bodyBytes > maxCallBytes && JSON.stringify(raw ?? null).length > maxCallBytes) {
      const message = `A call holds at most ${maxCallBytes / 1024} KB.`;
      results.push({ index, type, outcome: 'rejected', code: 'CALL_TOO_LARGE', message });
      continue;
    }
    const call = parseSegmentCall(raw, {
      index,
      now,
      ...(request.type ? { type: request.type } : {}),
      ...(request.batchContext ? { batchContext: request.batchContext } : {}),
    });
    if (!call.ok) results.push({ index, type, outcome: 'rejected', ...call.error });
    else parsed.push({ call: call.value, raw });
  }
  await deps.database.db.transaction().execute(async (db) => {
    const sentKeys = (identity: boolean) =>
      parsed.flatMap(({ call }) =>
        call.sentMessageId && isIdentityCall(call) === identity ? [dedupKey(call)] : [],
      );
    // Tracks, pages and screens already stored as activities are found by their insert (its
    // ON CONFLICT DO NOTHING), not by a lookup of every message id in the activities first.
    const seen = await findSeenMessageIds(db, sentKeys(true));
    for (const id of await findSeenMessageIds(db, sentKeys(false), { activities: false })) {
      seen.add(id);
    }
    let definitions: Definitions | undefined;
    const work: Work = {
      now,
      definitions: async () => {
        definitions ??= {
          person: await listAttributeDefinitions(db, 'person'),
          account: await listAttributeDefinitions(db, 'account'),
        };
        return definitions;
      },
      touched: new Set(),
      activities: [],
      pending: [],
      messages: [],
    };
    const events = new Map<EventCall, unknown>();
    for (const { call, raw } of parsed) {
      const result = { index: call.index, type: call.type };
      if (call.sentMessageId && seen.has(dedupKey(call))) {
        results.push({ ...result, outcome: 'duplicate' });
        continue;
      }
      seen.add(dedupKey(call));
      if (!isIdentityCall(call)) {
        events.set(call, raw);
        continue;
      }
      const done = await applyIdentityCall(db, now, call, await work.definitions());
      if (!done.ok) {
        results.push({ ...result, outcome: 'rejected', ...done.error });
      } else if (done.value.kind === 'pending') {
        work.pending.push(pendingOf(call, raw, done.value.identity, now));
        results.push({ ...result, outcome: 'pending' });
      } else {
        for (const id of done.value.touched) work.touched.add(id);
        if (call.sentMessageId) work.messages.push({ messageId: dedupKey(call), type: call.type });
        results.push({ ...result, outcome: 'accepted' });
      }
    }
    const resolved = await resolveEventCalls(db, [...events.keys()], now);
    for (const { activity } of resolved.activities) work.activities.push(activity);
    // A call waiting for its person is not pending if it was stored as an activity before.
    const storedBefore = await findSeenMessageIds(
      db,
      resolved.waiting.flatMap(({ call }) => (call.sentMessageId ? [call.messageId] : [])),
    );
    for (const { call, identity } of resolved.waiting) {
      const result = { index: call.index, type: call.type };
      if (call.sentMessageId && storedBefore.has(call.messageId)) {
        results.push({ ...result, outcome: 'duplicate' });
        continue;
      }
      work.pending.push(pendingOf(call, events.get(call), identity, now));
      results.push({ ...result, outcome: 'pending' });
    }
    await replayPending(db, work);
    await insertPendingCalls(db, work.pending);
    await recordMessageIds(db, work.messages, now);
    // Once per batch: every account an activity of this request (or a replayed one) touched.
    const stored = await storeActivityBatch(db, work.activities, now);
    for (const { call, activity } of resolved.activities) {
      const outcome = stored.has(activity.id) ? 'accepted' : 'duplicate';
      results.push({ index: call.index, type: call.type, outcome });
    }
  });
  results.sort((a, b) => a.index - b.index);
  const count = (outcome: CallOutcome) => results.filter((r) => r.outcome === outcome).length;
  return {
    accepted: count('accepted'),
    duplicates: count('duplicate'),
    pending: count('pending'),
    rejected: results.flatMap((r) =>
      r.outcome === 'rejected'
        ? [{ index: r.index, code: r.code ?? 'INVALID_EVENT', message: r.message ?? '' }]
        : [],
    ),
    calls: results,
  };
}
