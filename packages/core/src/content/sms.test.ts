import { describe, expect, it } from 'vitest';
import { Sms, smsSegments, validateSms } from './sms.ts';

describe('Sms', () => {
  it('accepts a name of up to 100 characters without \\ / : * ? " < > |', () => {
    expect(Sms.safeParse({ id: 's', name: 'Spring promo – Sweden', message: 'Hi' }).success).toBe(
      true,
    );
    expect(Sms.safeParse({ id: 's', name: 'x'.repeat(100) }).success).toBe(true);
    expect(Sms.safeParse({ id: 's', name: 'x'.repeat(101) }).success).toBe(false);
    expect(Sms.safeParse({ id: 's', name: '' }).success).toBe(false);
    for (const c of ['\\', '/', ':', '*', '?', '"', '<', '>', '|']) {
      expect(Sms.safeParse({ id: 's', name: `a${c}b` }).success, c).toBe(false);
    }
  });

  it('accepts a message of 1,600 characters and refuses 1,601', () => {
    expect(Sms.safeParse({ id: 's', name: 'n', message: 'a'.repeat(1600) }).success).toBe(true);
    expect(Sms.safeParse({ id: 's', name: 'n', message: '😀'.repeat(1600) }).success).toBe(true);
    expect(Sms.safeParse({ id: 's', name: 'n', message: 'a'.repeat(1601) }).success).toBe(false);
  });
});

describe('smsSegments', () => {
  it('fits 160 GSM-7 characters in one segment and 161 in two of 153', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', segments: 1, units: 160 });
    expect(smsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', segments: 2, units: 161 });
    expect(smsSegments('a'.repeat(306))).toMatchObject({ segments: 2 });
    expect(smsSegments('a'.repeat(307))).toMatchObject({ segments: 3 });
  });

  it('counts the extension characters ^ { } \\ [ ~ ] | € and form feed as two septets', () => {
    expect(smsSegments('€')).toEqual({ encoding: 'GSM-7', segments: 1, units: 2 });
    expect(smsSegments('^{}\\[~]|€\f')).toMatchObject({ encoding: 'GSM-7', units: 20 });
    expect(smsSegments('€'.repeat(80))).toMatchObject({ segments: 1, units: 160 });
    expect(smsSegments('€'.repeat(81))).toMatchObject({ segments: 2, units: 162 });
  });

  it('never splits an escape pair across segments', () => {
    // 152 septets then '€': 154 > 153 would split it, so the € starts segment 2.
    expect(smsSegments(`${'a'.repeat(152)}€${'a'.repeat(10)}`)).toMatchObject({
      segments: 2,
      units: 164,
    });
    expect(smsSegments(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toMatchObject({ segments: 3 });
  });

  it('keeps Swedish and other basic-table letters in GSM-7', () => {
    expect(smsSegments('Hej Åsa! Välkommen till Göteborg @ 10:00 £5 ¿¡ ÆØæøßÉ')).toMatchObject({
      encoding: 'GSM-7',
      segments: 1,
    });
  });

  it('switches to UCS-2 for any other character: 70 in one segment, 67 per part', () => {
    expect(smsSegments('ç')).toMatchObject({ encoding: 'UCS-2', segments: 1 });
    expect(smsSegments('Привет')).toMatchObject({ encoding: 'UCS-2', units: 6 });
    expect(smsSegments('ж'.repeat(70))).toMatchObject({ segments: 1 });
    expect(smsSegments('ж'.repeat(71))).toMatchObject({ segments: 2 });
    expect(smsSegments('ж'.repeat(134))).toMatchObject({ segments: 2 });
    expect(smsSegments('ж'.repeat(135))).toMatchObject({ segments: 3 });
  });

  it('counts an emoji as two UCS-2 units and never splits it', () => {
    expect(smsSegments('😀')).toEqual({ encoding: 'UCS-2', segments: 1, units: 2 });
    expect(smsSegments('😀'.repeat(35))).toMatchObject({ segments: 1, units: 70 });
    expect(smsSegments(`${'a'.repeat(66)}😀${'a'.repeat(10)}`)).toMatchObject({
      segments: 2,
      units: 78,
    });
    expect(smsSegments(`${'a'.repeat(66)}😀${'a'.repeat(66)}`)).toMatchObject({ segments: 3 });
  });

  it('costs nothing for an empty message', () => {
    expect(smsSegments('')).toEqual({ encoding: 'GSM-7', segments: 0, units: 0 });
  });
});

describe('validateSms', () => {
  it('requires a message, at most 1,600 characters, with a valid template', () => {
    expect(
      validateSms({ name: 'Promo', message: 'Hi {{ person.firstName | default: "there" }}' }),
    ).toEqual([]);
    expect(validateSms({ name: 'Promo', message: '  ' }).map((p) => p.code)).toEqual([
      'SMS_MESSAGE_MISSING',
    ]);
    expect(validateSms({ name: 'Promo', message: 'a'.repeat(1601) }).map((p) => p.code)).toEqual([
      'SMS_TOO_LONG',
    ]);
    expect(validateSms({ name: 'Promo', message: 'Hi {{ oops' }).map((p) => p.code)).toEqual([
      'SMS_TEMPLATE_INVALID',
    ]);
  });
});
