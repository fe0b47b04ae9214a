import { describe, expect, it } from 'vitest';
import {
  attributeEdits,
  attributeForm,
  booleanChoice,
  dateInputType,
  fromBooleanChoice,
  fromNumberInput,
  fromText,
  shownValue,
  withEdit,
} from './custom-attribute-values.ts';

describe('custom attribute values in forms', () => {
  it('shows stored values until edited and sends only the edits of declared attributes', () => {
    const form = attributeForm({ tier: 'gold', seats: 40, legacy: 'x' });
    expect(attributeEdits(form)).toBeUndefined();
    const edited = withEdit(withEdit(form, 'seats', 55), 'tier', null);
    expect(shownValue(edited, 'seats')).toBe(55);
    expect(shownValue(edited, 'tier')).toBeNull();
    expect(shownValue(edited, 'legacy')).toBe('x');
    expect(shownValue(edited, 'unknown')).toBeNull();
    expect(attributeEdits(edited)).toEqual({ seats: 55, tier: null });
    expect(attributeEdits(withEdit(edited, 'legacy', 'y'), [{ name: 'seats' }])).toEqual({
      seats: 55,
    });
  });

  it('turns empty boxes into cleared values and typed numbers into numbers', () => {
    expect(fromText('')).toBeNull();
    expect(fromText('gold')).toBe('gold');
    expect(fromNumberInput('')).toBeNull();
    expect(fromNumberInput(12)).toBe(12);
    expect(fromNumberInput('1.5')).toBe(1.5);
    // Half-typed: kept as typed; the server names the attribute if it is saved like this.
    expect(fromNumberInput('-')).toBe('-');
  });

  it('maps yes/no choices both ways, with no choice clearing', () => {
    expect(fromBooleanChoice('true')).toBe(true);
    expect(fromBooleanChoice('false')).toBe(false);
    expect(fromBooleanChoice(null)).toBeNull();
    expect(booleanChoice(false)).toBe('false');
    expect(booleanChoice(null)).toBeNull();
  });

  it('offers the date picker for calendar dates and keeps date-times as text', () => {
    expect(dateInputType(null)).toBe('date');
    expect(dateInputType('2026-03-01')).toBe('date');
    expect(dateInputType('2026-03-01T10:00:00.000Z')).toBe('text');
  });
});
