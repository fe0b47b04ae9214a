/** Journeys and their status history. Frozen: never edit, add a migration. */
import { sql, type Kysely } from 'kysely';
import { columnTypes2026 } from './migration-dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time, not typed against today's tables
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes2026(db);
  await db.schema
    .createTable('journeys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('definition', t.json, (c) => c.notNull())
    .addColumn('schedule', t.json, (c) => c.notNull())
    .addColumn('start_at', t.timestamp)
    .addColumn('end_at', t.timestamp)
    .addColumn('settings', t.json, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('published_at', t.timestamp)
    .addColumn('published_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('journeys_name_lower_unique')
    .on('journeys')
    .unique()
    .expression(sql`lower(name)`)
    .execute();
  for (const column of ['status', 'updated_at', 'created_at', 'published_at', 'start_at']) {
    await db.schema.createIndex(`journeys_${column}`).on('journeys').column(column).execute();
  }

  await db.schema
    .createTable('journey_status_changes')
    .addColumn('id', t.serial, (c) => c.primaryKey())
    .addColumn('journey_id', 'text', (c) =>
      c.notNull().references('journeys.id').onDelete('cascade'),
    )
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text')
    .addColumn('changed_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('journey_status_changes_journey_id')
    .on('journey_status_changes')
    .column('journey_id')
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('journey_status_changes').execute();
  await db.schema.dropTable('journeys').execute();
}
