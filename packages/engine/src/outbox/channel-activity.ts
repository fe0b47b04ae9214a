/**
 * The activities the channels produce (SPEC §4 "Tracking"): journeys listen for them and reports
 * count them. Recorded through `recordActivities`, so that listening enrollments wake at once.
 */
import { randomUUID } from 'node:crypto';
import type { EventPropertyValue } from '@caravan/core/conditions/account-facts';
import { recordActivities } from '@caravan/storage/activity.repository';
import type { Db } from '@caravan/storage/database';
import { rollupChannelActivity } from '../reports/report-hooks.ts';

export const channelActivityTypes = {
  emailDelivered: 'email.delivered',
  emailOpened: 'email.opened',
  emailClicked: 'email.clicked',
  emailUnsubscribed: 'email.unsubscribed',
  smsDelivered: 'sms.delivered',
  smsClicked: 'sms.clicked',
} as const;

export type ChannelActivityType = (typeof channelActivityTypes)[keyof typeof channelActivityTypes];

export interface ChannelActivity {
  type: ChannelActivityType;
  accountId: string | null;
  personId: string | null;
  at: Date;
  /** Set to record it at most once (a delivery); opens and clicks count every time. */
  messageId?: string;
  properties: Record<string, EventPropertyValue>;
}

/**
 * Records the activity when its account still exists (an activity belongs to an account); a
 * person deleted since is left out. Answers whether it was recorded.
 */
export async function recordChannelActivity(db: Db, activity: ChannelActivity): Promise<boolean> {
  if (activity.accountId === null) return false;
  const account = await db
    .selectFrom('accounts')
    .select('id')
    .where('id', '=', activity.accountId)
    .executeTakeFirst();
  if (account === undefined) return false;
  const person =
    activity.personId === null
      ? undefined
      : await db
          .selectFrom('people')
          .select('id')
          .where('id', '=', activity.personId)
          .executeTakeFirst();
  const recorded = await recordActivities(db, [
    {
      id: randomUUID(),
      type: activity.type,
      accountId: activity.accountId,
      personId: person?.id ?? null,
      occurredAt: activity.at,
      receivedAt: activity.at,
      messageId: activity.messageId ?? null,
      properties: activity.properties,
    },
  ]);
  if (recorded > 0) await rollupChannelActivity(db, activity);
  return recorded > 0;
}
