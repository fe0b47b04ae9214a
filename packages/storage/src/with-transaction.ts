/** Runs repository work atomically, joining the caller's transaction when there is one. */
import type { Kysely, Transaction } from 'kysely';
import type { Db } from './database.ts';
import type { Tables } from './tables.ts';

/**
 * Kysely cannot nest transactions, so a `Transaction` passed in is used as is (the caller commits);
 * otherwise a new transaction wraps `work`.
 */
export function withTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return (db as Kysely<Tables>).transaction().execute((trx: Transaction<Tables>) => work(trx));
}
