/** Opens Caravan's database from a URL: SQLite for one-process installs, PostgreSQL to scale. */
import { Kysely, type LogEvent, type Transaction } from 'kysely';
import { createPostgresDialect } from './dialects/postgres/dialect.ts';
import { createSqliteDialect, memoryPath } from './dialects/sqlite/dialect.ts';
import type { Tables } from './tables.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<Tables>;
  dialect: DialectName;
  close(): Promise<void>;
}

/** What repositories take: the database or a transaction on it. */
export type Db = Kysely<Tables> | Transaction<Tables>;

export type DatabaseLocation =
  { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; connectionString: string };

/**
 * Reads a database URL: `sqlite:./data/caravan.db` (relative to the working directory),
 * `sqlite:///abs/path.db`, `sqlite::memory:`, `postgres://…` or `postgresql://…`.
 * An unknown scheme is a configuration bug and throws.
 */
export function parseDatabaseUrl(url: string): DatabaseLocation {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    return { dialect: 'postgres', connectionString: url };
  }
  if (url.startsWith('sqlite:')) {
    const rest = url.slice('sqlite:'.length);
    if (rest === memoryPath) return { dialect: 'sqlite', path: memoryPath };
    const path = rest.startsWith('//') ? rest.slice(2) : rest;
    if (path === '') throw new Error(`The SQLite URL "${url}" names no file.`);
    return { dialect: 'sqlite', path };
  }
  throw new Error(
    `Unsupported database URL "${url}": use sqlite:<file>, sqlite::memory: or postgres://…`,
  );
}

/** Opens (and for SQLite creates) the database; run `migrateToLatest` before using it. */
export async function openDatabase(
  url: string,
  options: { log?: (event: LogEvent) => void } = {},
): Promise<Database> {
  const location = parseDatabaseUrl(url);
  const dialect =
    location.dialect === 'sqlite'
      ? createSqliteDialect(location.path)
      : createPostgresDialect(location.connectionString);
  const db = new Kysely<Tables>({ dialect, ...(options.log ? { log: options.log } : {}) });
  return { db, dialect: location.dialect, close: () => db.destroy() };
}
