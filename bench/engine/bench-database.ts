/**
 * Fresh databases for the engine benchmark: a temp SQLite file, or a new database on a
 * PostgreSQL server — either BENCH_POSTGRES_URL or a throw-away PG 15 cluster started the way the
 * test suite starts one (`test/postgres.global-setup.ts`: as the `postgres` user, on a free port,
 * stopped with pg_ctl at the end). The URL is kept so that a child process can open it too.
 */
import type { TestProject } from 'vitest/node';
import { queryProfileLog } from './query-profile.ts';
import { openDatabase, type Database, type DialectName } from '@caravan/storage/database';
import { createPostgresTestDatabase } from '@caravan/storage/dialects/postgres/test-database';
import { createSqliteTestDatabase } from '@caravan/storage/dialects/sqlite/test-database';
import { migrateToLatest } from '@caravan/storage/migrate';
import startPostgres from '../../test/postgres.global-setup.ts';

export interface PostgresServer {
  url: string;
  stop(): Promise<void>;
}

export async function postgresServer(external: string | undefined): Promise<PostgresServer> {
  if (external) return { url: external, stop: async () => {} };
  let url = '';
  const project = { provide: (_key: string, value: string) => (url = value) };
  const stop = await startPostgres(project as unknown as TestProject);
  return { url, stop };
}

export interface ScratchDatabase {
  dialect: DialectName;
  /** `sqlite:/tmp/…/caravan.db` or `postgres://…/caravan_test_…`. */
  url: string;
  drop(): Promise<void>;
}

/** Creates and migrates an empty database; the caller opens it with `openBenchDatabase`. */
export async function createScratchDatabase(
  dialect: DialectName,
  postgresUrl: string,
): Promise<ScratchDatabase> {
  const scratch =
    dialect === 'sqlite'
      ? createSqliteTestDatabase()
      : await createPostgresTestDatabase(postgresUrl);
  const database = await openDatabase(scratch.url);
  try {
    const migrated = await migrateToLatest(database);
    if (!migrated.ok) throw new Error(migrated.error.message);
  } finally {
    await database.close();
  }
  return { dialect, url: scratch.url, drop: scratch.drop };
}

export function openBenchDatabase(scratch: Pick<ScratchDatabase, 'url'>): Promise<Database> {
  const log = queryProfileLog();
  return openDatabase(scratch.url, log ? { log } : {});
}
