/**
 * The engine's state (SPEC §4): enrollments (an account's pass through a journey, its current
 * node and its timer as a stored due time), the per-account timeline, per-node counters kept in
 * the same transactions as the moves, the outbox of messages and calls, external services and
 * engine settings. Frozen: never edit, add a migration.
 *
 * Enrollment and outbox ids are integers (SQLite rowid / PostgreSQL bigserial): they are written
 * a million at a time by set-based entry and claimed in id order within a due time.
 */
import { sql, type Kysely } from 'kysely';
import { columnTypes2026, isPostgres } from './migration-dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time, not typed against today's tables
type AnyDb = Kysely<any>;

function bigId(db: AnyDb) {
  return isPostgres(db) ? 'bigserial' : 'integer';
}

async function createEnrollments(db: AnyDb): Promise<void> {
  const t = columnTypes2026(db);
  await db.schema
    .createTable('enrollments')
    .addColumn('id', bigId(db), (c) => c.primaryKey())
    .addColumn('journey_id', 'text', (c) =>
      c.notNull().references('journeys.id').onDelete('cascade'),
    )
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('pass', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('due_at', t.timestamp)
    .addColumn('entered_at', t.timestamp, (c) => c.notNull())
    .addColumn('node_entered_at', t.timestamp, (c) => c.notNull())
    .addColumn('ended_at', t.timestamp)
    .addColumn('end_reason', 'text')
    .addColumn('state', t.json, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('enrollments_journey_account_pass')
    .on('enrollments')
    .columns(['journey_id', 'account_id', 'pass'])
    .unique()
    .execute();
  // The claim query reads only rows with a timer; ended rows have none and drop out.
  await db.schema
    .createIndex('enrollments_due')
    .on('enrollments')
    .columns(['due_at', 'id'])
    .where(sql.ref('due_at'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('enrollments_account_status')
    .on('enrollments')
    .columns(['account_id', 'status'])
    .execute();
  await db.schema
    .createIndex('enrollments_journey_status')
    .on('enrollments')
    .columns(['journey_id', 'status'])
    .execute();
  await db.schema
    .createIndex('enrollments_journey_node_status')
    .on('enrollments')
    .columns(['journey_id', 'node_id', 'status'])
    .execute();
}

async function createTimelineAndCounters(db: AnyDb): Promise<void> {
  const t = columnTypes2026(db);
  await db.schema
    .createTable('journey_timeline')
    .addColumn('id', bigId(db), (c) => c.primaryKey())
    .addColumn('journey_id', 'text', (c) =>
      c.notNull().references('journeys.id').onDelete('cascade'),
    )
    .addColumn('enrollment_id', 'bigint', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('node_id', 'text')
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('port', 'text')
    .addColumn('detail', t.json, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('journey_timeline_enrollment')
    .on('journey_timeline')
    .columns(['enrollment_id', 'id'])
    .execute();
  await db.schema
    .createIndex('journey_timeline_journey_account')
    .on('journey_timeline')
    .columns(['journey_id', 'account_id'])
    .execute();
  // Drill-down: the accounts that ever entered a node.
  await db.schema
    .createIndex('journey_timeline_journey_node')
    .on('journey_timeline')
    .columns(['journey_id', 'node_id'])
    .execute();

  await db.schema
    .createTable('journey_counters')
    .addColumn('journey_id', 'text', (c) =>
      c.notNull().references('journeys.id').onDelete('cascade'),
    )
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('counter', 'text', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('journey_counters_pk', ['journey_id', 'node_id', 'counter'])
    .execute();
}

async function createOutbox(db: AnyDb): Promise<void> {
  const t = columnTypes2026(db);
  await db.schema
    .createTable('outbox')
    .addColumn('id', bigId(db), (c) => c.primaryKey())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('journey_id', 'text', (c) => c.references('journeys.id').onDelete('cascade'))
    .addColumn('enrollment_id', 'bigint')
    .addColumn('node_id', 'text')
    .addColumn('account_id', 'text')
    .addColumn('person_id', 'text')
    .addColumn('recipient', 'text')
    .addColumn('payload', t.json, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', t.timestamp)
    .addColumn('lease_until', t.timestamp)
    .addColumn('last_error', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('sent_at', t.timestamp)
    .execute();
  await db.schema
    .createIndex('outbox_due')
    .on('outbox')
    .columns(['next_attempt_at', 'id'])
    .where(sql.ref('next_attempt_at'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('outbox_person_channel_sent')
    .on('outbox')
    .columns(['person_id', 'channel', 'sent_at'])
    .execute();
  await db.schema
    .createIndex('outbox_journey_recipient')
    .on('outbox')
    .columns(['journey_id', 'recipient'])
    .execute();
  await db.schema.createIndex('outbox_status').on('outbox').columns(['status', 'id']).execute();
}

async function createServicesAndSettings(db: AnyDb): Promise<void> {
  const t = columnTypes2026(db);
  await db.schema
    .createTable('external_services')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('timeout_seconds', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('external_services_name_lower_unique')
    .on('external_services')
    .unique()
    .expression(sql`lower(name)`)
    .execute();

  await db.schema
    .createTable('engine_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', t.json, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
}

export async function up(db: AnyDb): Promise<void> {
  await createEnrollments(db);
  await createTimelineAndCounters(db);
  await createOutbox(db);
  await createServicesAndSettings(db);
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    'engine_settings',
    'external_services',
    'outbox',
    'journey_counters',
    'journey_timeline',
    'enrollments',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
