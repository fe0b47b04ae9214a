/**
 * The live sentence of the timing forms: when an account entering now would leave, computed
 * by the same core function the engine uses, so that the form cannot promise another time.
 */
import type { Timing } from '@caravan/core/journey/definition';
import { computeDueTime, isValidTimeZone } from '@caravan/core/timing/due-time';

/** When an account entering now would leave, or nothing while the timing is incomplete. */
export function leaveSentence(timing: Timing, language: string, now: Date): string | undefined {
  if (!timing.duration && !timing.date) return undefined;
  const zone = timing.mustEndOn?.timeZone ?? 'UTC';
  if (!isValidTimeZone(zone)) return undefined;
  const due = computeDueTime(now, timing, 'UTC');
  if (Number.isNaN(due.getTime())) return undefined;
  return new Intl.DateTimeFormat(language, {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: zone,
    timeZoneName: 'short',
  }).format(due);
}
