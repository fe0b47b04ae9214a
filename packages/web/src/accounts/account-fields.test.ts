import { describe, expect, it } from 'vitest';
import { accountToForm, emptyAccountForm, formToAccountPatch } from './account-fields.ts';

const stored = {
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
};

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
    const form = accountToForm(stored);
    expect(form).toMatchObject({ name: 'Acme', domain: '', employees: '0', country: 'SE' });
    expect(formToAccountPatch(form)).toMatchObject({ employees: 0, industry: 'Robots' });
  });

  it('sends custom attributes only when edited, and only the edited ones', () => {
    const form = accountToForm({
      ...stored,
      attributes: { tier: 'gold', seats: 40 },
    });
    expect(formToAccountPatch(form)).not.toHaveProperty('attributes');
    const edited = { ...form, attributes: { ...form.attributes, edits: { seats: null } } };
    expect(formToAccountPatch(edited).attributes).toEqual({ seats: null });
  });
});
