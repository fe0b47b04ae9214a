/**
 * Heartbeats of engine runtimes: each `caravan start` / `caravan worker` process upserts its row
 * every few seconds and deletes it when it stops, so the system status shows who is alive.
 */
import { fromTimestamp, toTimestamp } from './column-types.ts';
import type { Db } from './database.ts';
import { postgresDatabaseSize } from './dialects/postgres/database-size.ts';
import { isPostgresDb } from './dialects/postgres/is-postgres.ts';
import { sqliteDatabaseSize } from './dialects/sqlite/database-size.ts';

export interface WorkerHeartbeat {
  id: string;
  kind: 'start' | 'worker';
  host: string;
  pid: number;
  version: string;
  startedAt: string;
  beatAt: string;
}

export async function beatHeartbeat(db: Db, beat: WorkerHeartbeat): Promise<void> {
  await db
    .insertInto('worker_heartbeats')
    .values({
      id: beat.id,
      kind: beat.kind,
      host: beat.host,
      pid: beat.pid,
      version: beat.version,
      started_at: beat.startedAt,
      beat_at: beat.beatAt,
    })
    .onConflict((oc) => oc.column('id').doUpdateSet({ beat_at: beat.beatAt }))
    .execute();
}

export async function deleteHeartbeat(db: Db, id: string): Promise<void> {
  await db.deleteFrom('worker_heartbeats').where('id', '=', id).execute();
}

/** Rows of processes that died without saying so are forgotten after a day. */
export async function pruneHeartbeats(db: Db, olderThan: Date): Promise<void> {
  await db.deleteFrom('worker_heartbeats').where('beat_at', '<', toTimestamp(olderThan)).execute();
}

export async function listHeartbeats(db: Db): Promise<WorkerHeartbeat[]> {
  const rows = await db.selectFrom('worker_heartbeats').selectAll().orderBy('started_at').execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind === 'worker' ? 'worker' : 'start',
    host: r.host,
    pid: Number(r.pid),
    version: r.version,
    startedAt: fromTimestamp(r.started_at),
    beatAt: fromTimestamp(r.beat_at),
  }));
}

/** Activities received since `since` (the ingestion rate of the system status). */
export async function countActivitiesReceivedSince(db: Db, since: Date): Promise<number> {
  const { n } = await db
    .selectFrom('activities')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('received_at', '>=', toTimestamp(since))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** The database's size in bytes. */
export function databaseSize(db: Db): Promise<number> {
  return isPostgresDb(db) ? postgresDatabaseSize(db) : sqliteDatabaseSize(db);
}
