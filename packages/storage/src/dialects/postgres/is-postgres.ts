/** Whether a database handle talks to PostgreSQL (repositories get a bare `Db`, not its dialect). */
import { PostgresAdapter } from 'kysely';
import type { Db } from '../../database.ts';

export function isPostgresDb(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
