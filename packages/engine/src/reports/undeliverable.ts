/**
 * The send-time check for addresses marked undeliverable by a hard bounce or a complaint: the
 * email is suppressed with EMAIL_UNDELIVERABLE, the way an opt-out suppresses with its reason.
 */
import type { Undeliverable } from '@caravan/storage/email-undeliverable.repository';

const reasons = {
  hardBounce: 'bounced permanently',
  complaint: 'was reported as spam by its owner',
} as const;

/** The suppression of an email to an address marked undeliverable (`marked`), if it is. */
export function undeliverableSuppression(
  person: { email: string | null },
  marked: Undeliverable | undefined,
): { kind: 'suppressed'; reason: 'EMAIL_UNDELIVERABLE'; message: string } | undefined {
  if (person.email === null || marked === undefined) return undefined;
  return {
    kind: 'suppressed',
    reason: 'EMAIL_UNDELIVERABLE',
    message: `${person.email} ${reasons[marked.reason]} (${marked.source}); emails to it are not sent.`,
  };
}
