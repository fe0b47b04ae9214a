/**
 * "Listen for an event" (SPEC §2). On arrival the account starts listening: its timer is the
 * timeout (or the journey's end date), but first a short re-check, which closes the gap between
 * this transaction and an event recorded concurrently by another (each would otherwise miss the
 * other under READ COMMITTED). Events wake the listener at once (`wakeListeningEnrollments`);
 * then it looks at the activities received since it started listening, oldest first.
 */
import { evaluateEventConstraints, evaluateForPerson } from '@caravan/core/conditions/evaluate';
import type { NodeOfType } from '@caravan/core/journey/definition';
import { Ports } from '@caravan/core/journey/definition';
import { computeDueTime } from '@caravan/core/timing/due-time';
import { listActivitiesReceivedSince, type Activity } from '@caravan/storage/activity.repository';
import { recordEngagement } from '@caravan/storage/report-rollup.repository';
import type { StepContext, StepOutcome } from './step.ts';

/** How soon a new listener looks again for an event that raced its arrival. */
export const listenRecheckMs = 5_000;

function earliest(...dates: Array<Date | null | undefined>): Date | null {
  const present = dates.filter((d): d is Date => d instanceof Date);
  return present.length === 0 ? null : new Date(Math.min(...present.map((d) => d.getTime())));
}

function matches(ctx: StepContext, node: NodeOfType<'event'>, activity: Activity): boolean {
  if (!evaluateEventConstraints(node.settings.constraints ?? [], activity)) return false;
  if (node.settings.on !== 'people') return true;
  if (activity.personId === null) return false;
  const filter = node.settings.peopleFilter;
  if (!filter || filter.rules.length === 0) return true;
  return evaluateForPerson(filter, ctx.facts, activity.personId, ctx.batch.now).matched;
}

export async function listen(ctx: StepContext, node: NodeOfType<'event'>): Promise<StepOutcome> {
  const { batch, plan, enrollment: e } = ctx;
  const now = batch.now;
  if (e.phase === 'run') {
    const timeoutAt = node.settings.timeout
      ? computeDueTime(now, node.settings.timeout, plan.timeZone)
      : null;
    return {
      kind: 'park',
      phase: 'listen',
      dueAt: earliest(new Date(now.getTime() + listenRecheckMs), timeoutAt ?? plan.endAt),
      state: { timeoutAt: timeoutAt?.toISOString() ?? null },
      detail: {
        decision: `listening for ${node.settings.event ?? '?'}`,
        until: timeoutAt?.toISOString() ?? null,
      },
    };
  }
  const activities = await listActivitiesReceivedSince(
    batch.trx,
    e.accountId,
    node.settings.event ?? '',
    e.nodeEnteredAt,
    500,
  );
  const match = activities.find((a) => matches(ctx, node, a));
  if (match) {
    const engaged = { journeyId: e.journeyId, accountId: e.accountId, personId: match.personId };
    await recordEngagement(batch.trx, { ...engaged, kind: 'event', at: now });
    return {
      kind: 'move',
      port: Ports.next,
      detail: {
        decision: `event ${match.type}`,
        activityId: match.id,
        personId: match.personId,
        occurredAt: match.occurredAt,
        properties: match.properties,
      },
    };
  }
  const stored = e.state.timeoutAt;
  const timeoutAt = typeof stored === 'string' ? new Date(stored) : null;
  if (timeoutAt !== null && now >= timeoutAt) {
    if (node.settings.timeoutPath === false) {
      return {
        kind: 'end',
        reason: 'completed',
        detail: { decision: 'timed out; the timeout path is off' },
      };
    }
    return {
      kind: 'move',
      port: Ports.timeout,
      detail: { decision: 'timed out', at: timeoutAt.toISOString() },
    };
  }
  if (timeoutAt === null && plan.endAt !== null && now >= plan.endAt) {
    return {
      kind: 'end',
      reason: 'journeyEnded',
      detail: { decision: 'the journey reached its end date while listening' },
    };
  }
  return { kind: 'park', phase: 'listen', dueAt: timeoutAt ?? plan.endAt, state: e.state };
}
