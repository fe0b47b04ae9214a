import { describe, expect, it } from 'vitest';
import { computeDueTime, isValidTimeZone } from './due-time.ts';

// 2026-11-30 is a Monday.
const utc = (iso: string) => new Date(`${iso}Z`);

describe('computeDueTime: the documented must-end-on examples', () => {
  it('"9:00, any day": entering Mon 11:00 exits Tue 9:00', () => {
    const due = computeDueTime(utc('2026-11-30T11:00:00'), { mustEndOn: { time: '09:00' } });
    expect(due).toEqual(utc('2026-12-01T09:00:00'));
  });

  it('"9:00, any day": entering Mon 7:00 exits Mon 9:00', () => {
    const due = computeDueTime(utc('2026-11-30T07:00:00'), { mustEndOn: { time: '09:00' } });
    expect(due).toEqual(utc('2026-11-30T09:00:00'));
  });

  it('"Tuesday, no time": entering Fri 15:00 exits Tue 00:00', () => {
    const due = computeDueTime(utc('2026-12-04T15:00:00'), { mustEndOn: { weekdays: ['tue'] } });
    expect(due).toEqual(utc('2026-12-08T00:00:00'));
  });

  it('"10:00, Mon–Fri": entering Sat 14:00 exits Mon 10:00', () => {
    const due = computeDueTime(utc('2026-12-05T14:00:00'), {
      mustEndOn: { time: '10:00', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'] },
    });
    expect(due).toEqual(utc('2026-12-07T10:00:00'));
  });

  it('"10:00, Mon–Fri": entering Wed 08:00 exits Wed 10:00', () => {
    const due = computeDueTime(utc('2026-12-02T08:00:00'), {
      mustEndOn: { time: '10:00', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'] },
    });
    expect(due).toEqual(utc('2026-12-02T10:00:00'));
  });
});

describe('computeDueTime: durations, dates and zones', () => {
  it('adds minutes and hours as absolute time', () => {
    const entry = utc('2026-11-30T10:00:00');
    expect(computeDueTime(entry, { duration: { amount: 90, unit: 'minutes' } })).toEqual(
      utc('2026-11-30T11:30:00'),
    );
    expect(computeDueTime(entry, { duration: { amount: 3, unit: 'hours' } })).toEqual(
      utc('2026-11-30T13:00:00'),
    );
  });

  it('adds days as calendar days in the zone, keeping the wall time across DST', () => {
    // Stockholm leaves summer time on 2026-10-25: 09:00 local is 07:00Z before, 08:00Z after.
    const due = computeDueTime(utc('2026-10-24T07:00:00'), {
      duration: { amount: 2, unit: 'days' },
      mustEndOn: { timeZone: 'Europe/Stockholm' },
    });
    expect(due).toEqual(utc('2026-10-26T08:00:00'));
  });

  it('adds weeks and months on the calendar', () => {
    const entry = utc('2026-01-31T12:00:00');
    expect(computeDueTime(entry, { duration: { amount: 1, unit: 'months' } })).toEqual(
      utc('2026-02-28T12:00:00'),
    );
    expect(computeDueTime(entry, { duration: { amount: 2, unit: 'weeks' } })).toEqual(
      utc('2026-02-14T12:00:00'),
    );
  });

  it('ends at the configured date', () => {
    const due = computeDueTime(utc('2026-11-30T10:00:00'), { date: '2026-12-24T08:00:00.000Z' });
    expect(due).toEqual(utc('2026-12-24T08:00:00'));
  });

  it('applies the duration first, then aligns to must-end-on', () => {
    // Wait 1 day from Fri 15:00 → Sat 15:00, then the next weekday at 09:00 → Mon 09:00.
    const due = computeDueTime(utc('2026-12-04T15:00:00'), {
      duration: { amount: 1, unit: 'days' },
      mustEndOn: { time: '09:00', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'] },
    });
    expect(due).toEqual(utc('2026-12-07T09:00:00'));
  });

  it('reads the time of day in the must-end-on time zone', () => {
    // 09:00 in New York on Monday 2026-11-30 (EST, UTC-5) is 14:00Z.
    const due = computeDueTime(utc('2026-11-30T12:00:00'), {
      mustEndOn: { time: '09:00', timeZone: 'America/New_York' },
    });
    expect(due).toEqual(utc('2026-11-30T14:00:00'));
  });

  it('exits at the base time when it already is the wanted time on an allowed day', () => {
    const entry = utc('2026-11-30T09:00:00');
    expect(computeDueTime(entry, { mustEndOn: { time: '09:00', weekdays: ['mon'] } })).toEqual(
      entry,
    );
  });

  it('moves a time that falls in a DST gap forward to the first valid instant', () => {
    // Stockholm skips 02:00–03:00 on 2026-03-29; "02:30" that day is 03:30 local = 01:30Z.
    const due = computeDueTime(utc('2026-03-28T23:30:00'), {
      mustEndOn: { time: '02:30', timeZone: 'Europe/Stockholm' },
    });
    expect(due).toEqual(utc('2026-03-29T01:30:00'));
  });

  it('knows valid and invalid time zone names', () => {
    expect(isValidTimeZone('Europe/Stockholm')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
