/** What Prometheus samples from the database at scrape time (see `server/src/prometheus.ts`). */
import { totalCounter } from '@caravan/core/engine/metrics';
import { fromTimestamp } from '@caravan/storage/column-types';
import type { Db } from '@caravan/storage/database';
import { totalsNode } from '@caravan/storage/journey-counter.repository';

export interface EngineGauges {
  /** now − the oldest due time among due active enrollments; 0 when nothing is due. */
  dueLagSeconds: number;
  outboxDepth: { pending: number; sending: number; dead: number };
  enrollmentsActive: number;
}

/**
 * What Prometheus samples at scrape time, by cheap indexed reads: the oldest due timer
 * (`enrollments_due`), outbox rows per unsettled status (`outbox_status`) and the active passes
 * (the totals counters, not a scan).
 */
export async function readEngineGauges(db: Db, now: Date): Promise<EngineGauges> {
  const oldest = await db
    .selectFrom('enrollments')
    .select('due_at')
    .where('due_at', 'is not', null)
    .where('due_at', '<=', now.toISOString())
    .orderBy('due_at')
    .limit(1)
    .executeTakeFirst();
  const oldestDue = oldest?.due_at ? new Date(fromTimestamp(oldest.due_at)).getTime() : null;
  const outbox = await db
    .selectFrom('outbox')
    .select(['status', db.fn.countAll<number>().as('n')])
    .where('status', 'in', ['pending', 'sending', 'dead'])
    .groupBy('status')
    .execute();
  const depth = { pending: 0, sending: 0, dead: 0 };
  for (const row of outbox) depth[row.status as keyof typeof depth] = Number(row.n);
  const active = await db
    .selectFrom('journey_counters')
    .select(db.fn.sum<number>('value').as('n'))
    .where('node_id', '=', totalsNode)
    .where('counter', '=', totalCounter.active)
    .executeTakeFirst();
  return {
    dueLagSeconds: oldestDue === null ? 0 : Math.max(0, (now.getTime() - oldestDue) / 1000),
    outboxDepth: depth,
    enrollmentsActive: Number(active?.n ?? 0),
  };
}
