/**
 * Pure edits behind the editor's forms (no React): node settings of the properties forms
 * (switching between accounts and people, even variant shares) and the journey's schedule and
 * settings of the *Journey settings*, *Re-entry* and *My tokens* dialogs.
 */
import type { Audience, JourneyNode } from '@caravan/core/journey/definition';
import type { JourneySettings, Schedule } from '@caravan/core/journey/journey';
import { scheduleProblems } from '@caravan/core/journey/validation/schedule.rules';
import { assertNever, err, ok, type Result } from '@caravan/core/result';

/** What switching a node between accounts and people takes away, for the confirmation. */
export type AudienceLoss = 'action' | 'event' | 'none';

/**
 * The settings of `node` after switching its `on`/`by` to `audience`, and what is lost: an action
 * that does not exist for the new audience, or the event type (account and people events differ).
 */
export function switchAudience(
  node: JourneyNode,
  audience: Audience,
): { settings: JourneyNode['settings']; loss: AudienceLoss } {
  switch (node.type) {
    case 'action': {
      const action = node.settings.action;
      const shared = action?.type === 'interestingMoment' || action?.type === 'webhook';
      if (action && !shared) return { settings: { on: audience }, loss: 'action' };
      return { settings: { on: audience, action } as JourneyNode['settings'], loss: 'none' };
    }
    case 'event': {
      const {
        event: _event,
        constraints: _constraints,
        peopleFilter: _filter,
        ...rest
      } = node.settings;
      const loss = node.settings.event ? 'event' : 'none';
      return { settings: { ...rest, on: audience }, loss };
    }
    case 'split':
    case 'variantSplit':
      return { settings: { ...node.settings, by: audience }, loss: 'none' };
    case 'externalAction':
    case 'externalSplit':
      return { settings: { ...node.settings, on: audience }, loss: 'none' };
    case 'audience':
    case 'merge':
    case 'wait':
      return { settings: node.settings, loss: 'none' };
    default:
      return assertNever(node);
  }
}

/** Whole percentages as even as they go, the remainder to the first paths (3 → 34, 33, 33). */
export function evenPercents(count: number): number[] {
  if (count <= 0) return [];
  const base = Math.floor(100 / count);
  const rest = 100 - base * count;
  return Array.from({ length: count }, (_, index) => base + (index < rest ? 1 : 0));
}

/*
 * Journey settings (SPEC §1, §2): the schedule as the form shows it — wall-clock date-times in the
 * journey's time zone — and the re-entry and my-token edits, checked before they are saved.
 */

/** `YYYY-MM-DDTHH:mm`, the value of an `<input type="datetime-local">`. */
export type LocalDateTime = string;

const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** The wall-clock time of `instant` in `timeZone`, read as if it were UTC (milliseconds). */
function wallClockMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
}

/** Whether `timeZone` is an IANA zone this browser knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The instant (ISO, UTC) of a wall-clock time in `timeZone`; `undefined` when it is not a date.
 * The zone's offset is read at the guess and again at the result, so a time near a DST change
 * lands on the offset in force then; a time skipped by a spring-forward moves an hour on.
 */
export function zonedToIso(local: LocalDateTime, timeZone: string): string | undefined {
  const match = localPattern.exec(local.trim());
  if (!match || !isTimeZone(timeZone)) return undefined;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) {
    return undefined;
  }
  const first = asUtc - (wallClockMs(asUtc, timeZone) - asUtc);
  const second = asUtc - (wallClockMs(first, timeZone) - first);
  return new Date(second).toISOString();
}

/** The wall-clock time in `timeZone` of an ISO instant, for a datetime-local input. */
export function isoToZoned(iso: string, timeZone: string): LocalDateTime {
  const ms = new Date(iso).getTime();
  if (Number.isNaN(ms)) return '';
  const zone = isTimeZone(timeZone) ? timeZone : 'UTC';
  return new Date(wallClockMs(ms, zone)).toISOString().slice(0, 16);
}

/** The schedule as the *Journey settings* form edits it. */
export interface ScheduleForm {
  startMode: 'immediately' | 'date';
  start: LocalDateTime;
  end: LocalDateTime;
  timeZone: string;
}

export function scheduleToForm(schedule: Schedule, fallbackZone: string): ScheduleForm {
  const timeZone =
    schedule.timeZone && isTimeZone(schedule.timeZone) ? schedule.timeZone : fallbackZone;
  return {
    startMode: schedule.start === 'immediately' ? 'immediately' : 'date',
    start: schedule.start === 'immediately' ? '' : isoToZoned(schedule.start, timeZone),
    end: schedule.end === null ? '' : isoToZoned(schedule.end, timeZone),
    timeZone,
  };
}

/** What is wrong with the form, per field, as codes the dialog translates. */
export interface ScheduleFormErrors {
  start?: 'required' | 'past';
  end?: 'required' | 'beforeStart' | 'tooLong';
  timeZone?: 'unknown';
}

/**
 * The schedule of a filled form, or what is wrong with it. The end-date rules are core's own
 * (`scheduleProblems`, the ones publish enforces), so the form cannot disagree with publish.
 */
export function formToSchedule(
  form: ScheduleForm,
  now: Date,
): Result<Schedule, ScheduleFormErrors> {
  if (!isTimeZone(form.timeZone)) return err({ timeZone: 'unknown' });
  const errors: ScheduleFormErrors = {};
  const start =
    form.startMode === 'immediately' ? 'immediately' : zonedToIso(form.start, form.timeZone);
  if (start === undefined) errors.start = 'required';
  const end = zonedToIso(form.end, form.timeZone);
  if (end === undefined) errors.end = 'required';
  if (start === undefined || end === undefined) return err(errors);
  const schedule: Schedule = { start, end, timeZone: form.timeZone };
  for (const found of scheduleProblems(schedule, now)) {
    if (found.code === 'SCHEDULE_START_PAST') errors.start = 'past';
    else if (found.code === 'SCHEDULE_END_BEFORE_START') errors.end = 'beforeStart';
    else if (found.code === 'SCHEDULE_TOO_LONG') errors.end ??= 'tooLong';
  }
  return Object.keys(errors).length > 0 ? err(errors) : ok(schedule);
}

export type ReEntry = JourneySettings['reEntry'];
export type MyToken = JourneySettings['myTokens'][number];

/** Turning re-entry on fills in a usable rule (once more, a day after the previous pass ends). */
export function switchReEntry(reEntry: ReEntry, enabled: boolean): ReEntry {
  if (!enabled) return { enabled: false };
  return {
    enabled: true,
    entryLimit: reEntry.entryLimit ?? 1,
    delay: reEntry.delay ?? { amount: 1, unit: 'days' },
    measuredFrom: reEntry.measuredFrom ?? 'end',
  };
}

export interface ReEntryErrors {
  entryLimit?: 'required';
  delay?: 'required';
}

/** Re-entry on needs a whole entry limit ≥ 1 and a whole delay ≥ 0 (SPEC §2). */
export function reEntryErrors(reEntry: ReEntry): ReEntryErrors {
  if (!reEntry.enabled) return {};
  const errors: ReEntryErrors = {};
  const limit = reEntry.entryLimit;
  if (limit === undefined || !Number.isInteger(limit) || limit < 1) errors.entryLimit = 'required';
  const amount = reEntry.delay?.amount;
  if (amount === undefined || !Number.isInteger(amount) || amount < 0) errors.delay = 'required';
  return errors;
}

/** A token as the *My tokens* form holds it: the value is typed text until it is saved. */
export interface TokenDraft {
  name: string;
  type: MyToken['type'];
  value: string;
}

export type TokenError = 'nameRequired' | 'nameFormat' | 'nameDuplicate' | 'notANumber';

/**
 * Names are used as `{{my.Name}}` in content, so they must be Liquid identifiers: a letter, then
 * letters, digits or `_` (at most 100, core's limit); unique ignoring case like core checks.
 */
const tokenNamePattern = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;

/** The problems of each token draft, by index (empty when all of them can be saved). */
export function tokenErrors(tokens: readonly TokenDraft[]): Map<number, TokenError[]> {
  const errors = new Map<number, TokenError[]>();
  const add = (index: number, error: TokenError) =>
    errors.set(index, [...(errors.get(index) ?? []), error]);
  const seen = new Set<string>();
  tokens.forEach((token, index) => {
    const name = token.name.trim();
    if (name === '') add(index, 'nameRequired');
    else if (!tokenNamePattern.test(name)) add(index, 'nameFormat');
    else if (seen.has(name.toLowerCase())) add(index, 'nameDuplicate');
    seen.add(name.toLowerCase());
    if (token.type === 'number' && !Number.isFinite(Number(token.value.trim() || 'x'))) {
      add(index, 'notANumber');
    }
  });
  return errors;
}

export function tokensToDrafts(tokens: readonly MyToken[]): TokenDraft[] {
  return tokens.map((t) => ({ name: t.name, type: t.type, value: String(t.value) }));
}

/** The tokens to save; call only when `tokenErrors` found nothing. */
export function draftsToTokens(drafts: readonly TokenDraft[]): MyToken[] {
  return drafts.map((d) => ({
    name: d.name.trim(),
    type: d.type,
    value: d.type === 'number' ? Number(d.value.trim()) : d.value,
  }));
}
