import { describe, expect, it } from 'vitest';
import { accountToForm, emptyAccountForm, formToAccountPatch } from './account-fields.ts';

describe('account form', () => {
  it('turns empty boxes into unknown (null) and parses numbers', () => {
    const form = { ...emptyAccountForm(), name: ' Acme ', employees: '250', domain: '  ' };
    expect(formToAccountPatch(form)).toMatchObject({
      name: 'Acme',
      domain: null,
      employees: 250,
      annualRevenue: null,
    });
  });

  it('shows unknown values as empty boxes and keeps what is known', () => {
    const form = accountToForm({
      name: 'Acme',
      domain: null,
      industry: 'Robots',
      city: null,
      state: null,
      country: 'SE',
      sicCode: null,
      externalId: null,
      employees: 0,
      annualRevenue: null,
    });
    expect(form).toMatchObject({ name: 'Acme', domain: '', employees: '0', country: 'SE' });
    expect(formToAccountPatch(form)).toMatchObject({ employees: 0, industry: 'Robots' });
  });
});
