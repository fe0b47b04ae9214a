/**
 * The last step every ingestion path shares (`POST /events`, Segment batches): a batch's
 * activities stored with multi-row INSERTs and each account they touched re-evaluated once, in
 * the caller's transaction.
 */
import { recordNewActivities, type NewActivity } from '@caravan/storage/activity.repository';
import type { Db } from '@caravan/storage/database';
import { reevaluateAccounts } from '../segments/membership-evaluation.ts';

/**
 * Stores the activities (skipping stored message ids); answers the ids of those that were new
 * (an activity left out is a duplicate of a stored message id).
 */
export async function storeActivityBatch(
  db: Db,
  activities: readonly NewActivity[],
  now: Date,
): Promise<Set<string>> {
  const stored = await recordNewActivities(db, activities);
  await reevaluateAccounts(
    db,
    activities.map((a) => a.accountId),
    now,
  );
  return stored;
}
