/**
 * One claimed batch being decided: the facts loaded for it, and everything the decisions will
 * write — timeline entries, counter deltas, outbox messages — collected in memory and written
 * with a few multi-row statements in the batch's transaction.
 */
import type { AccountFacts } from '@caravan/core/conditions/account-facts';
import { nodeCounter, totalCounter } from '@caravan/core/engine/metrics';
import type { EndReason, TimelineEntry, TimelineKind } from '@caravan/core/engine/timeline';
import type { AccountList } from '@caravan/storage/account-list.repository';
import type { Activity, NewActivity } from '@caravan/storage/activity.repository';
import type { Db } from '@caravan/storage/database';
import type { Enrollment } from '@caravan/storage/enrollment.repository';
import { totalsNode, type CounterDelta } from '@caravan/storage/journey-counter.repository';
import type { NewOutboxMessage } from '@caravan/storage/outbox.repository';
import type { Engagement } from '@caravan/storage/report-engagement-batch.repository';
import type { JourneyPlan } from './journey-plan.ts';

export interface PendingListChange {
  listId: string;
  accountId: string;
  change: 'add' | 'remove';
  enrollmentId: number;
  nodeId: string;
}

export class Batch {
  readonly timeline: TimelineEntry[] = [];
  readonly counters: CounterDelta[] = [];
  readonly outbox: NewOutboxMessage[] = [];
  readonly exits = new Map<string, { journeyId: string; reason: string; count: number }>();
  steps = 0;
  /**
   * The claimed enrollments by id. An action on another pass (remove from journey) must change
   * a pass of this batch here, in memory: the batch writes every claimed row back at its end.
   */
  readonly claimed = new Map<number, Enrollment>();
  /**
   * Effects written once for the whole batch at its end (`deferred-effects.ts`) rather than one
   * statement per account: static-list changes, the activities actions record and the
   * engagement of listeners that heard their event.
   */
  readonly listChanges: PendingListChange[] = [];
  readonly activities: NewActivity[] = [];
  readonly engagements: Engagement[] = [];
  /** Account lists read by actions, by id, read once per batch. */
  readonly lists = new Map<string, AccountList | undefined>();
  /** Activities of the batch's woken listeners by account, read once (`prefetchListenerActivities`). */
  readonly listenerActivities = new Map<string, Activity[]>();
  /** Variant-split quotas: counts per (journey, node, path) read once, then kept here. */
  readonly variantCounts = new Map<string, Map<string, number>>();

  constructor(
    readonly trx: Db,
    readonly now: Date,
    readonly plans: ReadonlyMap<string, JourneyPlan>,
    readonly facts: ReadonlyMap<string, AccountFacts>,
  ) {}

  /** The passes of this batch of the account in the journey that are active as decided so far. */
  activePasses(journeyId: string, accountId: string): Enrollment[] {
    return [...this.claimed.values()].filter(
      (e) => e.journeyId === journeyId && e.accountId === accountId && e.status === 'active',
    );
  }

  note(
    e: Enrollment,
    kind: TimelineKind,
    nodeId: string | null,
    port: string | null,
    detail: Record<string, unknown>,
    personId: string | null = null,
  ): void {
    this.timeline.push({
      journeyId: e.journeyId,
      enrollmentId: e.id,
      accountId: e.accountId,
      personId,
      nodeId,
      at: this.now.toISOString(),
      kind,
      port,
      detail,
    });
  }

  count(journeyId: string, nodeId: string, counter: string, delta = 1): void {
    this.counters.push({ journeyId, nodeId, counter, delta });
  }

  /** The account leaves `from` by `port` and arrives at `to` (undefined = it ends). */
  moved(e: Enrollment, from: string, port: string, to: string | undefined): void {
    this.count(e.journeyId, from, nodeCounter.current, -1);
    this.count(e.journeyId, from, nodeCounter.port(port));
    if (to !== undefined) {
      this.count(e.journeyId, to, nodeCounter.entered);
      this.count(e.journeyId, to, nodeCounter.current);
    }
  }

  /** The pass ends at `nodeId` (already counted out of the node when it moved). */
  ended(
    e: Enrollment,
    nodeId: string,
    reason: EndReason,
    detail: Record<string, unknown>,
    leaveNode: boolean,
  ): void {
    if (leaveNode) this.count(e.journeyId, nodeId, nodeCounter.current, -1);
    this.count(e.journeyId, totalsNode, totalCounter.active, -1);
    this.count(e.journeyId, totalsNode, totalCounter.ended(reason));
    e.status = reason === 'completed' ? 'completed' : reason;
    e.phase = 'done';
    e.dueAt = null;
    e.endedAt = this.now;
    e.endReason = reason;
    this.note(e, 'exited', nodeId, null, { reason, ...detail });
    const key = `${e.journeyId}\u0000${reason}`;
    const seen = this.exits.get(key);
    if (seen) seen.count += 1;
    else this.exits.set(key, { journeyId: e.journeyId, reason, count: 1 });
  }
}
