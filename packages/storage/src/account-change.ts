/**
 * What changed on an account, attribute by attribute. Each change is stored as an
 * `accountAttributeChanged` activity so that audiences and event listeners can react to it.
 */
import { randomUUID } from 'node:crypto';
import { accountStandardAttributes, type Account } from '@caravan/core/b2b/account';
import type { AttributeValue, AttributeValues } from '@caravan/core/b2b/custom-attribute';
import type { NewActivity } from './activity.repository.ts';

export const accountAttributeChangedType = 'accountAttributeChanged';

export interface AttributeChange {
  /** A standard attribute (`industry`) or a custom one (`tier`, with `custom: true`). */
  attribute: string;
  custom: boolean;
  old: AttributeValue;
  new: AttributeValue;
}

/** Standard fields given are replaced; custom attributes given are merged, `null` removes one. */
export type AccountChanges = Partial<Omit<Account, 'id' | 'attributes'>> & {
  attributes?: AttributeValues;
};

export function applyAccountChanges(account: Account, changes: AccountChanges): Account {
  const { attributes, ...standard } = changes;
  const defined = Object.fromEntries(
    Object.entries(standard).filter(([, value]) => value !== undefined),
  );
  const merged: AttributeValues = { ...account.attributes };
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null) delete merged[name];
    else merged[name] = value;
  }
  return { ...account, ...defined, attributes: merged };
}

/** Standard attributes first (in their declared order), then custom ones by name. */
export function diffAccount(before: Account, after: Account): AttributeChange[] {
  const changes: AttributeChange[] = [];
  for (const attribute of accountStandardAttributes) {
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

/** The activities that record `changes` of one account. */
export function attributeChangeActivities(
  accountId: string,
  changes: readonly AttributeChange[],
  now: Date,
): NewActivity[] {
  return changes.map((change) => ({
    id: randomUUID(),
    type: accountAttributeChangedType,
    accountId,
    personId: null,
    occurredAt: now,
    receivedAt: now,
    messageId: null,
    properties: {
      attribute: change.attribute,
      custom: change.custom,
      old: change.old,
      new: change.new,
    },
  }));
}
