/** Sign-in sessions, stored by the hash of their cookie token. */
import type { User } from '@caravan/core/user';
import { toTimestamp } from './column-types.ts';
import type { Db } from './database.ts';
import { toUser } from './user.mapper.ts';

export async function insertSession(
  db: Db,
  s: { tokenHash: string; userId: string; now: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      token_hash: s.tokenHash,
      user_id: s.userId,
      created_at: toTimestamp(s.now),
      expires_at: toTimestamp(s.expiresAt),
    })
    .execute();
}

/** The user the session belongs to; undefined when unknown or expired at `now`. */
export async function findSessionUser(
  db: Db,
  tokenHash: string,
  now: Date,
): Promise<User | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.role'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', toTimestamp(now))
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  return row === undefined ? undefined : toUser(row);
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** Ends every session of the user, but the one whose hash is `keep` (the caller's own). */
export async function deleteUserSessions(db: Db, userId: string, keep?: string): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keep !== undefined) query = query.where('token_hash', '!=', keep);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
