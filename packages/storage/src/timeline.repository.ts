/** The per-account journey timeline: appended in batches, read oldest first. */
import type { TimelineEntry, TimelineKind } from '@caravan/core/engine/timeline';
import { fromJson, fromTimestamp, toJson } from './column-types.ts';
import type { Db } from './database.ts';
import { isPostgresDb } from './dialects/postgres/is-postgres.ts';
import { executeUnnestInsert, type UnnestColumn } from './dialects/postgres/unnest-insert.ts';
import type { JourneyTimelineRow } from './engine.table.ts';

/** Rows per INSERT: 9 parameters each stays below SQLite's and PostgreSQL's limits. */
const batchSize = 500;

const unnestColumns: readonly UnnestColumn[] = [
  ['journey_id', 'text'],
  ['enrollment_id', 'bigint'],
  ['account_id', 'text'],
  ['person_id', 'text'],
  ['node_id', 'text'],
  ['at', 'timestamptz'],
  ['kind', 'text'],
  ['port', 'text'],
  ['detail', 'jsonb'],
];

export async function appendTimeline(db: Db, entries: readonly TimelineEntry[]): Promise<void> {
  if (isPostgresDb(db)) {
    // One statement for the whole batch, whatever its size (a worker batch writes ~3,500 rows).
    const rows = entries.map((e) => [
      e.journeyId,
      e.enrollmentId,
      e.accountId,
      e.personId,
      e.nodeId,
      e.at,
      e.kind,
      e.port,
      toJson(e.detail),
    ]);
    await executeUnnestInsert(db, 'journey_timeline', unnestColumns, rows);
    return;
  }
  for (let start = 0; start < entries.length; start += batchSize) {
    const rows = entries.slice(start, start + batchSize).map((e) => ({
      journey_id: e.journeyId,
      enrollment_id: e.enrollmentId,
      account_id: e.accountId,
      person_id: e.personId,
      node_id: e.nodeId,
      at: e.at,
      kind: e.kind,
      port: e.port,
      detail: toJson(e.detail),
    }));
    await db.insertInto('journey_timeline').values(rows).execute();
  }
}

export function toTimelineEntry(row: JourneyTimelineRow): TimelineEntry & { id: number } {
  return {
    id: Number(row.id),
    journeyId: row.journey_id,
    enrollmentId: Number(row.enrollment_id),
    accountId: row.account_id,
    personId: row.person_id,
    nodeId: row.node_id,
    at: fromTimestamp(row.at),
    kind: row.kind as TimelineKind,
    port: row.port,
    detail: fromJson(row.detail) as Record<string, unknown>,
  };
}

/** Every entry of one account in one journey (all its passes), oldest first. */
export async function listAccountTimeline(
  db: Db,
  journeyId: string,
  accountId: string,
): Promise<Array<TimelineEntry & { id: number }>> {
  // Through the account's passes: the timeline keeps no (journey, account) index (migration 0010).
  const rows = await db
    .selectFrom('journey_timeline')
    .selectAll()
    .where(
      'enrollment_id',
      'in',
      db
        .selectFrom('enrollments')
        .select('id')
        .where('journey_id', '=', journeyId)
        .where('account_id', '=', accountId),
    )
    .orderBy('id')
    .execute();
  return rows.map(toTimelineEntry);
}

/** Every entry of one pass, oldest first. */
export async function listEnrollmentTimeline(
  db: Db,
  enrollmentId: number,
): Promise<Array<TimelineEntry & { id: number }>> {
  const rows = await db
    .selectFrom('journey_timeline')
    .selectAll()
    .where('enrollment_id', '=', enrollmentId)
    .orderBy('id')
    .execute();
  return rows.map(toTimelineEntry);
}
