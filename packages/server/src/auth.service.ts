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

/** Failed sign-ins allowed per email within the window before 429. */
const maxFailures = 10;
const failureWindowMs = 15 * 60 * 1000;

/** In memory on purpose: it slows guessing on one process; it is not an account lockout. */
export class LoginThrottle {
  private failures = new Map<string, { count: number; since: number }>();

  isBlocked(email: string, now: Date): boolean {
    const entry = this.failures.get(email);
    if (!entry || now.getTime() - entry.since > failureWindowMs) return false;
    return entry.count >= maxFailures;
  }

  fail(email: string, now: Date): void {
    const entry = this.failures.get(email);
    const fresh = !entry || now.getTime() - entry.since > failureWindowMs;
    this.failures.set(
      email,
      fresh ? { count: 1, since: now.getTime() } : { ...entry, count: entry.count + 1 },
    );
  }

  succeed(email: string): void {
    this.failures.delete(email);
  }
}

// Compared against when the email is unknown, so that both paths take as long.
const decoyHash = hashPassword('decoy password that matches nothing');

export async function login(
  deps: AuthDeps,
  throttle: LoginThrottle,
  credentials: { email: string; password: string },
): Promise<Result<Session, { code: 'INVALID_CREDENTIALS' | 'TOO_MANY_REQUESTS' }>> {
  const now = deps.clock.now();
  const email = credentials.email.trim().toLowerCase();
  if (throttle.isBlocked(email, now)) return err({ code: 'TOO_MANY_REQUESTS' });
  const found = await findUserByEmail(deps.database.db, email);
  const matches = await verifyPassword(
    credentials.password,
    found?.passwordHash ?? (await decoyHash),
  );
  // A disabled user is told nothing more than a wrong password would tell them.
  if (!found || !matches || found.disabled) {
    throttle.fail(email, now);
    return err({ code: 'INVALID_CREDENTIALS' });
  }
  throttle.succeed(email);
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
