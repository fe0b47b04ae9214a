/**
 * Reports (issue 12): counters kept current in the transactions that record sends, deliveries,
 * bounces, opens, clicks and pass ends, so that reports read small tables and never scan
 * activities or the outbox. Also the addresses that bounced hard or complained.
 * Frozen: never edit, add a migration.
 *
 * Times are ISO-8601 UTC text in both databases (days 'YYYY-MM-DD', hours 'YYYY-MM-DDTHH').
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time, not typed against today's tables
type AnyDb = Kysely<any>;

async function createMessages(db: AnyDb): Promise<void> {
  // One row per message a channel accepted: finds a message from a provider's id (a bounce, a
  // status callback) or from the outbox id in a tracking token without touching the outbox.
  await db.schema
    .createTable('report_messages')
    .addColumn('message_key', 'text', (c) => c.primaryKey())
    .addColumn('outbox_id', 'bigint', (c) => c.notNull())
    .addColumn('journey_id', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('content_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('person_id', 'text')
    .addColumn('recipient', 'text')
    .addColumn('sent_day', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('report_messages_outbox')
    .on('report_messages')
    .column('outbox_id')
    .execute();

  await db.schema
    .createTable('report_message_rollups')
    .addColumn('journey_id', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('content_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('sent', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('delivered', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bounced', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('opens', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('opened', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('clicks', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('clicked', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('unsubscribed', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('complained', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('first_at', 'text')
    .addColumn('last_at', 'text')
    .addPrimaryKeyConstraint('report_message_rollups_pk', [
      'journey_id',
      'node_id',
      'channel',
      'content_id',
      'day',
    ])
    .execute();
  await db.schema
    .createIndex('report_message_rollups_content_day')
    .on('report_message_rollups')
    .columns(['channel', 'content_id', 'day'])
    .execute();
  await db.schema
    .createIndex('report_message_rollups_day')
    .on('report_message_rollups')
    .columns(['day', 'channel'])
    .execute();

  // Who opened / clicked / bounced / unsubscribed a node's message: unique counts and drill-through.
  await db.schema
    .createTable('report_recipients')
    .addColumn('journey_id', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_recipients_pk', ['journey_id', 'node_id', 'kind', 'person_id'])
    .execute();
}

async function createJourneyRollups(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('report_journey_hours')
    .addColumn('journey_id', 'text', (c) => c.notNull())
    .addColumn('hour', 'text', (c) => c.notNull())
    .addColumn('completed', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('duration_ms', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('report_journey_hours_pk', ['journey_id', 'hour'])
    .execute();
  // Completed passes by duration bucket (seconds, rounded: see report-rollup.repository.ts).
  await db.schema
    .createTable('report_journey_durations')
    .addColumn('journey_id', 'text', (c) => c.notNull())
    .addColumn('bucket_s', 'bigint', (c) => c.notNull())
    .addColumn('passes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('report_journey_durations_pk', ['journey_id', 'bucket_s'])
    .execute();
  // Engagement: person_id '' is an account-level event.
  await db.schema
    .createTable('report_engagement')
    .addColumn('journey_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_engagement_pk', [
      'journey_id',
      'account_id',
      'person_id',
      'kind',
    ])
    .execute();
  await db.schema
    .createTable('report_journey_totals')
    .addColumn('journey_id', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_journey_totals_pk', ['journey_id', 'metric'])
    .execute();
}

async function createUndeliverable(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('email_undeliverable')
    .addColumn('address', 'text', (c) => c.primaryKey())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
}

export async function up(db: AnyDb): Promise<void> {
  await createMessages(db);
  await createJourneyRollups(db);
  await createUndeliverable(db);
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    'email_undeliverable',
    'report_journey_totals',
    'report_engagement',
    'report_journey_durations',
    'report_journey_hours',
    'report_recipients',
    'report_message_rollups',
    'report_messages',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
