/**
 * Which accounts got new activities while a piece of work ran. The engine worker records
 * activities itself (interesting moments, attribute changes by actions) in the same transaction
 * that later writes its enrollments back; a listener of such an account that the batch had
 * already decided on would have its wake-up overwritten by that write. The worker therefore
 * watches the accounts that got activities and wakes their listeners after it saved — once:
 * `recordActivities` leaves the waking to the witness then, rather than waking them twice.
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

/**
 * Called by `recordActivities`; answers whether a witness took the accounts (and will wake their
 * listeners itself). Does nothing and answers false outside `witnessActivities`.
 */
export function noteActivityAccounts(accountIds: Iterable<string>): boolean {
  const accounts = witness.getStore();
  if (!accounts) return false;
  for (const id of accountIds) accounts.add(id);
  return true;
}
