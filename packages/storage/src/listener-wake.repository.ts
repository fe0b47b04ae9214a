/**
 * Event arrival wakes listeners at once (SPEC §4, issue 4 "Durability"): in the transaction that
 * records activities, every enrollment of those accounts that is listening for an event becomes
 * due now. The worker then decides in memory whether one of the new activities matches its
 * listener; if none does it goes back to waiting. Waking is a row update, so it commits (or rolls
 * back) with the activities: no event is lost between "recorded" and "noticed".
 *
 * Other processes learn of it by PostgreSQL NOTIFY (delivered on commit); this one by the
 * in-process signal.
 */
import { sql } from 'kysely';
import type { Db } from './database.ts';
import { isPostgresDb } from './dialects/postgres/is-postgres.ts';
import { engineSignal } from './engine-signal.ts';

export const wakeChannel = 'caravan_engine';

/** Makes every listening enrollment of these accounts due at `now`; answers how many woke. */
export async function wakeListeningEnrollments(
  db: Db,
  accountIds: readonly string[],
  now: Date,
): Promise<number> {
  const unique = [...new Set(accountIds)];
  let woken = 0;
  for (let start = 0; start < unique.length; start += 500) {
    const result = await db
      .updateTable('enrollments')
      .set({ due_at: now.toISOString() })
      .where('account_id', 'in', unique.slice(start, start + 500))
      .where('status', '=', 'active')
      .where('phase', '=', 'listen')
      .where((eb) => eb.or([eb('due_at', 'is', null), eb('due_at', '>', now.toISOString())]))
      .executeTakeFirst();
    woken += Number(result.numUpdatedRows);
  }
  if (woken > 0) await notifyEngine(db);
  return woken;
}

/** Tells every engine loop (this process now, others on commit) that work is due. */
export async function notifyEngine(db: Db): Promise<void> {
  if (isPostgresDb(db)) {
    await sql`select pg_notify(${wakeChannel}, '')`.execute(db);
  }
  engineSignal.wake();
}
