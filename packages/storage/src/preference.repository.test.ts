import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Database } from './database.ts';
import { getPreference, setPreference } from './preference.repository.ts';
import { openTestDatabase, testDialects } from './test-databases.ts';
import { aUser, at, t0 } from './test-fixtures.ts';

describe.each(testDialects)('preferences on %s', (dialect) => {
  let database: Database;
  beforeEach(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
  });
  afterEach(async () => {
    await database.close();
  });

  it('answers undefined for a preference never set', async () => {
    const ada = await aUser(database.db);
    expect(await getPreference(database.db, ada.id, 'journeys.list')).toBeUndefined();
  });

  it('replaces the value on a second set, per user and key', async () => {
    const { db } = database;
    const ada = await aUser(db);
    const bob = await aUser(db);
    const first = { sort: 'name:asc', columns: ['name', 'status'] };
    await setPreference(db, ada.id, 'journeys.list', first, t0);
    await setPreference(db, ada.id, 'journeys.list', { sort: 'updatedAt:desc' }, at(1));
    await setPreference(db, bob.id, 'journeys.list', first, at(1));
    expect(await getPreference(db, ada.id, 'journeys.list')).toEqual({ sort: 'updatedAt:desc' });
    expect(await getPreference(db, bob.id, 'journeys.list')).toEqual(first);
  });

  it('round-trips every kind of JSON value, strings and null included', async () => {
    const { db } = database;
    const ada = await aUser(db);
    const values: unknown[] = [
      'plain text',
      '{"looks":"like json"}',
      42,
      1.5,
      true,
      null,
      [1, 'a'],
    ];
    for (const [i, value] of values.entries()) {
      await setPreference(db, ada.id, `k${i}`, value, t0);
      expect(await getPreference(db, ada.id, `k${i}`)).toEqual(value);
    }
  });

  it('keeps preferences of an API key principal, which is not a user', async () => {
    const { db } = database;
    await setPreference(db, 'api-key-id', 'theme', 'dark', t0);
    expect(await getPreference(db, 'api-key-id', 'theme')).toBe('dark');
  });
});
