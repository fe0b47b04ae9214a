/**
 * Ingestion that does not lose calls: identities that name a person besides its external id (an
 * `anonymousId` once identified, a `previousId` of an alias), calls kept pending until the person
 * or account they name is known, the message ids of identify / group / alias calls (tracks are
 * deduplicated by `activities.message_id`), and when each trait was last set, so that a late
 * retry of an older identify does not revert a newer value.
 * Frozen: never edit, add a migration.
 */
import type { Kysely } from 'kysely';
import { columnTypes2026 } from './migration-dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time, not typed against today's tables
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const t = columnTypes2026(db);
  await db.schema
    .createTable('ingestion_identities')
    .addColumn('identity', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ingestion_identities_person')
    .on('ingestion_identities')
    .column('person_id')
    .execute();

  await db.schema
    .createTable('ingestion_pending')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('identity', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', t.json, (c) => c.notNull())
    .addColumn('received_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ingestion_pending_identity')
    .on('ingestion_pending')
    .column('identity')
    .execute();

  await db.schema
    .createTable('ingested_messages')
    .addColumn('message_id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('received_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('trait_times')
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('times', t.json, (c) => c.notNull())
    .addPrimaryKeyConstraint('trait_times_pk', ['entity', 'entity_id'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('trait_times').execute();
  await db.schema.dropTable('ingested_messages').execute();
  await db.schema.dropTable('ingestion_pending').execute();
  await db.schema.dropTable('ingestion_identities').execute();
}
