/** API keys for machines; only a hash of each key is stored. */
import { Role, type User } from '@caravan/core/user';
import { toApiKey, type ApiKey, type ApiKeyPurpose } from './api-key.mapper.ts';
import { toTimestamp } from './column-types.ts';
import type { Db } from './database.ts';

export type { ApiKey, ApiKeyPurpose } from './api-key.mapper.ts';

function selectApiKeys(db: Db) {
  return db
    .selectFrom('api_keys')
    .leftJoin('users as cu', 'cu.id', 'api_keys.created_by')
    .leftJoin('api_keys as ck', 'ck.id', 'api_keys.created_by')
    .select((eb) => [
      'api_keys.id',
      'api_keys.name',
      'api_keys.role',
      'api_keys.created_by',
      'api_keys.created_at',
      'api_keys.last_used_at',
      'api_keys.purpose',
      eb.fn.coalesce('cu.name', 'ck.name').as('created_by_name'),
      'cu.email as created_by_email',
    ]);
}

/** `createdBy` is a user id (or the id of the API key that created this one). */
export async function insertApiKey(
  db: Db,
  k: {
    id: string;
    name: string;
    role: Role;
    keyHash: string;
    createdBy: string;
    now: Date;
    purpose?: ApiKeyPurpose;
  },
): Promise<ApiKey> {
  await db
    .insertInto('api_keys')
    .values({
      id: k.id,
      name: k.name,
      role: k.role,
      key_hash: k.keyHash,
      created_by: k.createdBy,
      created_at: toTimestamp(k.now),
      purpose: k.purpose ?? 'api',
    })
    .execute();
  const record = await selectApiKeys(db).where('api_keys.id', '=', k.id).executeTakeFirstOrThrow();
  return toApiKey(record);
}

/** `lastUsedAt` is stamped at most this often per key, so that a busy key costs no write a call. */
export const lastUsedResolutionMs = 60_000;

/**
 * The key's identity as a User-like principal ({ id: key id, name: key name, email: '', role }),
 * stamping `lastUsedAt` when the stamp is older than a minute; undefined for an unknown key.
 */
export async function findApiKeyPrincipal(
  db: Db,
  keyHash: string,
  now: Date,
): Promise<User | undefined> {
  const key = await db
    .selectFrom('api_keys')
    .select(['id', 'name', 'role', 'last_used_at'])
    .where('key_hash', '=', keyHash)
    .executeTakeFirst();
  if (key === undefined) return undefined;
  const lastUsed = key.last_used_at === null ? null : new Date(key.last_used_at).getTime();
  if (lastUsed === null || now.getTime() - lastUsed >= lastUsedResolutionMs) {
    await db
      .updateTable('api_keys')
      .set({ last_used_at: toTimestamp(now) })
      .where('id', '=', key.id)
      .execute();
  }
  return { id: key.id, name: key.name, email: '', role: Role.parse(key.role) };
}

export async function findApiKey(db: Db, id: string): Promise<ApiKey | undefined> {
  const record = await selectApiKeys(db).where('api_keys.id', '=', id).executeTakeFirst();
  return record === undefined ? undefined : toApiKey(record);
}

/** Every key, newest first. */
export async function listApiKeys(db: Db): Promise<ApiKey[]> {
  const records = await selectApiKeys(db)
    .orderBy('api_keys.created_at', 'desc')
    .orderBy('api_keys.id')
    .execute();
  return records.map(toApiKey);
}

/** Revokes a key for good; false when there was none. */
export async function deleteApiKey(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('api_keys').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
