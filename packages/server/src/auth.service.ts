/**
 * Who is calling: sign-in with email and password (a session cookie for the web app) and API
 * keys (Bearer, for machines). Only sha256 hashes of session tokens and keys are stored.
 */
import type { Clock } from '@caravan/core/clock';
import { err, ok, type Result } from '@caravan/core/result';
import type { User } from '@caravan/core/user';
import { findApiKeyPrincipal } from '@caravan/storage/api-key.repository';
import type { Database } from '@caravan/storage/database';
import { deleteSession, findSessionUser, insertSession } from '@caravan/storage/session.repository';
import { findUserByEmail } from '@caravan/storage/user.repository';
import type { Config } from './config.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { apiKeyPrefix, hashToken, newSessionToken } from './tokens.ts';

export interface AuthDeps {
  config: Config;
  database: Database;
  clock: Clock;
}

/** The caller of a request: a user, or an API key acting with its own name and role. */
export interface Principal extends User {
  kind: 'user' | 'apiKey';
}

export interface Session {
  user: User;
  token: string;
  expiresAt: Date;
}

// Compared against when the email is unknown, so that both paths take as long.
const decoyHash = hashPassword('decoy password that matches nothing');

export async function login(
  deps: AuthDeps,
  credentials: { email: string; password: string },
): Promise<Result<Session, { code: 'INVALID_CREDENTIALS' }>> {
  const now = deps.clock.now();
  const email = credentials.email.trim().toLowerCase();
  const found = await findUserByEmail(deps.database.db, email);
  const matches = await verifyPassword(
    credentials.password,
    found?.passwordHash ?? (await decoyHash),
  );
  // A disabled user is told nothing more than a wrong password would tell them.
  if (!found || !matches || found.disabled) {
    return err({ code: 'INVALID_CREDENTIALS' });
  }
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + deps.config.sessionTtlHours * 3600 * 1000);
  await insertSession(deps.database.db, {
    tokenHash: hashToken(token),
    userId: found.id,
    now,
    expiresAt,
  });
  const { passwordHash: _hash, disabled: _disabled, ...user } = found;
  return ok({ user, token, expiresAt });
}

export async function logout(deps: AuthDeps, token: string): Promise<void> {
  await deleteSession(deps.database.db, hashToken(token));
}

export async function principalFromSession(
  deps: AuthDeps,
  token: string,
): Promise<Principal | undefined> {
  const user = await findSessionUser(deps.database.db, hashToken(token), deps.clock.now());
  return user && { ...user, kind: 'user' };
}

export async function principalFromApiKey(
  deps: AuthDeps,
  key: string,
): Promise<Principal | undefined> {
  if (!key.startsWith(apiKeyPrefix)) return undefined;
  const principal = await findApiKeyPrincipal(deps.database.db, hashToken(key), deps.clock.now());
  return principal && { ...principal, kind: 'apiKey' };
}
