import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Database } from './database.ts';
import { migrateToLatest } from './migrate.ts';
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
      'report_messages',
      'report_recipients',
      'role_templates',
      'sessions',
      'sms_messages',
      'solution_interests',
      'stage_models',
      'trait_times',
      'user_preferences',
      'users',
      'worker_heartbeats',
    ]);
  });

  it('answers MIGRATION_FAILED instead of throwing when the database cannot be migrated', async () => {
    const closed = { ...database };
    await database.db.destroy();
    const result = await migrateToLatest(closed);
    expect(result).toMatchObject({ ok: false, error: { code: 'MIGRATION_FAILED' } });
  });
});
