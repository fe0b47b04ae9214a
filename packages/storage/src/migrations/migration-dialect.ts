/**
 * The column types migrations use where SQLite and PostgreSQL differ. Migrations receive a bare
 * `Kysely<any>`, so the dialect is read from the executor's adapter (`PostgresAdapter` or not).
 *
 * Frozen like the migrations that use it: never change what an existing helper returns — add a
 * new helper (or inline the types in the new migration) instead.
 */
import { PostgresAdapter, type ColumnDataType, type Expression, type Kysely } from 'kysely';

type ColumnType = ColumnDataType | Expression<unknown>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed loosely on purpose (frozen in time)
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Column types as of 2026-11-29: timestamps, JSON documents and an auto-increment key
 * (`integer primary key` is SQLite's rowid alias, which numbers rows by itself).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export function columnTypes2026(db: Kysely<any>): {
  timestamp: ColumnType;
  json: ColumnType;
  serial: ColumnType;
} {
  return isPostgres(db)
    ? { timestamp: 'timestamptz', json: 'jsonb', serial: 'serial' }
    : { timestamp: 'text', json: 'text', serial: 'integer' };
}
