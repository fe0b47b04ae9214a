/** Readiness: whether the database answers a trivial query. */
import type { Database } from '@caravan/storage/database';

export async function isDatabaseReady(database: Database): Promise<boolean> {
  try {
    await database.db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
    return true;
  } catch {
    return false;
  }
}
