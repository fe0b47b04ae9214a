/** Rules on the journey itself: its name, its schedule and its settings. */
import { maxJourneyNameLength, type JourneySettings, type Schedule } from '../journey.ts';
import type { ValidationContext } from './context.ts';
import { problem, type Problem } from './problem.ts';

export const maxScheduleYears = 3;

/** The name is required, at most 255 characters and unique (storage says whether it is taken). */
export function nameProblems(name: string, ctx: ValidationContext): Problem[] {
  const trimmed = name.trim();
  if (trimmed === '') return [problem('NAME_REQUIRED', 'Give the journey a name.')];
  if (trimmed.length > maxJourneyNameLength) {
    return [
      problem(
        'NAME_TOO_LONG',
        `Shorten the journey name to at most ${maxJourneyNameLength} characters.`,
      ),
    ];
  }
  if (ctx.nameTaken) {
    return [problem('NAME_TAKEN', `Choose another name: a journey named "${trimmed}" exists.`)];
  }
  return [];
}

/** The end date is required to publish and bounds the journey to 3 years from its start. */
export function scheduleProblems(schedule: Schedule, now: Date): Problem[] {
  const problems: Problem[] = [];
  const start = schedule.start === 'immediately' ? now : new Date(schedule.start);
  if (start.getTime() < now.getTime()) {
    problems.push(
      problem('SCHEDULE_START_PAST', 'Move the start date into the future, or start immediately.'),
    );
  }
  if (schedule.end === null) {
    problems.push(problem('SCHEDULE_END_MISSING', 'Set the end date of the journey.'));
    return problems;
  }
  const end = new Date(schedule.end);
  if (end.getTime() <= start.getTime()) {
    problems.push(problem('SCHEDULE_END_BEFORE_START', 'Set the end date after the start.'));
  }
  if (end.getTime() > addYears(start, maxScheduleYears).getTime()) {
    problems.push(
      problem(
        'SCHEDULE_TOO_LONG',
        `Set the end date at most ${maxScheduleYears} years after the start.`,
      ),
    );
  }
  return problems;
}

/** Calendar years in UTC; 29 February lands on 1 March in a common year. */
function addYears(date: Date, years: number): Date {
  const moved = new Date(date.getTime());
  moved.setUTCFullYear(moved.getUTCFullYear() + years);
  return moved;
}

/** Re-entry needs all its parts once on; my token names are unique, ignoring case. */
export function settingsProblems(settings: JourneySettings): Problem[] {
  const problems: Problem[] = [];
  const { reEntry } = settings;
  if (
    reEntry.enabled &&
    (reEntry.entryLimit === undefined ||
      reEntry.delay === undefined ||
      reEntry.measuredFrom === undefined)
  ) {
    problems.push(
      problem(
        'REENTRY_INCOMPLETE',
        'Set the entry limit, the delay and where the delay is measured from, or turn re-entry off.',
      ),
    );
  }
  const seen = new Set<string>();
  for (const token of settings.myTokens) {
    const key = token.name.toLowerCase();
    if (seen.has(key)) {
      problems.push(
        problem('TOKEN_NAME_DUPLICATE', `Rename one of the my tokens named "${token.name}".`),
      );
    }
    seen.add(key);
  }
  return problems;
}
