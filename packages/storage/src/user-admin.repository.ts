/**
 * Administration of users: the list admins see (with created and disabled times), role and
 * disabled changes, password hashes and deletion. `user.repository.ts` keeps what sign-in needs.
 */
import { Role, type User } from '@caravan/core/user';
import { fromNullableTimestamp, fromTimestamp, toTimestamp } from './column-types.ts';
import type { Db } from './database.ts';
import { supportsRowLocks } from './dialects/postgres/row-lock.ts';

/** A user as the Users page shows it. */
export interface ManagedUser extends User {
  createdAt: string;
  /** When the user was disabled; null while they may sign in. */
  disabledAt: string | null;
}

function selectManagedUsers(db: Db) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'created_at', 'disabled_at']);
}

function toManagedUser(row: {
  id: string;
  email: string;
  name: string;
  role: string;
  created_at: string | Date;
  disabled_at: string | Date | null;
}): ManagedUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: Role.parse(row.role),
    createdAt: fromTimestamp(row.created_at),
    disabledAt: fromNullableTimestamp(row.disabled_at),
  };
}

/** Every user, by name (then email). */
export async function listManagedUsers(db: Db): Promise<ManagedUser[]> {
  const rows = await selectManagedUsers(db)
    .orderBy((eb) => eb.fn('lower', ['name']))
    .orderBy((eb) => eb.fn('lower', ['email']))
    .execute();
  return rows.map(toManagedUser);
}

export async function findManagedUser(db: Db, id: string): Promise<ManagedUser | undefined> {
  const row = await selectManagedUsers(db).where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toManagedUser(row);
}

/**
 * The ids of the admins who may sign in. On PostgreSQL their rows stay locked until the
 * transaction ends, so that two admins demoting each other at once cannot both succeed.
 */
export async function lockActiveAdminIds(db: Db): Promise<string[]> {
  let query = db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .orderBy('id');
  if (supportsRowLocks(db)) query = query.forUpdate();
  return (await query.execute()).map((r) => r.id);
}

export async function updateManagedUser(
  db: Db,
  id: string,
  patch: { role?: Role; disabledAt?: Date | null; name?: string },
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      ...(patch.role === undefined ? {} : { role: patch.role }),
      ...(patch.name === undefined ? {} : { name: patch.name }),
      ...(patch.disabledAt === undefined
        ? {}
        : { disabled_at: patch.disabledAt === null ? null : toTimestamp(patch.disabledAt) }),
    })
    .where('id', '=', id)
    .execute();
}

export async function findPasswordHash(db: Db, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.password_hash;
}

export async function setPasswordHash(db: Db, id: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
}

/** Removes the user (their sessions go with them: the foreign key cascades). */
export async function deleteUserRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', id).execute();
  await db.deleteFrom('user_preferences').where('user_id', '=', id).execute();
  await db.deleteFrom('users').where('id', '=', id).execute();
}
