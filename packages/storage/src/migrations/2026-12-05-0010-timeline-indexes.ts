/**
 * Fewer indexes on the timeline: it is written several times per account step (about seven rows a
 * pass), and each index is written with every row. An account's timeline in a journey is read
 * through its enrollments (`enrollments_journey_account_pass`, then `journey_timeline_enrollment`),
 * so the (journey, account) index goes; the (journey, node) index stays for the node drill-down
 * and for deleting a journey's rows.
 * Frozen: never edit, add a migration.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time, not typed against today's tables
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('journey_timeline_journey_account').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('journey_timeline_journey_account')
    .on('journey_timeline')
    .columns(['journey_id', 'account_id'])
    .execute();
}
