/** The SQLite file's size in bytes, from its page count (no file system access needed). */
import { sql } from 'kysely';
import type { Db } from '../../database.ts';

export async function sqliteDatabaseSize(db: Db): Promise<number> {
  const { rows } = await sql<{
    size: number;
  }>`select page_count * page_size as size from pragma_page_count(), pragma_page_size()`.execute(
    db,
  );
  return Number(rows[0]?.size ?? 0);
}
