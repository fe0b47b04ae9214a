/**
 * Journey metrics as counters kept current in the same transactions as the moves they count
 * (SPEC §4, issue 4 "not recomputed by scans"). A batch adds its deltas with one upsert; keys are
 * written in a fixed order so that two PostgreSQL workers lock counter rows in the same order.
 */
import { sql } from 'kysely';
import type { Db } from './database.ts';
import { isPostgresDb } from './dialects/postgres/is-postgres.ts';
import { executeUnnestInsert } from './dialects/postgres/unnest-insert.ts';

/** `nodeId` '' holds the journey's totals. */
export interface CounterDelta {
  journeyId: string;
  nodeId: string;
  counter: string;
  delta: number;
}

export const totalsNode = '';

/** Sums deltas of the same key and drops those that cancel out. */
export function mergeCounterDeltas(deltas: Iterable<CounterDelta>): CounterDelta[] {
  const sums = new Map<string, CounterDelta>();
  for (const d of deltas) {
    const key = `${d.journeyId}\u0000${d.nodeId}\u0000${d.counter}`;
    const seen = sums.get(key);
    if (seen) seen.delta += d.delta;
    else sums.set(key, { ...d });
  }
  return [...sums.entries()]
    .filter(([, d]) => d.delta !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, d]) => d);
}

const batchSize = 500;

export async function addCounters(db: Db, deltas: Iterable<CounterDelta>): Promise<void> {
  const merged = mergeCounterDeltas(deltas);
  if (isPostgresDb(db)) {
    // One statement of constant text; unnest keeps the sorted order, so locks are taken in order.
    await executeUnnestInsert(
      db,
      'journey_counters',
      [
        ['journey_id', 'text'],
        ['node_id', 'text'],
        ['counter', 'text'],
        ['value', 'bigint'],
      ],
      merged.map((d) => [d.journeyId, d.nodeId, d.counter, d.delta]),
      sql`on conflict (journey_id, node_id, counter) do update set value = journey_counters.value + excluded.value`,
    );
    return;
  }
  for (let start = 0; start < merged.length; start += batchSize) {
    const rows = merged.slice(start, start + batchSize).map((d) => ({
      journey_id: d.journeyId,
      node_id: d.nodeId,
      counter: d.counter,
      value: d.delta,
    }));
    await db
      .insertInto('journey_counters')
      .values(rows)
      .onConflict((oc) =>
        oc
          .columns(['journey_id', 'node_id', 'counter'])
          .doUpdateSet({ value: sql<number>`journey_counters.value + excluded.value` }),
      )
      .execute();
  }
}

/** Every counter of a journey: node id ('' for totals) → counter → value. */
export async function readCounters(
  db: Db,
  journeyId: string,
): Promise<Map<string, Map<string, number>>> {
  const rows = await db
    .selectFrom('journey_counters')
    .select(['node_id', 'counter', 'value'])
    .where('journey_id', '=', journeyId)
    .execute();
  const byNode = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const counters = byNode.get(row.node_id) ?? new Map<string, number>();
    counters.set(row.counter, Number(row.value));
    byNode.set(row.node_id, counters);
  }
  return byNode;
}
