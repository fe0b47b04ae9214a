/**
 * When a wait (or a listener's timeout) ends: the one place that does calendar arithmetic.
 *
 * 1. The base time is the configured date, or the entry time plus the duration. Minutes and hours
 *    are absolute; days, weeks and months are calendar steps in the node's time zone, so "wait 1
 *    day" entered at 09:00 ends at 09:00 the next day across a DST change.
 * 2. *Must end on* then moves the base forward to the earliest instant, at or after it, that falls
 *    on an allowed weekday at the given time of day in the given time zone. Without a time the day
 *    starts at midnight; without weekdays every day is allowed (AJO B2B's documented behaviour:
 *    "9:00, any day" entered Mon 11:00 ends Tue 9:00; "Tuesday" entered Fri 15:00 ends Tue 00:00).
 *    AJO does not say whether must-end-on combines with a duration; we apply the duration first,
 *    then align (docs/decisions.md).
 */
import { DateTime } from 'luxon';
import type { Duration, MustEndOn, Timing, Weekday } from '../journey/definition.ts';

const luxonWeekday: Readonly<Record<Weekday, number>> = {
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
  sun: 7,
};

/** Whether `zone` is an IANA time zone name this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}

function addDuration(from: Date, duration: Duration, zone: string): Date {
  const start = DateTime.fromJSDate(from, { zone });
  const end =
    duration.unit === 'minutes' || duration.unit === 'hours'
      ? start.plus({
          milliseconds: duration.amount * (duration.unit === 'minutes' ? 60e3 : 3600e3),
        })
      : start.plus({ [duration.unit]: duration.amount });
  return end.toJSDate();
}

function alignToMustEndOn(base: Date, mustEndOn: MustEndOn, zone: string): Date {
  const weekdays = mustEndOn.weekdays ?? [];
  if (weekdays.length === 0 && mustEndOn.time === undefined) return base;
  const allowed = new Set(
    (weekdays.length > 0 ? weekdays : (Object.keys(luxonWeekday) as Weekday[])).map(
      (day) => luxonWeekday[day],
    ),
  );
  const [hour, minute] = (mustEndOn.time ?? '00:00').split(':').map(Number) as [number, number];
  const local = DateTime.fromJSDate(base, { zone });
  // Eight days always reach an allowed weekday at the wanted time at or after the base.
  for (let day = 0; day <= 7; day += 1) {
    const candidate = local.plus({ days: day }).set({ hour, minute, second: 0, millisecond: 0 });
    if (candidate.toMillis() >= base.getTime() && allowed.has(candidate.weekday)) {
      return candidate.toJSDate();
    }
  }
  throw new Error('unreachable: no allowed weekday within eight days');
}

/**
 * The due time of a wait or timeout entered at `entry`. `defaultZone` applies when the node names
 * no time zone (the journey's zone, else UTC).
 */
export function computeDueTime(entry: Date, timing: Timing, defaultZone = 'UTC'): Date {
  const zone = timing.mustEndOn?.timeZone ?? defaultZone;
  const base = timing.date
    ? new Date(timing.date)
    : timing.duration
      ? addDuration(entry, timing.duration, zone)
      : entry;
  return timing.mustEndOn ? alignToMustEndOn(base, timing.mustEndOn, zone) : base;
}
