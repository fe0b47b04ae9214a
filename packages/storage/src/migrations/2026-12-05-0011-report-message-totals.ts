/**
 * Report totals per journey × node × channel × content (issue 12): the same counters as the
 * per-day `report_message_rollups`, all days together, bumped in the same statements' transaction.
 * Reports without a date filter (a journey's report, the map's node counts, email performance of
 * all time, the email list) read one row per node instead of one per node and day. Filled here
 * from the per-day rows already counted.
 * Frozen: never edit, add a migration.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time, not typed against today's tables
type AnyDb = Kysely<any>;

const counters = [
  'sent',
  'delivered',
  'bounced',
  'failed',
  'opens',
  'opened',
  'clicks',
  'clicked',
  'unsubscribed',
  'complained',
] as const;

async function createTotals(db: AnyDb): Promise<void> {
  let table = db.schema
    .createTable('report_message_totals')
    .addColumn('journey_id', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('content_id', 'text', (c) => c.notNull());
  for (const counter of counters) {
    table = table.addColumn(counter, 'bigint', (c) => c.notNull().defaultTo(0));
  }
  await table
    .addColumn('first_at', 'text')
    .addColumn('last_at', 'text')
    .addPrimaryKeyConstraint('report_message_totals_pk', [
      'journey_id',
      'node_id',
      'channel',
      'content_id',
    ])
    .execute();
  await db.schema
    .createIndex('report_message_totals_content')
    .on('report_message_totals')
    .columns(['channel', 'content_id'])
    .execute();

  const columns = ['journey_id', 'node_id', 'channel', 'content_id', ...counters];
  await sql`
    insert into report_message_totals (${sql.join(columns.map((c) => sql.ref(c)))}, first_at, last_at)
    select journey_id, node_id, channel, content_id,
      ${sql.join(counters.map((c) => sql`sum(${sql.ref(c)})`))},
      min(first_at), max(last_at)
    from report_message_rollups
    group by journey_id, node_id, channel, content_id
  `.execute(db);
}

export async function up(db: AnyDb): Promise<void> {
  await createTotals(db);
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('report_message_totals').execute();
}
