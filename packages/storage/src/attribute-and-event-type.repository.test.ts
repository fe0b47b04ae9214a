import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import {
  deleteAttributeDefinition,
  insertAttributeDefinition,
  listAttributeDefinitions,
  relabelAttributeDefinition,
} from './attribute-definition.repository.ts';
import type { Database } from './database.ts';
import {
  deleteEventType,
  findEventType,
  insertEventType,
  listEventTypes,
  updateEventType,
} from './event-type.repository.ts';
import { openTestDatabase, testDialects } from './test-databases.ts';
import { t0 } from './test-fixtures.ts';

describe.each(testDialects)('attribute definitions and event types on %s', (dialect) => {
  let database: Database;
  beforeEach(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
  });
  afterEach(async () => {
    await database.close();
  });

  it('declares an attribute once per entity and name, relabels and removes it', async () => {
    const { db } = database;
    const tier = { entity: 'account' as const, name: 'tier', label: 'Tier', type: 'text' as const };
    expect(await insertAttributeDefinition(db, { ...tier, now: t0 })).toEqual({
      ok: true,
      value: tier,
    });
    expect(await insertAttributeDefinition(db, { ...tier, label: 'Again', now: t0 })).toMatchObject(
      {
        ok: false,
        error: { code: 'NAME_TAKEN' },
      },
    );
    const personTier = { ...tier, entity: 'person' as const, type: 'number' as const };
    expect(await insertAttributeDefinition(db, { ...personTier, now: t0 })).toMatchObject({
      ok: true,
    });
    expect(await listAttributeDefinitions(db)).toEqual([tier, personTier]);
    expect(await listAttributeDefinitions(db, 'person')).toEqual([personTier]);
    expect(await relabelAttributeDefinition(db, 'account', 'tier', 'Account tier')).toEqual({
      ok: true,
      value: { ...tier, label: 'Account tier' },
    });
    expect(await relabelAttributeDefinition(db, 'account', 'nope', 'x')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await deleteAttributeDefinition(db, 'account', 'tier')).toBe(true);
    expect(await deleteAttributeDefinition(db, 'account', 'tier')).toBe(false);
  });

  it('round-trips event types with their fields', async () => {
    const { db } = database;
    const visit = {
      name: 'webPageVisited',
      label: 'Visited a web page',
      entity: 'person' as const,
      fields: [{ name: 'url', label: 'URL', type: 'text' as const }],
    };
    expect(await insertEventType(db, { ...visit, now: t0 })).toEqual({ ok: true, value: visit });
    expect(await insertEventType(db, { ...visit, now: t0 })).toMatchObject({
      ok: false,
      error: { code: 'NAME_TAKEN' },
    });
    expect(await findEventType(db, 'webPageVisited')).toEqual(visit);
    expect(await updateEventType(db, 'webPageVisited', { label: 'Page visit' })).toEqual({
      ok: true,
      value: { ...visit, label: 'Page visit' },
    });
    expect(await updateEventType(db, 'nope', { label: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect((await listEventTypes(db)).map((e) => e.name)).toEqual(['webPageVisited']);
    expect(await deleteEventType(db, 'webPageVisited')).toBe(true);
    expect(await findEventType(db, 'webPageVisited')).toBeUndefined();
  });
});
