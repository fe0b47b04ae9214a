/**
 * The engine secret, from which the keys of signed tokens are derived. Taken from CARAVAN_SECRET
 * when set; otherwise generated once and stored, so that every process on the same database (and
 * every restart) signs and checks with the same keys.
 *
 * Each purpose has its own key, derived with HKDF-SHA256 and a distinct label, and each token says
 * its purpose inside the signed part: a token made for one purpose (or a signature made by
 * anything else, such as a webhook) is never accepted for another. Webhooks are not signed with
 * the engine secret at all (`outbox/webhook-signing.ts`).
 */
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
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

/** What a token is for; each has its own key. */
export type TokenPurpose = 'tracking' | 'unsubscribe' | 'callback';

const purposeKeys = new Map<string, Buffer>();

/** HKDF-SHA256 of the engine secret with the purpose's label (cached: derived once per process). */
export function purposeKey(secret: string, purpose: TokenPurpose): Buffer {
  const cacheKey = `${purpose}\u0000${secret}`;
  let key = purposeKeys.get(cacheKey);
  if (key === undefined) {
    key = Buffer.from(hkdfSync('sha256', secret, 'caravan', `caravan token ${purpose} v1`, 32));
    purposeKeys.set(cacheKey, key);
  }
  return key;
}

/**
 * `<payload>.<signature>`, both base64url: the payload `{ p: purpose, d: data }` signed with the
 * purpose's key. A token that says what it is for and cannot be forged.
 */
export function signToken(secret: string, purpose: TokenPurpose, data: unknown): string {
  const body = Buffer.from(JSON.stringify({ p: purpose, d: data })).toString('base64url');
  const signature = createHmac('sha256', purposeKey(secret, purpose))
    .update(body)
    .digest('base64url');
  return `${body}.${signature}`;
}

/** The data of a token signed for `purpose`, or undefined when malformed, forged or for another. */
export function verifyToken(secret: string, purpose: TokenPurpose, token: string): unknown {
  const [body, signature, extra] = token.split('.');
  if (body === undefined || signature === undefined || extra !== undefined) return undefined;
  const expected = createHmac('sha256', purposeKey(secret, purpose)).update(body).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
    if (payload === null || typeof payload !== 'object') return undefined;
    const { p, d } = payload as { p?: unknown; d?: unknown };
    return p === purpose ? d : undefined;
  } catch {
    return undefined;
  }
}
