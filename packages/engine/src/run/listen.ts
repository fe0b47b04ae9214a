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
import {
  listActivitiesReceivedSince,
  listActivitiesReceivedSinceByAccount,
  type Activity,
} from '@caravan/storage/activity.repository';
import type { Enrollment } from '@caravan/storage/enrollment.repository';
import type { Batch } from './batch.ts';
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

/** Activities a listener looks at, at most (oldest first). */
const activitiesPerLook = 500;

/**
 * Reads, in one query for the whole batch, the activities every woken listener of the batch will
 * look at — instead of one query per listener. Called before deciding; `listen` falls back to its
 * own query for an account whose activities exceed what was read.
 */
export async function prefetchListenerActivities(
  batch: Batch,
  claimed: readonly Enrollment[],
): Promise<void> {
  const listening = claimed.flatMap((e) => {
    const node =
      e.phase === 'listen' ? batch.plans.get(e.journeyId)?.nodes.get(e.nodeId) : undefined;
    return node?.type === 'event' && node.settings.event ? [{ e, type: node.settings.event }] : [];
  });
  if (listening.length === 0) return;
  const since = new Date(Math.min(...listening.map(({ e }) => e.nodeEnteredAt.getTime())));
  const byAccount = await listActivitiesReceivedSinceByAccount(
    batch.trx,
    listening.map(({ e }) => e.accountId),
    [...new Set(listening.map(({ type }) => type))],
    since,
    activitiesPerLook,
  );
  for (const { e } of listening)
    batch.listenerActivities.set(e.accountId, byAccount.get(e.accountId) ?? []);
}

/** The activities of `type` received since `since`: from the batch's prefetch when it has them all. */
async function activitiesSince(ctx: StepContext, type: string, since: Date): Promise<Activity[]> {
  const { batch, enrollment: e } = ctx;
  const prefetched = batch.listenerActivities.get(e.accountId)?.filter((a) => a.type === type);
  if (prefetched !== undefined && prefetched.length < activitiesPerLook) {
    const from = since.getTime();
    return prefetched.filter((a) => Date.parse(a.receivedAt) >= from);
  }
  return listActivitiesReceivedSince(batch.trx, e.accountId, type, since, activitiesPerLook);
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
  const activities = await activitiesSince(ctx, node.settings.event ?? '', e.nodeEnteredAt);
  const match = activities.find((a) => matches(ctx, node, a));
  if (match) {
    const engaged = { journeyId: e.journeyId, accountId: e.accountId, personId: match.personId };
    // Written with the batch's other engagements at its end (deferred-effects.ts).
    batch.engagements.push({ ...engaged, kind: 'event', at: now });
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
