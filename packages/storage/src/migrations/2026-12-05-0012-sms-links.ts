/**
 * Tracked links in SMS (issue 12): each link of a sent SMS is replaced by a short link
 * `{PUBLIC_URL}/s/{code}`; the code names the outbox message it was sent in and the URL it goes
 * to, so a click counts on that message (`sms.clicked`) and redirects only where the SMS pointed.
 * Frozen: never edit, add a migration.
 */
import type { Kysely } from 'kysely';
import { columnTypes2026 } from './migration-dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time, not typed against today's tables
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const t = columnTypes2026(db);
  await db.schema
    .createTable('sms_links')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('outbox_id', 'integer', (c) =>
      c.notNull().references('outbox.id').onDelete('cascade'),
    )
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sms_links_outbox').on('sms_links').column('outbox_id').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('sms_links').execute();
}
