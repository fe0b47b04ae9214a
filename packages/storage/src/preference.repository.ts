/** Per-user UI preferences (list sort, column widths…), any JSON value under a key. */
import { fromJson, toJson, toTimestamp } from './column-types.ts';
import type { Db } from './database.ts';

/** The stored value, or undefined when the user never set this key. */
export async function getPreference(
  db: Db,
  userId: string,
  key: string,
): Promise<unknown | undefined> {
  const row = await db
    .selectFrom('user_preferences')
    .select('value')
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row === undefined ? undefined : fromJson(row.value);
}

/** Inserts or replaces the value of one preference. */
export async function setPreference(
  db: Db,
  userId: string,
  key: string,
  value: unknown,
  now: Date,
): Promise<void> {
  const values = { value: toJson(value), updated_at: toTimestamp(now) };
  await db
    .insertInto('user_preferences')
    .values({ user_id: userId, key, ...values })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doUpdateSet(values))
    .execute();
}
