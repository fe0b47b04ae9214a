/**
 * Users and API keys: administration of who may call the API. Every change is one transaction
 * holding its audit entry; a change that locks a user out (disable, delete, password reset) ends
 * their sessions in the same transaction. The admins who may sign in never drop to zero.
 */
import type { Clock } from '@caravan/core/clock';
import { err, ok, type Result } from '@caravan/core/result';
import type { Role, User } from '@caravan/core/user';
import { recordAudit } from '@caravan/engine/audit/audit-log';
import { inTransaction } from '@caravan/engine/runtime/transaction';
import {
  deleteApiKey,
  findApiKey,
  insertApiKey,
  type ApiKey,
  type ApiKeyPurpose,
} from '@caravan/storage/api-key.repository';
import type { Database, Db } from '@caravan/storage/database';
import { deleteUserSessions } from '@caravan/storage/session.repository';
import { isUniqueViolation } from '@caravan/storage/unique-violation';
import {
  deleteUserRow,
  findManagedUser,
  findPasswordHash,
  lockActiveAdminIds,
  setPasswordHash,
  updateManagedUser,
  type ManagedUser,
} from '@caravan/storage/user-admin.repository';
import { findUserByEmail, insertUser } from '@caravan/storage/user.repository';
import { hashPassword, verifyPassword } from './password.ts';
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

export type UserAdminError =
  | { code: 'USER_EMAIL_TAKEN'; message: string }
  | { code: 'USER_NOT_FOUND'; message: string }
  | { code: 'LAST_ADMIN'; message: string }
  | { code: 'CURRENT_PASSWORD_WRONG'; message: string };

function emailTaken(email: string): UserAdminError {
  return { code: 'USER_EMAIL_TAKEN', message: `A user with the email ${email} already exists.` };
}

function userNotFound(id: string): UserAdminError {
  return { code: 'USER_NOT_FOUND', message: `No user has the id ${id}.` };
}

const lastAdmin: UserAdminError = {
  code: 'LAST_ADMIN',
  message: 'The last admin who can sign in cannot be removed, disabled or demoted.',
};

/**
 * Creates a user. Two requests for one email race to the unique index (the check before the
 * slow password hash only answers early): the loser's insert fails there and answers 409.
 */
export async function createUser(
  deps: AdminDeps,
  actorId: string | null,
  input: NewUser,
): Promise<Result<User, UserAdminError>> {
  const email = input.email.trim();
  if (await findUserByEmail(deps.database.db, email)) return err(emailTaken(email));
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock.now();
  try {
    return await inTransaction<User, UserAdminError>(deps.database, async (trx) => {
      const user = await insertUser(trx, {
        id: crypto.randomUUID(),
        email,
        name: input.name.trim(),
        role: input.role,
        passwordHash,
        now,
      });
      await auditUser(trx, actorId, now, 'user.created', user, { after: { role: user.role } });
      return ok(user);
    });
  } catch (error) {
    if (isUniqueViolation(error)) return err(emailTaken(email));
    throw error;
  }
}

async function auditUser(
  trx: Db,
  actorId: string | null,
  now: Date,
  action: string,
  user: Pick<User, 'id' | 'email'>,
  change: { before?: unknown; after?: unknown } = {},
): Promise<void> {
  await recordAudit(trx, now, {
    actorId,
    action,
    entityType: 'user',
    entityId: user.id,
    entityName: user.email,
    ...change,
  });
}

/** Whether taking `user` out of the active admins would leave none. */
async function wouldRemoveLastAdmin(trx: Db, user: ManagedUser): Promise<boolean> {
  if (user.role !== 'admin' || user.disabledAt !== null) return false;
  const admins = await lockActiveAdminIds(trx);
  return admins.length <= 1 && admins.includes(user.id);
}

export interface UserChange {
  role?: Role;
  disabled?: boolean;
  name?: string;
}

/** Changes role, name or disabled; disabling ends the user's sessions. */
export async function changeUser(
  deps: AdminDeps,
  actorId: string,
  id: string,
  change: UserChange,
): Promise<Result<ManagedUser, UserAdminError>> {
  const now = deps.clock.now();
  return inTransaction<ManagedUser, UserAdminError>(deps.database, async (trx) => {
    const user = await findManagedUser(trx, id);
    if (!user) return err(userNotFound(id));
    const demoted = change.role !== undefined && change.role !== 'admin';
    const disabling = change.disabled === true && user.disabledAt === null;
    if ((demoted || disabling) && (await wouldRemoveLastAdmin(trx, user))) return err(lastAdmin);
    await updateManagedUser(trx, id, {
      ...(change.role === undefined ? {} : { role: change.role }),
      ...(change.name === undefined ? {} : { name: change.name.trim() }),
      ...(change.disabled === undefined ? {} : { disabledAt: change.disabled ? now : null }),
    });
    if (disabling) await deleteUserSessions(trx, id);
    const updated = await findManagedUser(trx, id);
    if (!updated) throw new Error(`user ${id} vanished in its own transaction`);
    await auditChanges(trx, actorId, now, user, updated);
    return ok(updated);
  });
}

async function auditChanges(
  trx: Db,
  actorId: string,
  now: Date,
  before: ManagedUser,
  after: ManagedUser,
): Promise<void> {
  if (before.role !== after.role) {
    await auditUser(trx, actorId, now, 'user.roleChanged', after, {
      before: { role: before.role },
      after: { role: after.role },
    });
  }
  if (before.name !== after.name) {
    await auditUser(trx, actorId, now, 'user.renamed', after, {
      before: { name: before.name },
      after: { name: after.name },
    });
  }
  if ((before.disabledAt === null) !== (after.disabledAt === null)) {
    await auditUser(trx, actorId, now, after.disabledAt ? 'user.disabled' : 'user.enabled', after);
  }
}

/** Removes a user for good; their sessions end with them. */
export async function deleteUser(
  deps: AdminDeps,
  actorId: string,
  id: string,
): Promise<Result<void, UserAdminError>> {
  const now = deps.clock.now();
  return inTransaction<void, UserAdminError>(deps.database, async (trx) => {
    const user = await findManagedUser(trx, id);
    if (!user) return err(userNotFound(id));
    if (await wouldRemoveLastAdmin(trx, user)) return err(lastAdmin);
    await deleteUserRow(trx, id);
    await auditUser(trx, actorId, now, 'user.deleted', user, { before: { role: user.role } });
    return ok(undefined);
  });
}

/** An admin sets a new password for a user; every session of that user ends. */
export async function resetPassword(
  deps: AdminDeps,
  actorId: string,
  id: string,
  password: string,
): Promise<Result<void, UserAdminError>> {
  const passwordHash = await hashPassword(password);
  const now = deps.clock.now();
  return inTransaction<void, UserAdminError>(deps.database, async (trx) => {
    const user = await findManagedUser(trx, id);
    if (!user) return err(userNotFound(id));
    await setPasswordHash(trx, id, passwordHash);
    await deleteUserSessions(trx, id);
    await auditUser(trx, actorId, now, 'user.passwordReset', user);
    return ok(undefined);
  });
}

/**
 * A user changes their own password, proving the current one; every other session of theirs
 * ends (the one they are using stays).
 */
export async function changeOwnPassword(
  deps: AdminDeps,
  userId: string,
  sessionToken: string | undefined,
  input: { currentPassword: string; newPassword: string },
): Promise<Result<void, UserAdminError>> {
  const stored = await findPasswordHash(deps.database.db, userId);
  if (stored === undefined) return err(userNotFound(userId));
  if (!(await verifyPassword(input.currentPassword, stored))) {
    return err({ code: 'CURRENT_PASSWORD_WRONG', message: 'The current password is wrong.' });
  }
  const passwordHash = await hashPassword(input.newPassword);
  const now = deps.clock.now();
  return inTransaction<void, UserAdminError>(deps.database, async (trx) => {
    const user = await findManagedUser(trx, userId);
    if (!user) return err(userNotFound(userId));
    await setPasswordHash(trx, userId, passwordHash);
    await deleteUserSessions(trx, userId, sessionToken && hashToken(sessionToken));
    await auditUser(trx, userId, now, 'user.passwordChanged', user);
    return ok(undefined);
  });
}

/** Ends every session of the user but the one they are using; answers how many ended. */
export async function signOutOtherSessions(
  deps: AdminDeps,
  userId: string,
  sessionToken: string | undefined,
): Promise<number> {
  return deleteUserSessions(deps.database.db, userId, sessionToken && hashToken(sessionToken));
}

/** Creates a key; the secret is in the result only, never stored or shown again. */
export async function createApiKey(
  deps: AdminDeps,
  createdBy: string,
  input: { name: string; role: Role; purpose?: ApiKeyPurpose },
): Promise<ApiKey & { key: string }> {
  const key = newApiKey();
  const now = deps.clock.now();
  const created = await inTransaction<ApiKey, never>(deps.database, async (trx) => {
    const stored = await insertApiKey(trx, {
      id: crypto.randomUUID(),
      name: input.name.trim(),
      role: input.role,
      keyHash: hashToken(key),
      createdBy,
      now,
      purpose: input.purpose ?? 'api',
    });
    await recordAudit(trx, now, {
      actorId: createdBy,
      action: 'apiKey.created',
      entityType: 'apiKey',
      entityId: stored.id,
      entityName: stored.name,
      after: { role: stored.role, purpose: stored.purpose },
    });
    return ok(stored);
  });
  if (!created.ok) throw new Error('creating an API key cannot fail');
  return { ...created.value, key };
}

/** Revokes a key for good: the next request with it is refused. False when there was none. */
export async function revokeApiKey(deps: AdminDeps, actorId: string, id: string) {
  const now = deps.clock.now();
  const revoked = await inTransaction<boolean, 'none'>(deps.database, async (trx) => {
    const key = await findApiKey(trx, id);
    if (!key) return err('none');
    // Recorded before the delete, so that a key revoking itself is still named as the actor.
    await recordAudit(trx, now, {
      actorId,
      action: 'apiKey.revoked',
      entityType: 'apiKey',
      entityId: key.id,
      entityName: key.name,
      before: { role: key.role, purpose: key.purpose },
    });
    return (await deleteApiKey(trx, id)) ? ok(true) : err('none');
  });
  return revoked.ok;
}
