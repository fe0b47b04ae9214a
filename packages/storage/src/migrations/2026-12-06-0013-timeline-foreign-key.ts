/**
 * The timeline's foreign key to `journeys` goes on PostgreSQL. PostgreSQL checks a foreign key
 * with a trigger per inserted row; the timeline is the most written table (about seven rows an
 * account pass), and `EXPLAIN ANALYZE` of an engine batch's timeline insert (1,500 rows) showed
 * the check at 16.7 of its 38.2 ms (docs/benchmarks.md, "Round 5"). The rows of a deleted
 * journey are now deleted by `deleteJourney` itself, in the transaction that deletes the journey,
 * instead of by the cascade; the engine only writes rows for journeys it is running, which cannot
 * be deleted while they run.
 *
 * SQLite keeps the constraint: there the check is an in-process probe of the journeys' primary
 * key, and dropping it would mean rebuilding the whole table.
 * Frozen: never edit, add a migration.
 */
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './migration-dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time, not typed against today's tables
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`alter table journey_timeline drop constraint if exists journey_timeline_journey_id_fkey`.execute(
    db,
  );
}

export async function down(db: AnyDb): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`delete from journey_timeline t where not exists (select 1 from journeys j where j.id = t.journey_id)`.execute(
    db,
  );
  await sql`alter table journey_timeline add constraint journey_timeline_journey_id_fkey
    foreign key (journey_id) references journeys (id) on delete cascade`.execute(db);
}
