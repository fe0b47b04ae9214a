/**
 * Communication limits (SPEC §4 "Effects"): at most `amount` messages of a channel per person per
 * hour, day, week or month, across every journey. Stored in `engine_settings` under
 * `communicationLimits`. Windows are rolling (the last hour, the last 24 h, 7 days, 30 days), so a
 * burst at midnight cannot double the allowance.
 */
import { z } from 'zod';
import type { Database } from '@caravan/storage/database';
import type { Db } from '@caravan/storage/database';
import { getEngineSetting, setEngineSetting } from '@caravan/storage/engine-settings.repository';
import type { Clock } from '@caravan/core/clock';
import { ok } from '@caravan/core/result';
import { recordAudit } from '../audit/audit-log.ts';
import { inTransaction } from '../runtime/transaction.ts';

export const CommunicationLimit = z.object({
  channel: z.enum(['email', 'sms']),
  amount: z.number().int().min(0).max(1_000_000),
  per: z.enum(['hour', 'day', 'week', 'month']),
});
export type CommunicationLimit = z.infer<typeof CommunicationLimit>;

export const CommunicationLimits = z.array(CommunicationLimit).max(20);
export type CommunicationLimits = z.infer<typeof CommunicationLimits>;

export const communicationLimitsKey = 'communicationLimits';

const hour = 60 * 60_000;
export const windowMs: Record<CommunicationLimit['per'], number> = {
  hour,
  day: 24 * hour,
  week: 7 * 24 * hour,
  month: 30 * 24 * hour,
};

/** The stored limits; none (an empty list) when unset or unreadable. */
export async function readCommunicationLimits(db: Db): Promise<CommunicationLimits> {
  const parsed = CommunicationLimits.safeParse(await getEngineSetting(db, communicationLimitsKey));
  return parsed.success ? parsed.data : [];
}

/** Replaces the limits; with an actor, the change is audited (before and after) in its transaction. */
export async function saveCommunicationLimits(
  deps: { database: Database; clock: Clock },
  limits: CommunicationLimits,
  actorId?: string,
): Promise<CommunicationLimits> {
  const now = deps.clock.now();
  await inTransaction<null, never>(deps.database, async (trx) => {
    const before = await readCommunicationLimits(trx);
    await setEngineSetting(trx, communicationLimitsKey, limits, now);
    if (actorId !== undefined) {
      await recordAudit(trx, now, {
        actorId,
        action: 'settings.changed',
        entityType: 'settings',
        entityId: communicationLimitsKey,
        entityName: 'Communication limits',
        before,
        after: limits,
      });
    }
    return ok(null);
  });
  return limits;
}
