import { describe, expect, it } from 'vitest';
import { canSend } from './consent.ts';

const person = {
  email: 'ann@acme.example',
  mobilePhone: '+46701234567',
  emailConsent: 'optedIn',
  smsConsent: 'optedOut',
} as const;

describe('canSend', () => {
  it('sends email unless the person opted out', () => {
    expect(canSend(person, 'email')).toEqual({ allowed: true });
    expect(canSend({ ...person, emailConsent: 'optedOut' }, 'email')).toEqual({
      allowed: false,
      reason: 'EMAIL_OPTED_OUT',
    });
  });

  it('sends SMS only when the person opted in', () => {
    expect(canSend(person, 'sms')).toEqual({ allowed: false, reason: 'SMS_NOT_OPTED_IN' });
    expect(canSend({ ...person, smsConsent: 'optedIn' }, 'sms')).toEqual({ allowed: true });
  });

  it('lets operational messages bypass consent but never a missing address', () => {
    expect(
      canSend({ ...person, emailConsent: 'optedOut' }, 'email', { operational: true }),
    ).toEqual({
      allowed: true,
    });
    expect(canSend(person, 'sms', { operational: true })).toEqual({ allowed: true });
    expect(canSend({ ...person, email: null }, 'email', { operational: true })).toEqual({
      allowed: false,
      reason: 'NO_EMAIL_ADDRESS',
    });
    expect(canSend({ ...person, mobilePhone: null, smsConsent: 'optedIn' }, 'sms')).toEqual({
      allowed: false,
      reason: 'NO_MOBILE_PHONE',
    });
  });
});
