import { describe, expect, it } from 'vitest';
import { leaveSentence } from './timing-text.ts';

// Monday 11:00 UTC.
const monday = new Date('2030-01-07T11:00:00Z');

describe('the leave sentence of a timing form', () => {
  it('says when a five-day wait entered now ends', () => {
    expect(leaveSentence({ duration: { amount: 5, unit: 'days' } }, 'en', monday)).toBe(
      'Saturday, January 12, 2030 at 11:00 AM UTC',
    );
  });

  it('follows must-end-on in its time zone (9:00 any day, entered Monday 11:00)', () => {
    const timing = {
      duration: { amount: 1, unit: 'minutes' as const },
      mustEndOn: { time: '09:00', timeZone: 'Europe/Stockholm' },
    };
    expect(leaveSentence(timing, 'en', monday)).toBe('Tuesday, January 8, 2030 at 09:00 AM GMT+1');
  });

  it('says nothing while the timing is incomplete or its time zone unknown', () => {
    expect(leaveSentence({}, 'en', monday)).toBeUndefined();
    const unknownZone = {
      duration: { amount: 1, unit: 'days' as const },
      mustEndOn: { timeZone: 'Mars/Base' },
    };
    expect(leaveSentence(unknownZone, 'en', monday)).toBeUndefined();
  });

  it('speaks Swedish when the interface does', () => {
    expect(leaveSentence({ duration: { amount: 1, unit: 'days' } }, 'sv', monday)).toMatch(
      /^tisdag/,
    );
  });
});
