/**
 * Runs a command in one database transaction that commits only when the command succeeds: an
 * expected failure (an `err` Result) rolls back everything the command wrote so far.
 */
import type { Result } from '@caravan/core/result';
import type { Database, Db } from '@caravan/storage/database';

/** Carries a failed Result out of Kysely's transaction callback so that it rolls back. */
class Rollback<E> extends Error {
  constructor(readonly result: { ok: false; error: E }) {
    super('rollback');
  }
}

export async function inTransaction<T, E>(
  database: Database,
  work: (trx: Db) => Promise<Result<T, E>>,
): Promise<Result<T, E>> {
  try {
    return await database.db.transaction().execute(async (trx) => {
      const result = await work(trx);
      if (!result.ok) throw new Rollback(result);
      return result;
    });
  } catch (error) {
    if (error instanceof Rollback) return error.result as { ok: false; error: E };
    throw error;
  }
}
