import { describe, expect, it } from 'vitest';
import { AttributeDefinition, normaliseDate, validateAttributes } from './custom-attribute.ts';

const definitions = [
  { entity: 'account', name: 'tier', label: 'Tier', type: 'text' },
  { entity: 'account', name: 'seats', label: 'Seats', type: 'number' },
  { entity: 'account', name: 'active', label: 'Active', type: 'boolean' },
  { entity: 'account', name: 'renewal', label: 'Renewal date', type: 'date' },
] as const satisfies AttributeDefinition[];

describe('validateAttributes', () => {
  it('accepts values of the declared types and normalises date-times to UTC', () => {
    expect(
      validateAttributes(
        { tier: 'Gold', seats: 40, active: false, renewal: '2030-09-01T10:00:00+02:00' },
        definitions,
      ),
    ).toEqual({
      ok: true,
      value: { tier: 'Gold', seats: 40, active: false, renewal: '2030-09-01T08:00:00.000Z' },
    });
  });

  it('accepts null to clear any attribute and keeps calendar dates as they are', () => {
    expect(validateAttributes({ tier: null, renewal: '2030-02-28' }, definitions)).toEqual({
      ok: true,
      value: { tier: null, renewal: '2030-02-28' },
    });
  });

  it('reports every unknown attribute and wrong type at once', () => {
    const result = validateAttributes(
      {
        tier: 3,
        seats: '40',
        active: 'yes',
        renewal: '2030-02-30',
        colour: 'red',
        bad: Number.NaN,
      },
      definitions,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((p) => [p.code, p.attribute])).toEqual([
      ['ATTRIBUTE_TYPE_MISMATCH', 'tier'],
      ['ATTRIBUTE_TYPE_MISMATCH', 'seats'],
      ['ATTRIBUTE_TYPE_MISMATCH', 'active'],
      ['ATTRIBUTE_TYPE_MISMATCH', 'renewal'],
      ['ATTRIBUTE_UNKNOWN', 'colour'],
      ['ATTRIBUTE_UNKNOWN', 'bad'],
    ]);
  });

  it('rejects a number that is not finite', () => {
    expect(validateAttributes({ seats: Infinity }, definitions).ok).toBe(false);
  });
});

describe('normaliseDate', () => {
  it('rejects dates that do not exist and date-times without an offset', () => {
    expect(normaliseDate('2030-13-01')).toBeUndefined();
    expect(normaliseDate('2030-09-01T10:00:00')).toBeUndefined();
    expect(normaliseDate('1 September 2030')).toBeUndefined();
  });
});

describe('AttributeDefinition', () => {
  it('requires an identifier-like name so that it can be a token', () => {
    const base = { entity: 'person', label: 'X', type: 'text' };
    expect(AttributeDefinition.safeParse({ ...base, name: 'favouriteColour' }).success).toBe(true);
    expect(AttributeDefinition.safeParse({ ...base, name: 'favourite colour' }).success).toBe(
      false,
    );
    expect(AttributeDefinition.safeParse({ ...base, name: '1st' }).success).toBe(false);
  });
});
