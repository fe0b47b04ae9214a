import { randomUUID } from 'node:crypto';
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { insertApiKey } from './api-key.repository.ts';
import type { Database } from './database.ts';
import {
  deleteJourney,
  findJourney,
  findJourneysDueToStart,
  insertJourney,
  insertStatusChange,
  isJourneyNameTaken,
  listStatusChanges,
  updateJourney,
  updateJourneyAtVersion,
} from './journey.repository.ts';
import { openTestDatabase, testDialects } from './test-databases.ts';
import { appendTimeline } from './timeline.repository.ts';
import { aJourney, aUser, at, t0 } from './test-fixtures.ts';

const definition: JourneyDefinition = {
  nodes: [
    { id: 'audience', type: 'audience', settings: {} },
    { id: 'wait-1', type: 'wait', settings: { duration: { amount: 3, unit: 'days' } } },
  ],
  edges: [{ from: 'audience', port: 'next', to: 'wait-1' }],
};

describe.each(testDialects)('journeys on %s', (dialect) => {
  let database: Database;
  beforeEach(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
  });
  afterEach(async () => {
    await database.close();
  });

  it('reads back an inserted journey equal to what was written, with its creator resolved', async () => {
    const { db } = database;
    const ada = await aUser(db, { name: 'Ada', email: 'ada@example.com' });
    const input = aJourney(ada.id, {
      name: 'Welcome',
      description: 'New accounts',
      definition,
      schedule: { start: '2026-12-01T09:00:00.000Z', end: null, timeZone: 'Europe/Stockholm' },
      settings: {
        reEntry: { enabled: true, entryLimit: 2 },
        emailDeduplication: true,
        myTokens: [{ name: 'offer', type: 'text', value: '20%' }],
      },
    });
    const inserted = await insertJourney(db, input);
    const adaRef = { id: ada.id, name: 'Ada', email: 'ada@example.com' };
    const expected = {
      id: input.id,
      name: 'Welcome',
      description: 'New accounts',
      status: 'draft',
      definition,
      schedule: input.schedule,
      settings: input.settings,
      createdAt: '2026-11-29T02:00:00.000Z',
      createdBy: adaRef,
      updatedAt: '2026-11-29T02:00:00.000Z',
      updatedBy: adaRef,
      publishedAt: null,
      publishedBy: null,
      version: 1,
    };
    expect(inserted).toEqual({ ok: true, value: expected });
    expect(await findJourney(db, input.id)).toEqual(expected);
  });

  it('answers undefined for a journey that does not exist', async () => {
    expect(await findJourney(database.db, randomUUID())).toBeUndefined();
  });

  it('refuses a second journey whose name differs only in case', async () => {
    const { db } = database;
    const ada = await aUser(db);
    await insertJourney(db, aJourney(ada.id, { name: 'Welcome Series' }));
    const second = await insertJourney(db, aJourney(ada.id, { name: 'WELCOME series' }));
    expect(second).toMatchObject({ ok: false, error: { code: 'JOURNEY_NAME_TAKEN' } });
    expect(await isJourneyNameTaken(db, 'welcome SERIES')).toBe(true);
    expect(await isJourneyNameTaken(db, 'Welcome')).toBe(false);
  });

  it('leaves the caller transaction usable after a refused name', async () => {
    const { db } = database;
    const ada = await aUser(db);
    await insertJourney(db, aJourney(ada.id, { name: 'Taken' }));
    const other = aJourney(ada.id, { name: 'Free' });
    await db.transaction().execute(async (trx) => {
      expect((await insertJourney(trx, aJourney(ada.id, { name: 'taken' }))).ok).toBe(false);
      expect((await insertJourney(trx, other)).ok).toBe(true);
    });
    expect(await findJourney(db, other.id)).toMatchObject({ name: 'Free' });
  });

  it('updates the patched fields and stamps who updated when', async () => {
    const { db } = database;
    const ada = await aUser(db, { name: 'Ada' });
    const bob = await aUser(db, { name: 'Bob', email: 'bob@example.com' });
    const input = aJourney(ada.id);
    await insertJourney(db, input);
    const updated = await updateJourney(
      db,
      input.id,
      {
        name: 'Renamed',
        definition,
        schedule: { start: 'immediately', end: '2027-01-01T00:00:00+01:00' },
        status: 'live',
        publishedAt: at(5),
        publishedBy: bob.id,
      },
      bob.id,
      at(5),
    );
    const bobRef = { id: bob.id, name: 'Bob', email: 'bob@example.com' };
    expect(updated).toEqual({
      ok: true,
      value: {
        id: input.id,
        name: 'Renamed',
        description: input.description,
        status: 'live',
        definition,
        schedule: { start: 'immediately', end: '2027-01-01T00:00:00+01:00' },
        settings: input.settings,
        createdAt: t0.toISOString(),
        createdBy: { id: ada.id, name: 'Ada', email: ada.email },
        updatedAt: at(5).toISOString(),
        updatedBy: bobRef,
        publishedAt: at(5).toISOString(),
        publishedBy: bobRef,
        version: 2,
      },
    });
  });

  it('increments the row version on every update', async () => {
    const { db } = database;
    const ada = await aUser(db);
    const input = aJourney(ada.id);
    await insertJourney(db, input);
    await updateJourney(db, input.id, { description: 'a' }, ada.id, at(1));
    await updateJourney(db, input.id, { description: 'b' }, ada.id, at(2));
    const row = await db
      .selectFrom('journeys')
      .select('version')
      .where('id', '=', input.id)
      .executeTakeFirstOrThrow();
    expect(row.version).toBe(3);
  });

  it('refuses a rename to a name another journey has in other case, but allows its own', async () => {
    const { db } = database;
    const ada = await aUser(db);
    await insertJourney(db, aJourney(ada.id, { name: 'Onboarding' }));
    const mine = aJourney(ada.id, { name: 'Nurture' });
    await insertJourney(db, mine);
    const clash = await updateJourney(db, mine.id, { name: 'ONBOARDING' }, ada.id, at(1));
    expect(clash).toMatchObject({ ok: false, error: { code: 'JOURNEY_NAME_TAKEN' } });
    const recase = await updateJourney(db, mine.id, { name: 'NURTURE' }, ada.id, at(1));
    expect(recase).toMatchObject({ ok: true, value: { name: 'NURTURE' } });
  });

  it('answers STATUS_CHANGED and changes nothing when the expected status is stale', async () => {
    const { db } = database;
    const ada = await aUser(db);
    const input = aJourney(ada.id, { status: 'live' });
    await insertJourney(db, input);
    const stale = await updateJourney(db, input.id, { status: 'closed' }, ada.id, at(1), 'draft');
    expect(stale).toMatchObject({ ok: false, error: { code: 'STATUS_CHANGED' } });
    expect(await findJourney(db, input.id)).toMatchObject({
      status: 'live',
      updatedAt: t0.toISOString(),
    });
    const fresh = await updateJourney(db, input.id, { status: 'closed' }, ada.id, at(1), 'live');
    expect(fresh).toMatchObject({ ok: true, value: { status: 'closed' } });
  });

  it('saves at the version it was read at and answers JOURNEY_VERSION_CONFLICT for a stale one', async () => {
    const { db } = database;
    const ada = await aUser(db);
    const input = aJourney(ada.id);
    await insertJourney(db, input);
    const first = await updateJourneyAtVersion(
      db,
      input.id,
      { description: 'tab A' },
      ada.id,
      at(1),
      {
        status: 'draft',
        version: 1,
      },
    );
    expect(first).toMatchObject({ ok: true, value: { description: 'tab A', version: 2 } });
    const stale = await updateJourneyAtVersion(
      db,
      input.id,
      { description: 'tab B' },
      ada.id,
      at(2),
      {
        status: 'draft',
        version: 1,
      },
    );
    expect(stale).toEqual({
      ok: false,
      error: {
        code: 'JOURNEY_VERSION_CONFLICT',
        message: 'This journey was changed elsewhere (version 2); reload to see the latest.',
        details: { version: 2 },
      },
    });
    expect(await findJourney(db, input.id)).toMatchObject({
      description: 'tab A',
      version: 2,
      updatedAt: at(1).toISOString(),
    });
  });

  it('lets only one of two saves of the same version win', async () => {
    const { db } = database;
    const ada = await aUser(db);
    const input = aJourney(ada.id);
    await insertJourney(db, input);
    const expected = { status: 'draft', version: 1 } as const;
    const results = await Promise.all(
      ['one', 'two'].map((description) =>
        updateJourneyAtVersion(db, input.id, { description }, ada.id, at(1), expected),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toMatchObject([
      { error: { code: 'JOURNEY_VERSION_CONFLICT' } },
    ]);
    expect(await findJourney(db, input.id)).toMatchObject({ version: 2 });
  });

  it('answers STATUS_CHANGED rather than a version conflict when the status moved too', async () => {
    const { db } = database;
    const ada = await aUser(db);
    const input = aJourney(ada.id);
    await insertJourney(db, input);
    await updateJourney(db, input.id, { status: 'live' }, ada.id, at(1), 'draft');
    const stale = await updateJourneyAtVersion(db, input.id, { name: 'x' }, ada.id, at(2), {
      status: 'draft',
      version: 1,
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'STATUS_CHANGED' } });
  });

  it('answers JOURNEY_NOT_FOUND when updating a journey that does not exist', async () => {
    const { db } = database;
    const ada = await aUser(db);
    const missing = await updateJourney(db, randomUUID(), { name: 'x' }, ada.id, t0, 'draft');
    expect(missing).toMatchObject({ ok: false, error: { code: 'JOURNEY_NOT_FOUND' } });
  });

  it('deletes a journey with its status history and reports whether it existed', async () => {
    const { db } = database;
    const ada = await aUser(db);
    const input = aJourney(ada.id);
    await insertJourney(db, input);
    await insertStatusChange(db, {
      journeyId: input.id,
      from: null,
      to: 'draft',
      by: ada.id,
      at: t0,
    });
    expect(await deleteJourney(db, input.id)).toBe(true);
    expect(await findJourney(db, input.id)).toBeUndefined();
    expect(await listStatusChanges(db, input.id)).toEqual([]);
    expect(await deleteJourney(db, input.id)).toBe(false);
  });

  it("deletes a journey's timeline with it and leaves other journeys' timelines alone", async () => {
    const { db } = database;
    const ada = await aUser(db);
    const gone = aJourney(ada.id);
    const kept = aJourney(ada.id, { name: 'Kept' });
    await insertJourney(db, gone);
    await insertJourney(db, kept);
    const entry = (journeyId: string) => ({
      journeyId,
      enrollmentId: 1,
      accountId: 'acc-1',
      personId: null,
      nodeId: 'audience',
      at: t0.toISOString(),
      kind: 'entered' as const,
      port: null,
      detail: {},
    });
    await appendTimeline(db, [entry(gone.id), entry(gone.id), entry(kept.id)]);
    const rowsOf = async (journeyId: string) =>
      (
        await db
          .selectFrom('journey_timeline')
          .select('id')
          .where('journey_id', '=', journeyId)
          .execute()
      ).length;
    expect(await deleteJourney(db, gone.id)).toBe(true);
    expect(await rowsOf(gone.id)).toBe(0);
    expect(await rowsOf(kept.id)).toBe(1);
  });

  it('resolves audit refs of an API key with its name and an empty email', async () => {
    const { db } = database;
    const ada = await aUser(db);
    const key = await insertApiKey(db, {
      id: randomUUID(),
      name: 'CI pipeline',
      role: 'manager',
      keyHash: 'h1',
      createdBy: ada.id,
      now: t0,
    });
    const input = aJourney(key.id);
    await insertJourney(db, input);
    expect(await findJourney(db, input.id)).toMatchObject({
      createdBy: { id: key.id, name: 'CI pipeline', email: '' },
      updatedBy: { id: key.id, name: 'CI pipeline', email: '' },
    });
  });

  it('finds scheduled journeys whose start has come, exactly at the start too', async () => {
    const { db } = database;
    const ada = await aUser(db);
    const scheduled = (name: string, start: string) =>
      aJourney(ada.id, { name, status: 'scheduled', schedule: { start, end: null } });
    const due = scheduled('due', at(10).toISOString());
    const exact = scheduled('exact', at(20).toISOString());
    const later = scheduled('later', at(21).toISOString());
    const draft = aJourney(ada.id, {
      name: 'draft',
      schedule: { start: at(1).toISOString(), end: null },
    });
    for (const j of [due, exact, later, draft]) await insertJourney(db, j);
    const found = await findJourneysDueToStart(db, at(20));
    expect(found.map((j) => j.name)).toEqual(['due', 'exact']);
  });

  it('compares schedule starts in UTC whatever offset they were written with', async () => {
    const { db } = database;
    const ada = await aUser(db);
    // 03:30+01:00 is 02:30Z: due at 02:30Z, not at 02:29Z.
    const input = aJourney(ada.id, {
      status: 'scheduled',
      schedule: { start: '2026-11-29T03:30:00+01:00', end: null },
    });
    await insertJourney(db, input);
    expect(await findJourneysDueToStart(db, at(29))).toEqual([]);
    expect((await findJourneysDueToStart(db, at(30))).map((j) => j.id)).toEqual([input.id]);
  });

  it('lists status changes oldest first with who made them', async () => {
    const { db } = database;
    const ada = await aUser(db, { name: 'Ada' });
    const input = aJourney(ada.id);
    await insertJourney(db, input);
    await insertStatusChange(db, {
      journeyId: input.id,
      from: null,
      to: 'draft',
      by: ada.id,
      at: t0,
    });
    await insertStatusChange(db, {
      journeyId: input.id,
      from: 'draft',
      to: 'scheduled',
      by: ada.id,
      at: at(1),
    });
    // Same instant as the previous change: insertion order decides.
    await insertStatusChange(db, {
      journeyId: input.id,
      from: 'scheduled',
      to: 'live',
      by: null,
      at: at(1),
    });
    expect(await listStatusChanges(db, input.id)).toEqual([
      {
        journeyId: input.id,
        from: null,
        to: 'draft',
        by: { id: ada.id, name: 'Ada', email: ada.email },
        at: t0.toISOString(),
      },
      {
        journeyId: input.id,
        from: 'draft',
        to: 'scheduled',
        by: { id: ada.id, name: 'Ada', email: ada.email },
        at: at(1).toISOString(),
      },
      { journeyId: input.id, from: 'scheduled', to: 'live', by: null, at: at(1).toISOString() },
    ]);
  });
});
