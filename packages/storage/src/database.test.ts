import { existsSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase, parseDatabaseUrl } from './database.ts';

describe('database URLs', () => {
  it('reads SQLite files, memory and both PostgreSQL schemes', () => {
    expect(parseDatabaseUrl('sqlite:./data/caravan.db')).toEqual({
      dialect: 'sqlite',
      path: './data/caravan.db',
    });
    expect(parseDatabaseUrl('sqlite:///var/lib/caravan.db')).toEqual({
      dialect: 'sqlite',
      path: '/var/lib/caravan.db',
    });
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ dialect: 'sqlite', path: ':memory:' });
    for (const url of ['postgres://u@h:5432/db', 'postgresql://u@h/db']) {
      expect(parseDatabaseUrl(url)).toEqual({ dialect: 'postgres', connectionString: url });
    }
  });

  it('refuses a URL of another database', () => {
    expect(() => parseDatabaseUrl('mysql://u@h/db')).toThrow(/Unsupported database URL/);
    expect(() => parseDatabaseUrl('sqlite:')).toThrow(/names no file/);
  });
});

describe('opening SQLite', () => {
  it('creates the missing directory and sets the pragmas Caravan relies on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caravan-open-'));
    const file = join(dir, 'nested', 'deeper', 'caravan.db');
    const database = await openDatabase(`sqlite:${file}`);
    try {
      expect(database.dialect).toBe('sqlite');
      const pragma = async (name: string) =>
        Object.values((await sql.raw(`pragma ${name}`).execute(database.db)).rows[0] as object)[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('busy_timeout')).toBe(5000);
      expect(await pragma('synchronous')).toBe(1); // NORMAL
      expect(existsSync(file)).toBe(true);
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('creates the file 0600, its WAL likewise, and the directories it makes 0700', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caravan-mode-'));
    const file = join(dir, 'data', 'caravan.db');
    const database = await openDatabase(`sqlite:${file}`);
    try {
      await sql`create table probe (id integer)`.execute(database.db);
      const mode = (path: string) => statSync(path).mode & 0o777;
      expect(mode(join(dir, 'data'))).toBe(0o700);
      expect(mode(file)).toBe(0o600);
      expect(mode(`${file}-wal`)).toBe(0o600);
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
