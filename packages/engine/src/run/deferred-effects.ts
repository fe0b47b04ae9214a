/**
 * Effects a batch collects while deciding and writes once at its end, inside the same
 * transaction: the activities its actions recorded (one insert, one wake-up of listeners), the
 * engagement of its listeners that heard their event (one insert, one totals upsert) and its
 * static-list changes (one statement per list, then one audience re-evaluation and one entry check
 * per list instead of per account).
 */
import {
  addAccountListMembers,
  removeAccountListMembers,
} from '@caravan/storage/account-list.repository';
import { recordActivities } from '@caravan/storage/activity.repository';
import { recordEngagements } from '@caravan/storage/report-engagement-batch.repository';
import { admitNewMembers } from '../entry/journey-entry.ts';
import { reevaluateAudiencesUsingList } from '../segments/membership-evaluation.ts';
import type { Batch, PendingListChange } from './batch.ts';

/** The last change of each account wins (an add then a remove in one batch is a remove). */
function lastChangeByAccount(
  changes: readonly PendingListChange[],
): Map<string, Map<string, PendingListChange>> {
  const byList = new Map<string, Map<string, PendingListChange>>();
  for (const change of changes) {
    const accounts = byList.get(change.listId) ?? new Map<string, PendingListChange>();
    accounts.set(change.accountId, change);
    byList.set(change.listId, accounts);
  }
  return byList;
}

/** The timeline said "added"/"removed"; an account that already was (not) a member learns it was a no-op. */
function markNoOps(batch: Batch, listId: string, changed: ReadonlySet<string>): void {
  const noOps = batch.listChanges.filter((c) => c.listId === listId && !changed.has(c.accountId));
  for (const change of noOps) {
    const entry = batch.timeline.find(
      (t) =>
        t.enrollmentId === change.enrollmentId && t.nodeId === change.nodeId && t.kind === 'step',
    );
    if (!entry) continue;
    entry.detail = {
      ...entry.detail,
      outcome: 'skipped',
      reason: change.change === 'add' ? 'already in the list' : 'not in the list',
    };
  }
}

export async function flushDeferredEffects(batch: Batch): Promise<void> {
  const { trx, now } = batch;
  if (batch.activities.length > 0) await recordActivities(trx, batch.activities);
  if (batch.engagements.length > 0) await recordEngagements(trx, batch.engagements);
  for (const [listId, accounts] of lastChangeByAccount(batch.listChanges)) {
    const wanted = [...accounts.values()];
    const adds = wanted.filter((c) => c.change === 'add').map((c) => c.accountId);
    const removes = wanted.filter((c) => c.change === 'remove').map((c) => c.accountId);
    const added = adds.length > 0 ? await addAccountListMembers(trx, listId, adds, now) : [];
    const removed =
      removes.length > 0 ? await removeAccountListMembers(trx, listId, removes, now) : [];
    if (added.length + removed.length > 0) await reevaluateAudiencesUsingList(trx, listId, now);
    if (added.length > 0)
      await admitNewMembers(trx, { kind: 'accountList', id: listId }, added, now);
    markNoOps(batch, listId, new Set([...added, ...removed]));
  }
}
