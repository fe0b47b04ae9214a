/** Test helper for storage, engine and server tests: a fresh, migrated database per call. */
import type { LogEvent } from 'kysely';
import { openDatabase, type Database, type DialectName } from './database.ts';
import { createPostgresTestDatabase } from './dialects/postgres/test-database.ts';
import { createSqliteTestDatabase } from './dialects/sqlite/test-database.ts';
import { migrateToLatest } from './migrate.ts';

/** Every dialect a storage-touching test runs on: `describe.each(testDialects)`. */
export const testDialects: readonly DialectName[] = ['sqlite', 'postgres'];

/**
 * A fresh, migrated, empty database: a new temp file for SQLite, a new database on the test
 * server for PostgreSQL. `close()` also deletes it.
 */
export async function openTestDatabase(
  dialect: DialectName,
  postgresUrl: string,
  options: { log?: (event: LogEvent) => void } = {},
): Promise<Database> {
  const scratch =
    dialect === 'sqlite'
      ? createSqliteTestDatabase()
      : await createPostgresTestDatabase(postgresUrl);
  const database = await openDatabase(scratch.url, options);
  const migrated = await migrateToLatest(database);
  if (!migrated.ok) {
    await database.close();
    await scratch.drop();
    throw new Error(migrated.error.message);
  }
  return {
    ...database,
    close: async () => {
      await database.close();
      await scratch.drop();
    },
  };
}
