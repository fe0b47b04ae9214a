/**
 * Reading a journey's state back in engine tests: its enrollments, timeline, outbox and counters,
 * and the counters recomputed from those rows (what `metrics-integrity.test.ts` compares).
 */
import { randomUUID } from 'node:crypto';
import { recordActivities } from '@caravan/storage/activity.repository';
import { toEnrollment, type Enrollment } from '@caravan/storage/enrollment.repository';
import { readCounters } from '@caravan/storage/journey-counter.repository';
import { findJourney } from '@caravan/storage/journey.repository';
import { toOutboxMessage, type OutboxMessage } from '@caravan/storage/outbox.repository';
import { listAccountTimeline, toTimelineEntry } from '@caravan/storage/timeline.repository';
import type { World } from './engine.test-support.ts';

export async function enrollmentsOf(world: World, journeyId: string): Promise<Enrollment[]> {
  const rows = await world.database.db
    .selectFrom('enrollments')
    .selectAll()
    .where('journey_id', '=', journeyId)
    .orderBy('id')
    .execute();
  return rows.map(toEnrollment);
}

/** The enrollments of one account in a journey, by pass. */
export async function passesOf(
  world: World,
  journeyId: string,
  accountId: string,
): Promise<Enrollment[]> {
  return (await enrollmentsOf(world, journeyId))
    .filter((e) => e.accountId === accountId)
    .sort((a, b) => a.pass - b.pass);
}

export function timelineOf(world: World, journeyId: string, accountId: string) {
  return listAccountTimeline(world.database.db, journeyId, accountId);
}

export async function outboxOf(world: World, journeyId: string): Promise<OutboxMessage[]> {
  const rows = await world.database.db
    .selectFrom('outbox')
    .selectAll()
    .where('journey_id', '=', journeyId)
    .orderBy('id')
    .execute();
  return rows.map(toOutboxMessage);
}

/** One counter of a journey (node '' = totals); 0 when never written. */
export async function counter(
  world: World,
  journeyId: string,
  nodeId: string,
  name: string,
): Promise<number> {
  return (await readCounters(world.database.db, journeyId)).get(nodeId)?.get(name) ?? 0;
}

/** Records one activity now (as ingestion would), which wakes the account's listeners. */
export async function recordEvent(
  world: World,
  event: {
    type: string;
    accountId: string;
    personId?: string | null;
    properties?: Record<string, string | number | boolean | null>;
  },
): Promise<void> {
  const now = world.clock.now();
  await recordActivities(world.database.db, [
    {
      id: randomUUID(),
      type: event.type,
      accountId: event.accountId,
      personId: event.personId ?? null,
      occurredAt: now,
      receivedAt: now,
      messageId: null,
      properties: event.properties ?? {},
    },
  ]);
}

type Counters = Record<string, Record<string, number>>;

/** Node → counter → value, without the zeros (a counter back at 0 is as good as none). */
export async function countersOf(world: World, journeyId: string): Promise<Counters> {
  const out: Counters = {};
  for (const [node, counters] of await readCounters(world.database.db, journeyId)) {
    for (const [name, value] of counters) {
      if (value !== 0) (out[node] ??= {})[name] = value;
    }
  }
  return out;
}

/** Timeline kinds that mean the pass was at the node (not the exit, not the dispatcher's). */
const arrivalKinds = new Set(['entered', 'step', 'blocked']);

/**
 * The journey's counters recomputed from its rows: totals from the enrollments, `current` from
 * where active passes are, `entered` from the nodes each pass has timeline entries at, and
 * `port:*` from the paths the timeline records. Audience and wait nodes leave by `next` without
 * a timeline entry: what entered them and is neither there nor ended there left by `next`.
 */
export async function recomputedCounters(world: World, journeyId: string): Promise<Counters> {
  const db = world.database.db;
  const out: Counters = {};
  const add = (node: string, name: string, delta = 1) => {
    const counters = (out[node] ??= {});
    counters[name] = (counters[name] ?? 0) + delta;
    if (counters[name] === 0) delete counters[name];
    if (Object.keys(counters).length === 0) delete out[node];
  };
  for (const e of await enrollmentsOf(world, journeyId)) {
    if (e.status === 'pending') continue;
    add('', 'entered');
    if (e.status === 'active') {
      add('', 'active');
      add(e.nodeId, 'current');
    } else add('', `ended:${e.endReason}`);
  }
  const journey = await findJourney(db, journeyId);
  const silentNext = new Set(
    journey!.definition.nodes
      .filter((n) => n.type === 'audience' || n.type === 'wait')
      .map((n) => n.id),
  );
  const rows = await db
    .selectFrom('journey_timeline')
    .selectAll()
    .where('journey_id', '=', journeyId)
    .orderBy('id')
    .execute();
  const arrived = new Set<string>();
  const exitsWhileThere = new Map<string, number>();
  for (const t of rows.map(toTimelineEntry)) {
    if (t.nodeId === null) continue;
    if (t.kind === 'exited' && t.detail.reason !== 'completed') {
      exitsWhileThere.set(t.nodeId, (exitsWhileThere.get(t.nodeId) ?? 0) + 1);
    }
    if (!arrivalKinds.has(t.kind)) continue;
    const key = `${t.enrollmentId}\u0000${t.nodeId}`;
    if (!arrived.has(key)) {
      arrived.add(key);
      add(t.nodeId, 'entered');
    }
    if (silentNext.has(t.nodeId)) continue;
    if (t.port !== null) add(t.nodeId, `port:${t.port}`);
    if (t.detail.decision === 'people routed') {
      add(t.nodeId, 'port:next');
      for (const [port, people] of Object.entries(t.detail.paths as Record<string, number>)) {
        if (people > 0) add(t.nodeId, `port:${port}`, people);
      }
    }
  }
  for (const nodeId of silentNext) {
    const left =
      (out[nodeId]?.entered ?? 0) -
      (out[nodeId]?.current ?? 0) -
      (exitsWhileThere.get(nodeId) ?? 0);
    if (left > 0) add(nodeId, 'port:next', left);
  }
  return out;
}
