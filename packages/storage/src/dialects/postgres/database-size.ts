/** The PostgreSQL database's size in bytes, as the server counts it. */
import { sql } from 'kysely';
import type { Db } from '../../database.ts';

export async function postgresDatabaseSize(db: Db): Promise<number> {
  const { rows } = await sql<{
    size: string | number;
  }>`select pg_database_size(current_database()) as size`.execute(db);
  return Number(rows[0]?.size ?? 0);
}
