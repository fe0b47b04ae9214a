/** SQLite through better-sqlite3: one file (or memory), WAL, foreign keys enforced. */
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteDialect, type Dialect, type SqliteDatabase, type SqliteStatement } from 'kysely';

export const memoryPath = ':memory:';

/**
 * Creates what is missing owner-only: the directory 0700, the file 0600 (SQLite gives its WAL and
 * shared-memory files the mode of the database file). Existing ones are left as the operator set them.
 */
function createOwnerOnly(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
}

/** Opens the file at `path` (creating it and its directory) with the pragmas Caravan relies on. */
export function createSqliteDialect(path: string): Dialect {
  if (path !== memoryPath) createOwnerOnly(path);
  const database = new BetterSqlite3(path);
  // WAL lets the API read while the worker writes; NORMAL is durable enough under WAL and much
  // faster; busy_timeout makes a second process wait for the write lock instead of failing.
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  // A checkpoint every 10,000 WAL pages (~40 MB) rather than SQLite's 1,000: the pages a batch
  // rewrites (index pages above all) are copied back once per many commits instead of nearly
  // every large one, which more than halves COMMIT time when ingesting. Durability is unchanged:
  // every commit is in the WAL either way.
  database.pragma('wal_autocheckpoint = 10000');
  return new SqliteDialect({ database: withStatementCache(database) });
}

/** Distinct statements kept prepared; the engine and the API use a few hundred. */
const cachedStatements = 1000;

/**
 * Kysely prepares every query anew; preparing costs about as much as running a small statement.
 * Queries are built from the same few shapes (values are parameters), so the prepared statements
 * are kept by their SQL text, least recently used dropped first. Kysely runs one query at a time on
 * this connection and reads `iterate` results to the end before the next, so a statement is never
 * in use twice at once.
 */
export function withStatementCache(database: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare(sql: string): SqliteStatement {
      const known = statements.get(sql);
      if (known) {
        // Re-inserting marks it most recently used (a Map keeps insertion order).
        statements.delete(sql);
        statements.set(sql, known);
        return known;
      }
      const prepared = database.prepare(sql);
      statements.set(sql, prepared);
      if (statements.size > cachedStatements) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
      return prepared;
    },
  };
}
