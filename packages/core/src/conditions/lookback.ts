/** The start of an event-history lookback window, shared with the SQL compiler so both agree. */
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { LookbackUnit } from './condition.ts';

/**
 * `now` minus the window in UTC: hours, days (24 h) and weeks exactly, months by the calendar
 * (31 March − 1 month = 28/29 February). Events at or after the start and not after `now` count.
 */
export function lookbackStart(
  lookback: { amount: number; unit: z.infer<typeof LookbackUnit> },
  now: Date,
): Date {
  return DateTime.fromJSDate(now, { zone: 'utc' })
    .minus({ [lookback.unit]: lookback.amount })
    .toJSDate();
}
