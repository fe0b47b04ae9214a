/**
 * Advancing the test clock (SPEC §8) fires every due timer in order: the clock steps to each
 * due time within the advance — enrollment timers, outbox retries, scheduled starts and end
 * dates — and runs what became due there before stepping on, so that a wait after a wait is
 * measured from the moment the first one ended, not from the end of the advance.
 */
import type { Db } from '@caravan/storage/database';
import { earliestDueTime } from '@caravan/storage/enrollment.repository';
import { fromNullableTimestamp } from '@caravan/storage/column-types';
import type { ManualClock } from './clock.ts';

async function earliestOther(db: Db, after: Date, until: Date): Promise<Date | undefined> {
  const times: Date[] = [];
  const outbox = await db
    .selectFrom('outbox')
    .select('next_attempt_at')
    .where('status', '=', 'pending')
    .where('next_attempt_at', 'is not', null)
    .orderBy('next_attempt_at')
    .limit(1)
    .executeTakeFirst();
  const retry = outbox ? fromNullableTimestamp(outbox.next_attempt_at) : null;
  if (retry !== null) times.push(new Date(retry));
  const journeys = await db
    .selectFrom('journeys')
    .select(['start_at', 'end_at', 'status'])
    .where('status', 'in', ['scheduled', 'live'])
    .execute();
  for (const j of journeys) {
    const at = fromNullableTimestamp(j.status === 'scheduled' ? j.start_at : j.end_at);
    if (at !== null) times.push(new Date(at));
  }
  const due = times
    .filter((t) => t > after && t <= until)
    .sort((a, b) => a.getTime() - b.getTime());
  return due[0];
}

/**
 * Moves `clock` forward by `ms`, calling `runDue` (scheduler tick, worker and dispatcher until
 * idle) at every due time on the way and at the end. At most `maxStops` stops, a guard against
 * work that keeps scheduling itself a moment later.
 */
export async function advanceTestClock(
  db: Db,
  clock: ManualClock,
  ms: number,
  runDue: () => Promise<void>,
  maxStops = 10_000,
): Promise<Date> {
  const target = new Date(clock.now().getTime() + ms);
  await runDue();
  for (let stop = 0; stop < maxStops; stop += 1) {
    const now = clock.now();
    const timers = await earliestDueTime(db);
    const other = await earliestOther(db, now, target);
    const candidates = [timers, other].filter((d): d is Date => d !== undefined && d <= target);
    if (candidates.length === 0) break;
    const next = new Date(Math.max(now.getTime(), Math.min(...candidates.map((d) => d.getTime()))));
    if (next.getTime() === now.getTime() && timers !== undefined && timers <= now) {
      // Something is due now and the last run left it: run again, but never spin forever.
      await runDue();
      const still = await earliestDueTime(db);
      if (still !== undefined && still <= now) break;
      continue;
    }
    clock.set(next);
    await runDue();
  }
  clock.set(target);
  await runDue();
  return clock.now();
}
