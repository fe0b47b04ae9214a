import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Database } from './database.ts';
import { migrateToLatest } from './migrate.ts';
import * as reportTotals from './migrations/2026-12-05-0011-report-message-totals.ts';
import { openTestDatabase, testDialects } from './test-databases.ts';

describe.each(testDialects)('migrations on %s', (dialect) => {
  let database: Database;
  beforeEach(async () => {
    // Already migrated once by the helper.
    database = await openTestDatabase(dialect, inject('postgresUrl'));
  });
  afterEach(async () => {
    await database.close();
  });

  it('runs nothing the second time and leaves every table in place', async () => {
    expect(await migrateToLatest(database)).toEqual({ ok: true, value: [] });
    const tables = (await database.db.introspection.getTables()).map((t) => t.name).sort();
    expect(tables).toEqual([
      'account_list_members',
      'account_lists',
      'account_memberships',
      'accounts',
      'activities',
      'api_keys',
      'attribute_definitions',
      'audience_members',
      'audiences',
      'audit_log',
      'buying_group_members',
      'buying_groups',
      'email_undeliverable',
      'emails',
      'engine_settings',
      'enrollments',
      'event_types',
      'external_services',
      'ingested_messages',
      'ingestion_identities',
      'ingestion_pending',
      'journey_counters',
      'journey_status_changes',
      'journey_timeline',
      'journeys',
      'outbox',
      'people',
      'report_engagement',
      'report_journey_durations',
      'report_journey_hours',
      'report_journey_totals',
      'report_message_rollups',
      'report_message_totals',
      'report_messages',
      'report_recipients',
      'role_templates',
      'sessions',
      'sms_links',
      'sms_messages',
      'solution_interests',
      'stage_models',
      'trait_times',
      'user_preferences',
      'users',
      'worker_heartbeats',
    ]);
  });

  it('fills the report totals from the per-day rollups counted before it', async () => {
    const db = database.db;
    await reportTotals.down(db);
    const day = (d: string, sent: number, opened: number, at: string) => ({
      journey_id: 'j1',
      node_id: 'mail',
      channel: 'email',
      content_id: 'e1',
      day: d,
      sent,
      delivered: sent,
      opened,
      first_at: at,
      last_at: at,
    });
    await db
      .insertInto('report_message_rollups')
      .values([
        day('2026-12-01', 3, 1, '2026-12-01T08:00:00.000Z'),
        day('2026-12-02', 2, 2, '2026-12-02T09:00:00.000Z'),
      ])
      .execute();
    await reportTotals.up(db);
    const totals = await db.selectFrom('report_message_totals').selectAll().execute();
    expect(
      totals.map((t) => ({ ...t, sent: Number(t.sent), opened: Number(t.opened) })),
    ).toMatchObject([
      {
        journey_id: 'j1',
        node_id: 'mail',
        sent: 5,
        opened: 3,
        first_at: '2026-12-01T08:00:00.000Z',
        last_at: '2026-12-02T09:00:00.000Z',
      },
    ]);
    await db.deleteFrom('report_message_rollups').where('journey_id', '=', 'j1').execute();
    await db.deleteFrom('report_message_totals').where('journey_id', '=', 'j1').execute();
  });

  it('answers MIGRATION_FAILED instead of throwing when the database cannot be migrated', async () => {
    const closed = { ...database };
    await database.db.destroy();
    const result = await migrateToLatest(closed);
    expect(result).toMatchObject({ ok: false, error: { code: 'MIGRATION_FAILED' } });
  });
});
