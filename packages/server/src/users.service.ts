/** Users and API keys: administration of who may call the API. */
import type { Clock } from '@caravan/core/clock';
import { err, ok, type Result } from '@caravan/core/result';
import type { Role, User } from '@caravan/core/user';
import { insertApiKey, type ApiKey } from '@caravan/storage/api-key.repository';
import type { Database } from '@caravan/storage/database';
import { findUserByEmail, insertUser } from '@caravan/storage/user.repository';
import { hashPassword } from './password.ts';
import { newApiKey, hashToken } from './tokens.ts';

export interface AdminDeps {
  database: Database;
  clock: Clock;
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
}

export async function createUser(
  deps: AdminDeps,
  input: NewUser,
): Promise<Result<User, { code: 'USER_EMAIL_TAKEN'; message: string }>> {
  const email = input.email.trim();
  if (await findUserByEmail(deps.database.db, email)) {
    return err({
      code: 'USER_EMAIL_TAKEN',
      message: `A user with the email ${email} already exists.`,
    });
  }
  return ok(
    await insertUser(deps.database.db, {
      id: crypto.randomUUID(),
      email,
      name: input.name.trim(),
      role: input.role,
      passwordHash: await hashPassword(input.password),
      now: deps.clock.now(),
    }),
  );
}

/** Creates a key; the secret is in the result only, never stored or shown again. */
export async function createApiKey(
  deps: AdminDeps,
  createdBy: string,
  input: { name: string; role: Role },
): Promise<ApiKey & { key: string }> {
  const key = newApiKey();
  const stored = await insertApiKey(deps.database.db, {
    id: crypto.randomUUID(),
    name: input.name.trim(),
    role: input.role,
    keyHash: hashToken(key),
    createdBy,
    now: deps.clock.now(),
  });
  return { ...stored, key };
}
