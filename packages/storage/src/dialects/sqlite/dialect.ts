/** SQLite through better-sqlite3: one file (or memory), WAL, foreign keys enforced. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteDialect, type Dialect } from 'kysely';

export const memoryPath = ':memory:';

/** Opens the file at `path` (creating its directory) with the pragmas Caravan relies on. */
export function createSqliteDialect(path: string): Dialect {
  if (path !== memoryPath) mkdirSync(dirname(path), { recursive: true });
  const database = new BetterSqlite3(path);
  // WAL lets the API read while the worker writes; NORMAL is durable enough under WAL and much
  // faster; busy_timeout makes a second process wait for the write lock instead of failing.
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  return new SqliteDialect({ database });
}
