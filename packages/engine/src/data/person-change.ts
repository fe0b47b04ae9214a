/**
 * What changed on a person, attribute by attribute, as `personAttributeChanged` activities (old and
 * new value). Activities belong to an account, so a change is recorded once per account the
 * person belongs to; a person at no account has nowhere to record it (journeys enrol accounts).
 */
import type { AttributeValue } from '@caravan/core/b2b/custom-attribute';
import { personStandardAttributes, type Person } from '@caravan/core/b2b/person';
import type { NewActivity } from '@caravan/storage/activity.repository';

export const personAttributeChangedType = 'personAttributeChanged';

interface PersonAttributeChange {
  attribute: string;
  custom: boolean;
  old: AttributeValue;
  new: AttributeValue;
}

/** Standard attributes first (in their declared order), then custom ones by name. */
export function diffPerson(before: Person, after: Person): PersonAttributeChange[] {
  const changes: PersonAttributeChange[] = [];
  for (const attribute of personStandardAttributes) {
    if (before[attribute] !== after[attribute]) {
      changes.push({ attribute, custom: false, old: before[attribute], new: after[attribute] });
    }
  }
  const names = [...new Set([...Object.keys(before.attributes), ...Object.keys(after.attributes)])];
  for (const attribute of names.sort()) {
    const old = before.attributes[attribute] ?? null;
    const value = after.attributes[attribute] ?? null;
    if (old !== value) changes.push({ attribute, custom: true, old, new: value });
  }
  return changes;
}

export function personChangeActivities(
  personId: string,
  accountIds: readonly string[],
  changes: readonly PersonAttributeChange[],
  now: Date,
): NewActivity[] {
  return accountIds.flatMap((accountId) =>
    changes.map((change) => ({
      id: crypto.randomUUID(),
      type: personAttributeChangedType,
      accountId,
      personId,
      occurredAt: now,
      receivedAt: now,
      messageId: null,
      properties: {
        attribute: change.attribute,
        custom: change.custom,
        old: change.old,
        new: change.new,
      },
    })),
  );
}
