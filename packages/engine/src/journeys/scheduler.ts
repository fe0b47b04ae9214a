/**
 * Turns scheduled journeys live when their start time comes. The due time is the stored
 * schedule, never an in-memory timer, so a restart loses nothing: the next tick catches up.
 *
 * It also recomputes every buying group's engagement score once per UTC day of the injected
 * clock: on the loop's first tick (so a restart always recomputes) and on the first tick after
 * the clock's UTC day changes. The only memory is the last day run, held by the loop; nothing is
 * stored, so two processes running loops both recompute (harmless: the result is the same).
 */
import type { Clock } from '@caravan/core/clock';
import type { Journey } from '@caravan/core/journey/journey';
import { transition } from '@caravan/core/journey/status';
import { err, ok, type Result } from '@caravan/core/result';
import type { Database } from '@caravan/storage/database';
import {
  findJourneysDueToStart,
  insertStatusChange,
  updateJourney,
} from '@caravan/storage/journey.repository';
import {
  recomputeEngagementScores,
  type EngagementRecompute,
} from '../buying-groups/engagement.service.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { applyRunEffects, completeFinishedJourneys } from './journey-run-lifecycle.ts';
import { inTransaction } from '../runtime/transaction.ts';

async function startJourney(
  database: Database,
  journey: Journey,
  now: Date,
): Promise<Result<Journey, { code: string; message: string }>> {
  return inTransaction<Journey, { code: string; message: string }>(database, async (trx) => {
    const target = transition(journey.status, 'start');
    if (!target.ok) return err(target.error);
    // The system starts it, so the history names nobody (by = null); the journey's
    // updatedBy stays the publisher, who asked for this start.
    const by = journey.publishedBy?.id ?? journey.updatedBy?.id ?? journey.createdBy?.id ?? '';
    const updated = await updateJourney(trx, journey.id, { status: 'live' }, by, now, 'scheduled');
    if (!updated.ok) return updated;
    await insertStatusChange(trx, {
      journeyId: journey.id,
      from: 'scheduled',
      to: 'live',
      by: null,
      at: now,
    });
    await recordAudit(trx, now, {
      actorId: null,
      action: 'journey.started',
      entityType: 'journey',
      entityId: journey.id,
      entityName: journey.name,
      before: { status: 'scheduled' },
      after: { status: 'live' },
    });
    await applyRunEffects(trx, updated.value, 'live', now);
    return ok(updated.value);
  });
}

/**
 * Starts every scheduled journey whose start has come; returns those it started. A journey
 * another process started or aborted meanwhile is skipped (compare-and-set on its status).
 */
export async function startScheduledJourneys(database: Database, clock: Clock): Promise<Journey[]> {
  const now = clock.now();
  const started: Journey[] = [];
  for (const journey of await findJourneysDueToStart(database.db, now)) {
    const result = await startJourney(database, journey, now);
    if (result.ok) started.push(result.value);
  }
  return started;
}

/** What the loop remembers between ticks: the UTC day (YYYY-MM-DD) it last scored. */
export interface DailyRunState {
  lastEngagementDay: string | undefined;
}

/**
 * Recomputes all engagement scores when the clock's UTC day is not the one last run; answers
 * the outcome, or undefined when today has already run. The day is marked before the run, so a
 * failing run is reported once and retried the next day rather than on every tick.
 */
export async function runDailyEngagement(
  database: Database,
  clock: Clock,
  state: DailyRunState,
): Promise<EngagementRecompute | undefined> {
  const today = clock.now().toISOString().slice(0, 10);
  if (state.lastEngagementDay === today) return undefined;
  state.lastEngagementDay = today;
  return recomputeEngagementScores({ database, clock });
}

/** One tick of the loop: due journeys, then the daily engagement run; each failure is reported. */
export async function schedulerTick(
  database: Database,
  clock: Clock,
  state: DailyRunState,
  onError: (error: unknown) => void,
): Promise<void> {
  await startScheduledJourneys(database, clock).catch(onError);
  await completeFinishedJourneys(database, clock).catch(onError);
  await runDailyEngagement(database, clock, state).catch(onError);
}

export interface SchedulerLoopOptions {
  database: Database;
  clock: Clock;
  intervalMs?: number;
  /** Told about a failed tick; the loop keeps going. */
  onError?: (error: unknown) => void;
}

/** Runs `schedulerTick` every `intervalMs` (1 s); the returned function stops it. */
export function startSchedulerLoop(options: SchedulerLoopOptions): () => Promise<void> {
  const { database, clock, intervalMs = 1000, onError = () => {} } = options;
  let running: Promise<unknown> = Promise.resolve();
  let ticking = false;
  const state: DailyRunState = { lastEngagementDay: undefined };
  const timer = setInterval(() => {
    // Skips a tick while the previous one is still working rather than piling them up.
    if (ticking) return;
    ticking = true;
    running = schedulerTick(database, clock, state, onError).finally(() => {
      ticking = false;
    });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
