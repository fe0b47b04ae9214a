/** Engine-wide settings stored as JSON by key (the signing secret, communication limits). */
import { fromJson, fromTimestamp, toJson } from './column-types.ts';
import type { Db } from './database.ts';

export async function getEngineSetting(db: Db, key: string): Promise<unknown | undefined> {
  const row = await db
    .selectFrom('engine_settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row === undefined ? undefined : fromJson(row.value);
}

export async function setEngineSetting(
  db: Db,
  key: string,
  value: unknown,
  now: Date,
): Promise<void> {
  await db
    .insertInto('engine_settings')
    .values({ key, value: toJson(value), updated_at: now.toISOString() })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value: toJson(value), updated_at: now.toISOString() }),
    )
    .execute();
}

/** Stores `value` only when the key is unset; answers the stored value either way. */
export async function initEngineSetting(
  db: Db,
  key: string,
  value: unknown,
  now: Date,
): Promise<unknown> {
  await db
    .insertInto('engine_settings')
    .values({ key, value: toJson(value), updated_at: now.toISOString() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return getEngineSetting(db, key);
}

/**
 * The keys that start with `prefix` (a literal without `%` or `_`), with when each was last
 * written — never their values.
 */
export async function listEngineSettingKeys(
  db: Db,
  prefix: string,
): Promise<Array<{ key: string; updatedAt: string }>> {
  const rows = await db
    .selectFrom('engine_settings')
    .select(['key', 'updated_at'])
    .where('key', 'like', `${prefix}%`)
    .orderBy('key')
    .execute();
  return rows.map((row) => ({ key: row.key, updatedAt: fromTimestamp(row.updated_at) }));
}
