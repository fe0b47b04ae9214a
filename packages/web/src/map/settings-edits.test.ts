import { describe, expect, it } from 'vitest';
import {
  draftsToTokens,
  evenPercents,
  formToSchedule,
  isoToZoned,
  reEntryErrors,
  scheduleToForm,
  switchAudience,
  switchReEntry,
  tokenErrors,
  tokensToDrafts,
  zonedToIso,
  type ScheduleForm,
} from './settings-edits.ts';

describe('switching between accounts and people', () => {
  it('clears an action that people do not have and keeps one both have', () => {
    const alert = {
      id: 'a',
      type: 'action' as const,
      settings: { on: 'accounts' as const, action: { type: 'sendSalesAlert' as const } },
    };
    expect(switchAudience(alert, 'people')).toEqual({ settings: { on: 'people' }, loss: 'action' });
    const hook = {
      ...alert,
      settings: { on: 'accounts' as const, action: { type: 'webhook' as const } },
    };
    expect(switchAudience(hook, 'people').loss).toBe('none');
  });

  it('clears the event type of a listener', () => {
    const listener = {
      id: 'e',
      type: 'event' as const,
      settings: { on: 'accounts' as const, event: 'interestingMoment', timeoutPath: true },
    };
    expect(switchAudience(listener, 'people')).toEqual({
      settings: { on: 'people', timeoutPath: true },
      loss: 'event',
    });
  });
});

describe('distributing variant shares evenly', () => {
  it('gives whole percentages that add up to 100, the remainder first', () => {
    expect(evenPercents(2)).toEqual([50, 50]);
    expect(evenPercents(3)).toEqual([34, 33, 33]);
    expect(evenPercents(7).reduce((a, b) => a + b, 0)).toBe(100);
    expect(evenPercents(0)).toEqual([]);
  });
});

describe('date-times in the journey time zone', () => {
  it('reads a wall-clock time in the zone, in winter and in summer', () => {
    expect(zonedToIso('2027-03-01T09:00', 'Europe/Stockholm')).toBe('2027-03-01T08:00:00.000Z');
    expect(zonedToIso('2027-07-01T09:00', 'Europe/Stockholm')).toBe('2027-07-01T07:00:00.000Z');
    expect(zonedToIso('2027-07-01T09:00', 'America/New_York')).toBe('2027-07-01T13:00:00.000Z');
  });

  it('moves a time that the spring-forward skips an hour on', () => {
    expect(zonedToIso('2027-03-28T02:30', 'Europe/Stockholm')).toBe('2027-03-28T01:30:00.000Z');
  });

  it('refuses what is not a date or not a zone', () => {
    expect(zonedToIso('', 'UTC')).toBeUndefined();
    expect(zonedToIso('2027-02-30T10:00', 'UTC')).toBeUndefined();
    expect(zonedToIso('2027-02-10T10:00', 'Mars/Olympus')).toBeUndefined();
  });

  it('shows an instant as the wall-clock time of the zone and back', () => {
    expect(isoToZoned('2027-07-01T07:00:00.000Z', 'Europe/Stockholm')).toBe('2027-07-01T09:00');
    expect(isoToZoned('2027-01-01T00:30:00+00:00', 'Asia/Kolkata')).toBe('2027-01-01T06:00');
    const local = isoToZoned('2027-11-07T05:30:00.000Z', 'America/Los_Angeles');
    expect(zonedToIso(local, 'America/Los_Angeles')).toBe('2027-11-07T05:30:00.000Z');
  });
});

describe('the journey settings form', () => {
  const now = new Date('2027-01-10T12:00:00.000Z');
  const form = (patch: Partial<ScheduleForm>): ScheduleForm => ({
    startMode: 'immediately',
    start: '',
    end: '2027-06-30T18:00',
    timeZone: 'Europe/Stockholm',
    ...patch,
  });

  it('turns a filled form into a schedule in that zone', () => {
    expect(formToSchedule(form({}), now)).toEqual({
      ok: true,
      value: {
        start: 'immediately',
        end: '2027-06-30T16:00:00.000Z',
        timeZone: 'Europe/Stockholm',
      },
    });
    const dated = formToSchedule(form({ startMode: 'date', start: '2027-02-01T08:00' }), now);
    expect(dated.ok && dated.value.start).toBe('2027-02-01T07:00:00.000Z');
  });

  it('requires the end date and a start date when starting on a date', () => {
    expect(formToSchedule(form({ end: '' }), now)).toEqual({
      ok: false,
      error: { end: 'required' },
    });
    expect(formToSchedule(form({ startMode: 'date' }), now)).toEqual({
      ok: false,
      error: { start: 'required' },
    });
  });

  it('refuses an end more than 3 years after the start, or before it', () => {
    expect(formToSchedule(form({ end: '2030-01-11T12:00' }), now)).toEqual({
      ok: false,
      error: { end: 'tooLong' },
    });
    const later = form({ startMode: 'date', start: '2028-01-01T00:00', end: '2030-12-31T00:00' });
    expect(formToSchedule(later, now).ok).toBe(true);
    const before = form({ startMode: 'date', start: '2027-08-01T00:00' });
    expect(formToSchedule(before, now)).toEqual({ ok: false, error: { end: 'beforeStart' } });
  });

  it('refuses a start in the past and an unknown time zone', () => {
    const past = form({ startMode: 'date', start: '2026-12-01T00:00' });
    expect(formToSchedule(past, now)).toEqual({ ok: false, error: { start: 'past' } });
    expect(formToSchedule(form({ timeZone: 'Nowhere/Land' }), now)).toEqual({
      ok: false,
      error: { timeZone: 'unknown' },
    });
  });

  it('shows a stored schedule in its own zone, and in the fallback zone when it has none', () => {
    const schedule = {
      start: '2027-02-01T07:00:00.000Z',
      end: '2027-06-30T16:00:00.000Z',
      timeZone: 'Europe/Stockholm',
    };
    expect(scheduleToForm(schedule, 'UTC')).toEqual({
      startMode: 'date',
      start: '2027-02-01T08:00',
      end: '2027-06-30T18:00',
      timeZone: 'Europe/Stockholm',
    });
    expect(scheduleToForm({ start: 'immediately', end: null }, 'UTC')).toEqual({
      startMode: 'immediately',
      start: '',
      end: '',
      timeZone: 'UTC',
    });
  });
});

describe('re-entry', () => {
  it('fills in a usable rule when turned on and forgets it when turned off', () => {
    const on = switchReEntry({ enabled: false }, true);
    expect(on).toEqual({
      enabled: true,
      entryLimit: 1,
      delay: { amount: 1, unit: 'days' },
      measuredFrom: 'end',
    });
    expect(reEntryErrors(on)).toEqual({});
    expect(switchReEntry(on, false)).toEqual({ enabled: false });
  });

  it('needs a whole entry limit of at least 1 and a whole delay', () => {
    const bad = { enabled: true, entryLimit: 0, delay: { amount: 1.5, unit: 'hours' as const } };
    expect(reEntryErrors(bad)).toEqual({ entryLimit: 'required', delay: 'required' });
    expect(reEntryErrors({ enabled: false, entryLimit: 0 })).toEqual({});
  });
});

describe('my tokens', () => {
  it('accepts named tokens and saves numbers as numbers', () => {
    const drafts = [
      { name: 'offer', type: 'text' as const, value: '20% off' },
      { name: 'Discount_2', type: 'number' as const, value: ' 15.5 ' },
    ];
    expect(tokenErrors(drafts).size).toBe(0);
    expect(draftsToTokens(drafts)).toEqual([
      { name: 'offer', type: 'text', value: '20% off' },
      { name: 'Discount_2', type: 'number', value: 15.5 },
    ]);
    expect(tokensToDrafts(draftsToTokens(drafts))[1]).toEqual({
      name: 'Discount_2',
      type: 'number',
      value: '15.5',
    });
  });

  it('names every problem: missing, unusable or repeated names and non-numbers', () => {
    const errors = tokenErrors([
      { name: '', type: 'text', value: 'x' },
      { name: 'my offer', type: 'text', value: 'x' },
      { name: 'Offer', type: 'number', value: 'ten' },
      { name: 'offer', type: 'number', value: '' },
    ]);
    expect([...errors.entries()]).toEqual([
      [0, ['nameRequired']],
      [1, ['nameFormat']],
      [2, ['notANumber']],
      [3, ['nameDuplicate', 'notANumber']],
    ]);
  });
});
