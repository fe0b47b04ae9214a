/** Readiness: whether the database answers a trivial query, and if not, why. */
import { isDatabaseUnavailable } from '@caravan/storage/database-unavailable';
import type { Database } from '@caravan/storage/database';

export type Readiness =
  | { ready: true }
  | {
      ready: false;
      /** `DATABASE_UNAVAILABLE`: restarting or unreachable; `DATABASE_ERROR`: anything else. */
      reason: 'DATABASE_UNAVAILABLE' | 'DATABASE_ERROR';
      /** What the database driver said, for the operator. */
      detail: string;
    };

export async function checkDatabaseReadiness(database: Database): Promise<Readiness> {
  try {
    await database.db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
    return { ready: true };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const reason = isDatabaseUnavailable(error) ? 'DATABASE_UNAVAILABLE' : 'DATABASE_ERROR';
    return { ready: false, reason, detail };
  }
}

export async function isDatabaseReady(database: Database): Promise<boolean> {
  return (await checkDatabaseReadiness(database)).ready;
}
