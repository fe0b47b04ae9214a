/**
 * What a journey's status change does to its run (SPEC §1, §4; issue 4 "Lifecycle effects"):
 * going live enters the audience; close stops every kind of entry (pending re-entries go);
 * abort ends every active pass at once and cancels their timers and unsent messages; a journey
 * whose entries are over (closed, or past its end date) and has no pass left completes by itself.
 * Each runs in the transaction of the status change.
 */
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '@caravan/core/clock';
import type { JourneyStatus } from '@caravan/core/journey/status';
import { transition } from '@caravan/core/journey/status';
import type { Database, Db } from '@caravan/storage/database';
import {
  dropPendingEnrollments,
  endActiveEnrollments,
  hasOpenEnrollments,
  wakeListenersWithoutTimeout,
} from '@caravan/storage/enrollment.repository';
import type { StoredJourney } from '@caravan/storage/journey.mapper';
import {
  findJourney,
  insertStatusChange,
  updateJourney,
} from '@caravan/storage/journey.repository';
import { cancelPendingOutbox } from '@caravan/storage/outbox.repository';
import { notifyEngine } from '@caravan/storage/listener-wake.repository';
import type { EngineEvents } from '../runtime/engine-events.ts';
import { enterAtStart } from '../entry/journey-entry.ts';
import { recordEndedPasses } from '../run/ending.ts';

/** Ends every active pass of the journey as aborted; cancels what they had not yet sent. */
export async function abortRun(trx: Db, journeyId: string, now: Date): Promise<number> {
  const ended = await endActiveEnrollments(trx, { journeyId }, 'aborted', now);
  await recordEndedPasses(trx, ended, journeyId, 'aborted', now, {
    decision: 'the journey was aborted',
  });
  await cancelPendingOutbox(trx, journeyId, now);
  await dropPendingEnrollments(trx, journeyId);
  return ended.length;
}

/** Run effects of a status change, in its transaction. */
export async function applyRunEffects(
  trx: Db,
  journey: StoredJourney,
  to: JourneyStatus,
  now: Date,
): Promise<void> {
  if (to === 'live') await enterAtStart(trx, journey, now);
  if (to === 'closed') await dropPendingEnrollments(trx, journey.id);
  if (to === 'aborted') await abortRun(trx, journey.id, now);
}

/**
 * Past the end date, listeners without timeout end (SPEC §1). A listener parked before the end
 * date was brought forward still has the old end date as its timer: it becomes due now, and the
 * worker ends it.
 */
async function wakeListenersPastEnd(trx: Db, journey: StoredJourney, now: Date): Promise<void> {
  const end = journey.schedule.end;
  if (end === null || Date.parse(end) > now.getTime()) return;
  if ((await wakeListenersWithoutTimeout(trx, journey.id, now)) > 0) await notifyEngine(trx);
}

function entriesOver(journey: StoredJourney, now: Date): boolean {
  if (journey.status === 'closed') return true;
  const end = journey.schedule.end;
  return journey.status === 'live' && end !== null && Date.parse(end) <= now.getTime();
}

/**
 * Completes every live or closed journey whose entries are over and that has no active or
 * pending pass left; answers the ids completed.
 */
export async function completeFinishedJourneys(
  database: Database,
  clock: Clock,
  events?: EngineEvents,
): Promise<string[]> {
  const now = clock.now();
  const candidates = await database.db
    .selectFrom('journeys')
    .select('id')
    .where('status', 'in', ['live', 'closed'])
    .execute();
  const completed: string[] = [];
  for (const { id } of candidates) {
    const done = await database.db.transaction().execute(async (trx) => {
      const journey = await findJourney(trx, id);
      if (!journey || !entriesOver(journey, now)) return false;
      // Past the end date nobody may re-enter any more.
      await dropPendingEnrollments(trx, id);
      await wakeListenersPastEnd(trx, journey, now);
      if (await hasOpenEnrollments(trx, id)) return false;
      const target = transition(journey.status, 'complete');
      if (!target.ok || !('status' in target.value)) return false;
      const by = journey.updatedBy?.id ?? journey.createdBy?.id ?? '';
      const updated = await updateJourney(
        trx,
        id,
        { status: 'completed' },
        by,
        now,
        journey.status,
      );
      if (!updated.ok) return false;
      await insertStatusChange(trx, {
        journeyId: id,
        from: journey.status,
        to: 'completed',
        by: null,
        at: now,
      });
      await recordAudit(trx, now, {
        actorId: null,
        action: 'journey.completed',
        entityType: 'journey',
        entityId: id,
        entityName: journey.name,
        before: { status: journey.status },
        after: { status: 'completed' },
      });
      return true;
    });
    if (done) {
      completed.push(id);
      events?.emit('journey:completed', { journeyId: id });
    }
  }
  return completed;
}
