/**
 * Consent per channel (SPEC §4): email goes out unless the person opted out, SMS only when the
 * person opted in. Operational messages (e.g. a password reset) bypass marketing consent.
 */
import { assertNever } from '../result.ts';
import type { Person } from './person.ts';

export type Channel = 'email' | 'sms';

export type SendDecision =
  | { allowed: true }
  | {
      allowed: false;
      reason: 'EMAIL_OPTED_OUT' | 'SMS_NOT_OPTED_IN' | 'NO_EMAIL_ADDRESS' | 'NO_MOBILE_PHONE';
    };

/** Whether a message on `channel` may be sent to the person; the reason goes on the timeline. */
export function canSend(
  person: Pick<Person, 'email' | 'mobilePhone' | 'emailConsent' | 'smsConsent'>,
  channel: Channel,
  options: { operational?: boolean } = {},
): SendDecision {
  const operational = options.operational === true;
  switch (channel) {
    case 'email':
      if (person.email === null) return { allowed: false, reason: 'NO_EMAIL_ADDRESS' };
      if (!operational && person.emailConsent === 'optedOut') {
        return { allowed: false, reason: 'EMAIL_OPTED_OUT' };
      }
      return { allowed: true };
    case 'sms':
      if (person.mobilePhone === null) return { allowed: false, reason: 'NO_MOBILE_PHONE' };
      if (!operational && person.smsConsent !== 'optedIn') {
        return { allowed: false, reason: 'SMS_NOT_OPTED_IN' };
      }
      return { allowed: true };
    default:
      return assertNever(channel);
  }
}
