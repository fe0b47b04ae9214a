/** Users who sign in to Caravan. Emails are unique ignoring case. */
import type { Role, User } from '@caravan/core/user';
import { toTimestamp } from './column-types.ts';
import type { Db } from './database.ts';
import { toUser } from './user.mapper.ts';

/** Inserts a user; an email already used (ignoring case) is a bug of the caller and throws. */
export async function insertUser(
  db: Db,
  u: { id: string; email: string; name: string; role: Role; passwordHash: string; now: Date },
): Promise<User> {
  await db
    .insertInto('users')
    .values({
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.role,
      password_hash: u.passwordHash,
      created_at: toTimestamp(u.now),
    })
    .execute();
  return { id: u.id, email: u.email, name: u.name, role: u.role };
}

/**
 * The user with this email (ignoring case), with the hash to check a password against and
 * whether they are disabled.
 */
export async function findUserByEmail(
  db: Db,
  email: string,
): Promise<(User & { passwordHash: string; disabled: boolean }) | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'password_hash', 'disabled_at'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', eb.fn('lower', [eb.val(email)])))
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : { ...toUser(row), passwordHash: row.password_hash, disabled: row.disabled_at !== null };
}

export async function findUser(db: Db, id: string): Promise<User | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : toUser(row);
}

export async function countUsers(db: Db): Promise<number> {
  const { count } = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** Every user, by name (then email, for equal names). */
export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role'])
    .orderBy((eb) => eb.fn('lower', ['name']))
    .orderBy((eb) => eb.fn('lower', ['email']))
    .execute();
  return rows.map(toUser);
}
