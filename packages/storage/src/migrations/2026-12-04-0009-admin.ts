/**
 * Administration: users can be disabled, API keys carry their purpose (an API key or a Segment
 * write key), an audit log of who changed what, the heartbeats of engine runtimes, and an index
 * for the ingestion rate.
 * Frozen: never edit, add a migration.
 */
import type { Kysely } from 'kysely';
import { columnTypes2026, isPostgres } from './migration-dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time, not typed against today's tables
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const t = columnTypes2026(db);
  await db.schema.alterTable('users').addColumn('disabled_at', t.timestamp).execute();
  await db.schema
    .alterTable('api_keys')
    .addColumn('purpose', 'text', (c) => c.notNull().defaultTo('api'))
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', isPostgres(db) ? 'bigserial' : 'integer', (c) => c.primaryKey())
    .addColumn('at', t.timestamp, (c) => c.notNull())
    // Who did it is copied, not only referenced: the log outlives deleted users and keys.
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('entity_name', 'text')
    .addColumn('before', t.json)
    .addColumn('after', t.json)
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'id']).execute();
  await db.schema
    .createIndex('audit_log_entity')
    .on('audit_log')
    .columns(['entity_type', 'entity_id'])
    .execute();
  await db.schema.createIndex('audit_log_actor').on('audit_log').column('actor_id').execute();

  await db.schema
    .createTable('worker_heartbeats')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('pid', 'integer', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('started_at', t.timestamp, (c) => c.notNull())
    .addColumn('beat_at', t.timestamp, (c) => c.notNull())
    .execute();

  // The system status counts what was ingested in the last minute and hour.
  await db.schema
    .createIndex('activities_received_at')
    .on('activities')
    .column('received_at')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('activities_received_at').execute();
  await db.schema.dropTable('worker_heartbeats').execute();
  await db.schema.dropTable('audit_log').execute();
  await db.schema.alterTable('api_keys').dropColumn('purpose').execute();
  await db.schema.alterTable('users').dropColumn('disabled_at').execute();
}
