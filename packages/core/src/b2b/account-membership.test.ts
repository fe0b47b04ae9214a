import { describe, expect, it } from 'vitest';
import { AccountMembership, AccountMembershipInput } from './account-membership.ts';

describe('AccountMembership', () => {
  it('has an optional role that defaults to none', () => {
    expect(AccountMembershipInput.parse({})).toEqual({ role: null });
    expect(
      AccountMembership.parse({ personId: 'p', accountId: 'a', role: 'Decision maker' }).role,
    ).toBe('Decision maker');
  });
});
