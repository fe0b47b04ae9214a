import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import {
  deleteApiKey,
  findApiKeyPrincipal,
  insertApiKey,
  listApiKeys,
} from './api-key.repository.ts';
import type { Database } from './database.ts';
import { openTestDatabase, testDialects } from './test-databases.ts';
import { aUser, at, t0 } from './test-fixtures.ts';

describe.each(testDialects)('API keys on %s', (dialect) => {
  let database: Database;
  beforeEach(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
  });
  afterEach(async () => {
    await database.close();
  });

  it('shows a new key with its creator and no last use', async () => {
    const { db } = database;
    const ada = await aUser(db, { name: 'Ada', email: 'ada@example.com', role: 'admin' });
    const id = randomUUID();
    const key = await insertApiKey(db, {
      id,
      name: 'CRM sync',
      role: 'manager',
      keyHash: 'hash-1',
      createdBy: ada.id,
      now: t0,
    });
    expect(key).toEqual({
      id,
      name: 'CRM sync',
      role: 'manager',
      createdAt: t0.toISOString(),
      createdBy: { id: ada.id, name: 'Ada', email: 'ada@example.com' },
      lastUsedAt: null,
      purpose: 'api',
    });
    expect(await listApiKeys(db)).toEqual([key]);
  });

  it('finds the principal of a key by its hash and stamps when it was last used', async () => {
    const { db } = database;
    const ada = await aUser(db);
    const id = randomUUID();
    await insertApiKey(db, {
      id,
      name: 'CI',
      role: 'viewer',
      keyHash: 'h',
      createdBy: ada.id,
      now: t0,
    });
    expect(await findApiKeyPrincipal(db, 'h', at(3))).toEqual({
      id,
      name: 'CI',
      email: '',
      role: 'viewer',
    });
    expect((await listApiKeys(db))[0]?.lastUsedAt).toBe(at(3).toISOString());
    expect(await findApiKeyPrincipal(db, 'other', at(4))).toBeUndefined();
  });

  it('stamps the last use at most once a minute per key', async () => {
    const { db } = database;
    const ada = await aUser(db);
    await insertApiKey(db, {
      id: randomUUID(),
      name: 'Busy',
      role: 'viewer',
      keyHash: 'b',
      createdBy: ada.id,
      now: t0,
    });
    const first = new Date(t0.getTime() + 1000);
    await findApiKeyPrincipal(db, 'b', first);
    await findApiKeyPrincipal(db, 'b', new Date(first.getTime() + 59_000));
    expect((await listApiKeys(db))[0]?.lastUsedAt).toBe(first.toISOString());
    const later = new Date(first.getTime() + 60_000);
    await findApiKeyPrincipal(db, 'b', later);
    expect((await listApiKeys(db))[0]?.lastUsedAt).toBe(later.toISOString());
  });

  it('lists keys newest first and resolves a key created by another key', async () => {
    const { db } = database;
    const ada = await aUser(db);
    const first = await insertApiKey(db, {
      id: randomUUID(),
      name: 'first',
      role: 'admin',
      keyHash: 'a',
      createdBy: ada.id,
      now: t0,
    });
    await insertApiKey(db, {
      id: randomUUID(),
      name: 'second',
      role: 'viewer',
      keyHash: 'b',
      createdBy: first.id,
      now: at(1),
    });
    const keys = await listApiKeys(db);
    expect(keys.map((k) => k.name)).toEqual(['second', 'first']);
    expect(keys[0]?.createdBy).toEqual({ id: first.id, name: 'first', email: '' });
  });

  it('deletes a key so that it no longer authenticates', async () => {
    const { db } = database;
    const ada = await aUser(db);
    const key = await insertApiKey(db, {
      id: randomUUID(),
      name: 'old',
      role: 'admin',
      keyHash: 'x',
      createdBy: ada.id,
      now: t0,
    });
    expect(await deleteApiKey(db, key.id)).toBe(true);
    expect(await findApiKeyPrincipal(db, 'x', at(1))).toBeUndefined();
    expect(await listApiKeys(db)).toEqual([]);
    expect(await deleteApiKey(db, key.id)).toBe(false);
  });
});
