/**
 * Folder `run/`: the worker — claim a batch of due enrollments, decide in memory with one handler
 * per node type and action, write the batch back in one transaction. A workflow folder: may
 * import the data folders, `entry/`, `runtime/` and the other workflow folders.
 *
 * The engine worker (SPEC §4): claims due enrollments in batches, decides in memory where each
 * account goes, and writes the result — enrollment rows, timeline, counters, outbox — in the
 * transaction that claimed them. A crash before commit leaves the rows due as they were (nothing
 * half-done, nothing repeated); after commit the work is done exactly once.
 */
import type { Clock } from '@caravan/core/clock';
import { loadFactsForAccounts } from '@caravan/storage/account-facts-batch.repository';
import type { Database, Db } from '@caravan/storage/database';
import {
  claimDueEnrollments,
  deleteEnrollment,
  saveEnrollments,
  type Enrollment,
} from '@caravan/storage/enrollment.repository';
import { addCounters } from '@caravan/storage/journey-counter.repository';
import { rollupPassEnds } from '../reports/report-hooks.ts';
import { findJourney } from '@caravan/storage/journey.repository';
import { witnessActivities } from '@caravan/storage/activity-witness';
import { notifyEngine, wakeListeningEnrollments } from '@caravan/storage/listener-wake.repository';
import { enqueueOutbox } from '@caravan/storage/outbox.repository';
import { appendTimeline } from '@caravan/storage/timeline.repository';
import type { EngineEvents } from '../runtime/engine-events.ts';
import {
  acceptsEntries,
  entryCounters,
  entrySourceOf,
  isInSource,
} from '../entry/journey-entry.ts';
import { advance } from './advance.ts';
import { Batch } from './batch.ts';
import { flushDeferredEffects } from './deferred-effects.ts';
import { compilePlan, factsNeedsOf, type JourneyPlan } from './journey-plan.ts';
import { prefetchListenerActivities } from './listen.ts';

export interface WorkerDeps {
  database: Database;
  clock: Clock;
  events?: EngineEvents;
  /** Enrollments claimed per transaction (default 500). */
  batchSize?: number;
}

export interface BatchResult {
  enrollments: number;
  steps: number;
}

/** Compiled plans by journey id, reused while the journey's version is unchanged. */
const planCache = new Map<string, JourneyPlan>();

async function loadPlans(trx: Db, journeyIds: Iterable<string>): Promise<Map<string, JourneyPlan>> {
  const plans = new Map<string, JourneyPlan>();
  for (const id of new Set(journeyIds)) {
    const journey = await findJourney(trx, id);
    if (!journey) continue;
    let plan = planCache.get(id);
    if (
      !plan ||
      plan.journey.version !== journey.version ||
      plan.journey.status !== journey.status
    ) {
      plan = compilePlan(journey);
      planCache.set(id, plan);
    }
    plans.set(id, plan);
  }
  return plans;
}

/**
 * A pending re-entry whose delay is over: it becomes a new pass when the journey still takes
 * entries and the account still qualifies; otherwise it lapses (the row goes).
 */
async function reenter(batch: Batch, e: Enrollment, plan: JourneyPlan): Promise<boolean> {
  const source = entrySourceOf(plan.journey);
  const qualifies =
    acceptsEntries(plan.journey, batch.now) &&
    source !== undefined &&
    (await isInSource(batch.trx, source, e.accountId));
  if (!qualifies) {
    await deleteEnrollment(batch.trx, e.id);
    return false;
  }
  e.status = 'active';
  e.phase = 'run';
  e.nodeId = plan.audienceNodeId;
  e.enteredAt = batch.now;
  // saveEnrollments does not write entered_at (it never changes after entry, and leaving it out
  // keeps a batch's rows in few groups); a pass that re-enters now entered now, not when queued.
  await batch.trx
    .updateTable('enrollments')
    .set({ entered_at: batch.now.toISOString() })
    .where('id', '=', e.id)
    .execute();
  e.nodeEnteredAt = batch.now;
  e.state = {};
  batch.counters.push(...entryCounters(e.journeyId, plan.audienceNodeId, 1));
  return true;
}

async function decide(batch: Batch, claimed: Enrollment[]): Promise<Enrollment[]> {
  const kept: Enrollment[] = [];
  for (const e of claimed) {
    const plan = batch.plans.get(e.journeyId);
    if (!plan) continue;
    if (e.status === 'pending' && !(await reenter(batch, e, plan))) continue;
    kept.push(e);
    // Ended earlier in this batch by another pass's action (remove from journey).
    if (e.status !== 'active') continue;
    const facts = batch.facts.get(e.accountId);
    if (!facts) {
      batch.ended(e, e.nodeId, 'accountDeleted', { decision: 'the account was deleted' }, true);
      continue;
    }
    await advance({ batch, plan, enrollment: e, facts });
  }
  return kept;
}

async function processClaimed(trx: Db, now: Date, limit: number) {
  const claimed = await claimDueEnrollments(trx, now, limit);
  if (claimed.length === 0) return undefined;
  const plans = await loadPlans(
    trx,
    claimed.map((e) => e.journeyId),
  );
  const facts = await loadFactsForAccounts(
    trx,
    claimed.map((e) => e.accountId),
    factsNeedsOf(plans, now, claimed),
  );
  const batch = new Batch(trx, now, plans, facts);
  for (const e of claimed) batch.claimed.set(e.id, e);
  await prefetchListenerActivities(batch, claimed);
  const { result: kept, accounts: gotActivities } = await witnessActivities(async () => {
    const decided = await decide(batch, claimed);
    await flushDeferredEffects(batch);
    return decided;
  });
  await saveEnrollments(trx, kept);
  // Activities this batch recorded must still wake listeners the batch had already decided on.
  if (gotActivities.size > 0) await wakeListeningEnrollments(trx, [...gotActivities], now);
  await appendTimeline(trx, batch.timeline);
  await addCounters(trx, batch.counters);
  await rollupPassEnds(trx, kept, now);
  if (batch.outbox.length > 0) {
    await enqueueOutbox(trx, batch.outbox);
    await notifyEngine(trx);
  }
  const oldest = claimed.reduce(
    (min, e) => Math.min(min, e.dueAt?.getTime() ?? now.getTime()),
    now.getTime(),
  );
  return {
    claimed: claimed.length,
    steps: batch.steps,
    lagMs: now.getTime() - oldest,
    exits: [...batch.exits.values()],
  };
}

/** Claims and processes one batch of due enrollments; answers what it did (0 = nothing due). */
export async function processDueEnrollments(deps: WorkerDeps): Promise<BatchResult> {
  const now = deps.clock.now();
  const done = await deps.database.db
    .transaction()
    .execute((trx) => processClaimed(trx, now, deps.batchSize ?? 500));
  if (!done) return { enrollments: 0, steps: 0 };
  deps.events?.emit('batch:processed', {
    enrollments: done.claimed,
    steps: done.steps,
    lagMs: done.lagMs,
  });
  for (const exit of done.exits) deps.events?.emit('accounts:exited', exit);
  return { enrollments: done.claimed, steps: done.steps };
}

/** Processes batches until nothing is due at the clock's current time. */
export async function runEngineUntilIdle(deps: WorkerDeps): Promise<BatchResult> {
  const total = { enrollments: 0, steps: 0 };
  for (;;) {
    const batch = await processDueEnrollments(deps);
    if (batch.enrollments === 0) return total;
    total.enrollments += batch.enrollments;
    total.steps += batch.steps;
  }
}
