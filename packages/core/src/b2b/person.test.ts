import { describe, expect, it } from 'vitest';
import { PersonInput, PersonPatch } from './person.ts';

describe('PersonInput', () => {
  it('defaults email consent to opted in and SMS consent to opted out', () => {
    const person = PersonInput.parse({ email: 'ann@acme.example' });
    expect(person.emailConsent).toBe('optedIn');
    expect(person.smsConsent).toBe('optedOut');
  });

  it('needs an email, a mobile phone or an external id', () => {
    expect(PersonInput.safeParse({ firstName: 'Ann' }).success).toBe(false);
    expect(PersonInput.safeParse({ mobilePhone: '+46701234567' }).success).toBe(true);
    expect(PersonInput.safeParse({ externalId: 'crm-1' }).success).toBe(true);
  });

  it('refuses a malformed email or phone number', () => {
    expect(PersonInput.safeParse({ email: 'not an email' }).success).toBe(false);
    expect(PersonInput.safeParse({ mobilePhone: '0701234567' }).success).toBe(false);
    expect(PersonPatch.safeParse({ smsConsent: 'maybe' }).success).toBe(false);
  });
});
