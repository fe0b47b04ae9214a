import { EventConstraint } from '@caravan/core/conditions/condition';
import { describe, expect, it } from 'vitest';
import { listOf } from './schema-check.ts';

describe('checking a typed-in list against a core schema', () => {
  const constraints = listOf(EventConstraint);

  it('accepts a list whose every item fits', () => {
    const value = [{ field: 'type', operator: 'is', values: ['milestone'] }];
    expect(constraints.safeParse(value)).toEqual({ success: true, data: value });
  });

  it('names the item and field that do not fit', () => {
    const parsed = constraints.safeParse([
      { field: 'type', operator: 'is', values: [] },
      { field: 'type', operator: 'maybe', values: [] },
    ]);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.issues[0]?.path).toEqual([1, 'operator']);
  });

  it('refuses anything that is not a list', () => {
    expect(constraints.safeParse({ field: 'type' }).success).toBe(false);
  });
});
