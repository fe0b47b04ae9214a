import { describe, expect, it } from 'vitest';
import { AccountInput, AccountPatch } from './account.ts';

describe('AccountInput', () => {
  it('needs only a name and fills every other field with null', () => {
    expect(AccountInput.parse({ name: 'Acme' })).toEqual({
      name: 'Acme',
      domain: null,
      industry: null,
      annualRevenue: null,
      employees: null,
      city: null,
      state: null,
      country: null,
      sicCode: null,
      externalId: null,
      attributes: {},
    });
  });

  it('refuses an empty name, negative revenue and fractional employees', () => {
    expect(AccountInput.safeParse({ name: '' }).success).toBe(false);
    expect(AccountInput.safeParse({ name: 'A', annualRevenue: -1 }).success).toBe(false);
    expect(AccountInput.safeParse({ name: 'A', employees: 2.5 }).success).toBe(false);
  });

  it('accepts a patch of any subset but not an empty name', () => {
    expect(AccountPatch.parse({ industry: 'Retail' })).toEqual({ industry: 'Retail' });
    expect(AccountPatch.safeParse({ name: '' }).success).toBe(false);
  });
});
