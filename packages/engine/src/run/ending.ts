/**
 * Passes ended from outside the worker — a journey aborted, an account removed by another
 * journey's action — are ended set-based; this writes their timeline exits and counters in the
 * same transaction, from the node each pass was at when the statement ended it.
 */
import { nodeCounter, totalCounter } from '@caravan/core/engine/metrics';
import type { EndReason, TimelineEntry } from '@caravan/core/engine/timeline';
import type { Db } from '@caravan/storage/database';
import {
  addCounters,
  totalsNode,
  type CounterDelta,
} from '@caravan/storage/journey-counter.repository';
import { appendTimeline } from '@caravan/storage/timeline.repository';

export async function recordEndedPasses(
  trx: Db,
  ended: ReadonlyArray<{ id: number; accountId: string; nodeId: string }>,
  journeyId: string,
  reason: EndReason,
  now: Date,
  detail: Record<string, unknown>,
): Promise<void> {
  if (ended.length === 0) return;
  const counters: CounterDelta[] = [
    { journeyId, nodeId: totalsNode, counter: totalCounter.active, delta: -ended.length },
    { journeyId, nodeId: totalsNode, counter: totalCounter.ended(reason), delta: ended.length },
  ];
  const entries: TimelineEntry[] = [];
  for (const pass of ended) {
    counters.push({ journeyId, nodeId: pass.nodeId, counter: nodeCounter.current, delta: -1 });
    entries.push({
      journeyId,
      enrollmentId: pass.id,
      accountId: pass.accountId,
      personId: null,
      nodeId: pass.nodeId,
      at: now.toISOString(),
      kind: 'exited',
      port: null,
      detail: { reason, ...detail },
    });
  }
  await addCounters(trx, counters);
  await appendTimeline(trx, entries);
}

export async function removedFromJourney(
  trx: Db,
  ended: ReadonlyArray<{ id: number; accountId: string; nodeId: string }>,
  journeyId: string,
  now: Date,
  byJourneyId: string,
): Promise<void> {
  await recordEndedPasses(trx, ended, journeyId, 'removed', now, { byJourneyId });
}
