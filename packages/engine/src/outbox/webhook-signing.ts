/**
 * How webhooks and external-service calls are signed: the Standard Webhooks scheme
 * (https://www.standardwebhooks.com) — headers `webhook-id` (the message's idempotency key),
 * `webhook-timestamp` (Unix seconds, so a receiver can refuse replays older than a few minutes)
 * and `webhook-signature: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`.
 *
 * The key is never the engine secret (which would make every webhook a signing oracle for
 * tracking and unsubscribe tokens): a webhook destination (the URL's origin) has its own secret
 * `whsec_<base64>`, stored in engine settings, created on the first send, rotated and shown once
 * by an admin (`POST /api/v1/webhook-secrets`); an external service signs with its own secret.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Clock } from '@caravan/core/clock';
import { ok } from '@caravan/core/result';
import type { Database, Db } from '@caravan/storage/database';
import {
  getEngineSetting,
  initEngineSetting,
  listEngineSettingKeys,
  setEngineSetting,
} from '@caravan/storage/engine-settings.repository';
import { recordAudit } from '../audit/audit-log.ts';
import { inTransaction } from '../runtime/transaction.ts';

const secretPrefix = 'whsec_';
const settingPrefix = 'webhook-secret:';

/** A new destination secret: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `${secretPrefix}${randomBytes(32).toString('base64')}`;
}

/** The HMAC key of a secret: the bytes after `whsec_`, or the text of any other secret. */
function keyOf(secret: string): Buffer {
  return secret.startsWith(secretPrefix)
    ? Buffer.from(secret.slice(secretPrefix.length), 'base64')
    : Buffer.from(secret, 'utf8');
}

/** `v1,<base64 signature>` of one message. */
export function webhookSignature(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string,
): string {
  const signed = `${id}.${timestampSeconds}.${body}`;
  return `v1,${createHmac('sha256', keyOf(secret)).update(signed).digest('base64')}`;
}

/** The three Standard Webhooks headers of one message sent at `now`. */
export function signedHeaders(
  secret: string,
  id: string,
  now: Date,
  body: string,
): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': webhookSignature(secret, id, timestamp, body),
  };
}

/** The destination a secret belongs to: the URL's origin (`https://hooks.example.com:8443`). */
export function webhookDestination(url: string): string | undefined {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** The destination's secret, created (unseen until an admin rotates it) on first use. */
export async function webhookSecretFor(db: Db, destination: string, now: Date): Promise<string> {
  const stored = await initEngineSetting(
    db,
    `${settingPrefix}${destination}`,
    newWebhookSecret(),
    now,
  );
  if (typeof stored !== 'string') throw new Error(`webhook secret of ${destination} is not text`);
  return stored;
}

/** Whether the destination has a secret yet. */
export async function hasWebhookSecret(db: Db, destination: string): Promise<boolean> {
  return (await getEngineSetting(db, `${settingPrefix}${destination}`)) !== undefined;
}

/** Every destination that has a secret, with when it was created or last rotated. */
export async function listWebhookDestinations(
  db: Db,
): Promise<Array<{ destination: string; secretSince: string }>> {
  const keys = await listEngineSettingKeys(db, settingPrefix);
  return keys.map(({ key, updatedAt }) => ({
    destination: key.slice(settingPrefix.length),
    secretSince: updatedAt,
  }));
}

/** Replaces the destination's secret; the new one is answered once and never shown again. */
export async function rotateWebhookSecret(db: Db, destination: string, now: Date): Promise<string> {
  const secret = newWebhookSecret();
  await setEngineSetting(db, `${settingPrefix}${destination}`, secret, now);
  return secret;
}

/** An admin's rotation (`POST /webhook-secrets`): the new secret, audited without its value. */
export async function rotateWebhookSecretBy(
  deps: { database: Database; clock: Clock },
  actorId: string,
  destination: string,
): Promise<string> {
  const now = deps.clock.now();
  const rotated = await inTransaction<string, never>(deps.database, async (trx) => {
    const existed = await hasWebhookSecret(trx, destination);
    const secret = await rotateWebhookSecret(trx, destination, now);
    await recordAudit(trx, now, {
      actorId,
      action: 'settings.changed',
      entityType: 'settings',
      entityId: `${settingPrefix}${destination}`,
      entityName: `Webhook secret for ${destination}`,
      before: { secret: existed ? 'set' : 'none' },
      after: { secret: 'rotated' },
    });
    return ok(secret);
  });
  if (!rotated.ok) throw new Error('rotation cannot fail');
  return rotated.value;
}
