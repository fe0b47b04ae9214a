import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Database } from './database.ts';
import { deleteSession, findSessionUser, insertSession } from './session.repository.ts';
import { openTestDatabase, testDialects } from './test-databases.ts';
import { aUser, at, t0 } from './test-fixtures.ts';
import { countUsers, findUser, findUserByEmail, insertUser, listUsers } from './user.repository.ts';

describe.each(testDialects)('users and sessions on %s', (dialect) => {
  let database: Database;
  beforeEach(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
  });
  afterEach(async () => {
    await database.close();
  });

  it('finds a user by id and by email ignoring case, with the password hash only by email', async () => {
    const { db } = database;
    const input = {
      id: randomUUID(),
      email: 'Ada@Example.com',
      name: 'Ada',
      role: 'admin' as const,
      passwordHash: 'scrypt$abc',
      now: t0,
    };
    const user = await insertUser(db, input);
    expect(user).toEqual({ id: input.id, email: 'Ada@Example.com', name: 'Ada', role: 'admin' });
    expect(await findUser(db, input.id)).toEqual(user);
    expect(await findUserByEmail(db, 'ada@EXAMPLE.COM')).toEqual({
      ...user,
      passwordHash: 'scrypt$abc',
      disabled: false,
    });
    expect(await findUserByEmail(db, 'bob@example.com')).toBeUndefined();
    expect(await findUser(db, randomUUID())).toBeUndefined();
  });

  it('refuses a second user whose email differs only in case', async () => {
    const { db } = database;
    await aUser(db, { email: 'ada@example.com' });
    await expect(aUser(db, { email: 'ADA@example.com' })).rejects.toThrow();
  });

  it('counts users and lists them by name', async () => {
    const { db } = database;
    expect(await countUsers(db)).toBe(0);
    await aUser(db, { name: 'carol' });
    await aUser(db, { name: 'Alice' });
    await aUser(db, { name: 'Bob' });
    expect(await countUsers(db)).toBe(3);
    expect((await listUsers(db)).map((u) => u.name)).toEqual(['Alice', 'Bob', 'carol']);
  });

  it('finds the user of a live session and nothing once it expired or was deleted', async () => {
    const { db } = database;
    const ada = await aUser(db);
    await insertSession(db, { tokenHash: 't1', userId: ada.id, now: t0, expiresAt: at(60) });
    expect(await findSessionUser(db, 't1', at(59))).toEqual(ada);
    expect(await findSessionUser(db, 't1', at(60))).toBeUndefined();
    expect(await findSessionUser(db, 'unknown', t0)).toBeUndefined();
    await deleteSession(db, 't1');
    expect(await findSessionUser(db, 't1', t0)).toBeUndefined();
  });
});
