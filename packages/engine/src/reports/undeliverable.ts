/**
 * The send-time check for addresses marked undeliverable by a hard bounce or a complaint: the
 * email is suppressed with EMAIL_UNDELIVERABLE, the way an opt-out suppresses with its reason.
 */
import { findUndeliverable } from '@caravan/storage/email-undeliverable.repository';
import type { Db } from '@caravan/storage/database';

const reasons = {
  hardBounce: 'bounced permanently',
  complaint: 'was reported as spam by its owner',
} as const;

export async function undeliverableSuppression(
  db: Db,
  person: { email: string | null },
): Promise<{ kind: 'suppressed'; reason: 'EMAIL_UNDELIVERABLE'; message: string } | undefined> {
  if (person.email === null) return undefined;
  const marked = await findUndeliverable(db, person.email);
  if (marked === undefined) return undefined;
  return {
    kind: 'suppressed',
    reason: 'EMAIL_UNDELIVERABLE',
    message: `${person.email} ${reasons[marked.reason]} (${marked.source}); emails to it are not sent.`,
  };
}
