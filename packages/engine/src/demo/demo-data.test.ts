import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Database } from '@caravan/storage/database';
import { listJourneys } from '@caravan/storage/journey.repository';
import { openTestDatabase, testDialects } from '@caravan/storage/test-databases';
import { insertUser } from '@caravan/storage/user.repository';
import { ManualClock } from '../runtime/clock.ts';
import { loadDemoB2bData } from './demo-b2b-data.ts';
import { loadDemoJourneys } from './demo-data.ts';
import { validateJourney } from '../journeys/journey-queries.service.ts';

describe.each(testDialects)('demo journeys on %s', (dialect) => {
  let database: Database;
  const clock = new ManualClock(new Date('2026-03-02T09:00:00.000Z'));
  const adminId = crypto.randomUUID();

  beforeEach(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
    await insertUser(database.db, {
      id: adminId,
      email: 'admin@localhost',
      name: 'Administrator',
      role: 'admin',
      passwordHash: 'x',
      now: clock.now(),
    });
    await loadDemoB2bData({ database, clock }, clock.now());
  });
  afterEach(async () => database.close());

  const all = () =>
    listJourneys(database.db, {
      sort: { field: 'status', direction: 'asc' },
      limit: 50,
      offset: 0,
    });

  it('creates journeys in every status on an empty database', async () => {
    expect(await loadDemoJourneys(database, clock, adminId)).toBe(6);
    const { items } = await all();
    expect(items.map((j) => j.status)).toEqual([
      'draft',
      'scheduled',
      'live',
      'closed',
      'aborted',
      'completed',
    ]);
    expect(items.every((j) => j.createdBy?.name === 'Administrator')).toBe(true);
  });

  it('completes its finished journey through the engine: its accounts passed and none is left', async () => {
    await loadDemoJourneys(database, clock, adminId);
    const { items } = await all();
    const completed = items.filter((j) => j.status === 'completed');
    expect(completed).toHaveLength(1);
    const journeyId = completed[0]!.id;
    const passes = await database.db
      .selectFrom('enrollments')
      .select(['status'])
      .where('journey_id', '=', journeyId)
      .execute();
    expect(passes.length).toBeGreaterThan(0);
    expect(passes.filter((p) => p.status === 'active' || p.status === 'pending')).toEqual([]);
    const change = await database.db
      .selectFrom('journey_status_changes')
      .select(['from_status', 'changed_by'])
      .where('journey_id', '=', journeyId)
      .where('to_status', '=', 'completed')
      .executeTakeFirstOrThrow();
    expect(change).toEqual({ from_status: 'closed', changed_by: null });
  });

  it('leaves the demo draft ready to publish, with no blocking problem', async () => {
    await loadDemoJourneys(database, clock, adminId);
    const { items } = await all();
    const draft = items.find((j) => j.status === 'draft');
    const report = draft && (await validateJourney({ database, clock }, draft.id));
    expect(report?.ok && report.value.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('publishes against the demo audiences, emails and solution interests', async () => {
    await loadDemoJourneys(database, clock, adminId);
    const { items } = await all();
    const audienceIds = new Set(
      (await database.db.selectFrom('audiences').select('id').execute()).map((row) => row.id),
    );
    const sources = items.map((j) =>
      j.definition.nodes.flatMap((node) =>
        node.type === 'audience' ? [node.settings.sourceId] : [],
      ),
    );
    expect(sources.flat().every((id) => id !== undefined && audienceIds.has(id))).toBe(true);
  });

  it('adds nothing without the demo B2B data, whose audiences the journeys need', async () => {
    const empty = await openTestDatabase(dialect, inject('postgresUrl'));
    try {
      expect(await loadDemoJourneys(empty, clock, adminId)).toBe(0);
    } finally {
      await empty.close();
    }
  });

  it('adds nothing when journeys exist', async () => {
    await loadDemoJourneys(database, clock, adminId);
    expect(await loadDemoJourneys(database, clock, adminId)).toBe(0);
    expect((await all()).total).toBe(6);
  });
});
