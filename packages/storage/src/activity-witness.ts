/**
 * Which accounts got new activities while a piece of work ran. The engine worker records
 * activities itself (interesting moments, attribute changes by actions) in the same transaction
 * that later writes its enrollments back; a listener of such an account that the batch had
 * already decided on would have its wake-up overwritten by that write. The worker therefore
 * watches the accounts that got activities and wakes their listeners once more after it saved.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const witness = new AsyncLocalStorage<Set<string>>();

/** Runs `work`; answers its result and every account `noteActivityAccounts` saw meanwhile. */
export async function witnessActivities<T>(
  work: () => Promise<T>,
): Promise<{ result: T; accounts: Set<string> }> {
  const accounts = new Set<string>();
  const result = await witness.run(accounts, work);
  return { result, accounts };
}

/** Called by `recordActivities`; does nothing outside `witnessActivities`. */
export function noteActivityAccounts(accountIds: Iterable<string>): void {
  const accounts = witness.getStore();
  if (!accounts) return;
  for (const id of accountIds) accounts.add(id);
}
