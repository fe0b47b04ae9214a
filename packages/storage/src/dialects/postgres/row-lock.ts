/**
 * `SELECT … FOR UPDATE` exists only in PostgreSQL, where concurrent writers need it to read a row
 * they are about to change. SQLite has a single writer at a time and no such clause.
 */
import type { Db } from '../../database.ts';
import { isPostgresDb } from './is-postgres.ts';

export function supportsRowLocks(db: Db): boolean {
  return isPostgresDb(db);
}
