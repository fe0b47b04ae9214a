/**
 * The sender identity defaults of the sending settings: the from name, from address and reply-to
 * an email gets when its content names none. Stored in `engine_settings` under `senderIdentity`;
 * read by the email channel at send time.
 */
import { z } from 'zod';
import type { Clock } from '@caravan/core/clock';
import type { Database, Db } from '@caravan/storage/database';
import { getEngineSetting, setEngineSetting } from '@caravan/storage/engine-settings.repository';
import { recordAudit } from '../audit/audit-log.ts';
import { inTransaction } from '../runtime/transaction.ts';
import { ok } from '@caravan/core/result';

const address = z
  .string()
  .trim()
  .max(320)
  .regex(/^$|^[^@\s]+@[^@\s]+$/, 'must be an email address');

export const SenderIdentity = z.object({
  fromName: z.string().trim().max(200),
  fromEmail: address,
  replyTo: address,
});
export type SenderIdentity = z.infer<typeof SenderIdentity>;

export const senderIdentityKey = 'senderIdentity';

const none: SenderIdentity = { fromName: '', fromEmail: '', replyTo: '' };

/** The stored defaults; empty strings when unset. */
export async function readSenderIdentity(db: Db): Promise<SenderIdentity> {
  const parsed = SenderIdentity.safeParse(await getEngineSetting(db, senderIdentityKey));
  return parsed.success ? parsed.data : none;
}

export async function saveSenderIdentity(
  deps: { database: Database; clock: Clock },
  actorId: string,
  identity: SenderIdentity,
): Promise<SenderIdentity> {
  const now = deps.clock.now();
  await inTransaction<null, never>(deps.database, async (trx) => {
    const before = await readSenderIdentity(trx);
    await setEngineSetting(trx, senderIdentityKey, identity, now);
    await recordAudit(trx, now, {
      actorId,
      action: 'settings.changed',
      entityType: 'settings',
      entityId: senderIdentityKey,
      entityName: 'Sender identity',
      before,
      after: identity,
    });
    return ok(null);
  });
  return identity;
}
