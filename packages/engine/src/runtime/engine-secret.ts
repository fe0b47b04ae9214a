/**
 * The secret that signs tracking links, external-call callback tokens and webhooks. Taken from
 * CARAVAN_SECRET when set; otherwise generated once and stored, so that every process on the same
 * database (and every restart) signs and checks with the same key.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '@caravan/core/clock';
import type { Database } from '@caravan/storage/database';
import { initEngineSetting } from '@caravan/storage/engine-settings.repository';

export async function loadEngineSecret(
  database: Database,
  clock: Clock,
  configured: string | undefined,
): Promise<string> {
  if (configured !== undefined) return configured;
  const stored = await initEngineSetting(
    database.db,
    'secret',
    randomBytes(32).toString('base64url'),
    clock.now(),
  );
  if (typeof stored !== 'string') throw new Error('engine_settings.secret is not a string');
  return stored;
}

/** `<payload>.<signature>`, both base64url: a token that says what it is for and cannot be forged. */
export function signToken(secret: string, payload: unknown): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const signature = createHmac('sha256', secret).update(body).digest('base64url');
  return `${body}.${signature}`;
}

/** The payload of a token signed with `secret`, or undefined when it is malformed or forged. */
export function verifyToken(secret: string, token: string): unknown {
  const [body, signature, extra] = token.split('.');
  if (body === undefined || signature === undefined || extra !== undefined) return undefined;
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}
