/** Person rows ⇄ the core `Person`. */
import type { AttributeValues } from '@caravan/core/b2b/custom-attribute';
import { EmailConsent, SmsConsent, type Person } from '@caravan/core/b2b/person';
import type { Insertable } from 'kysely';
import { fromJson, toJson } from './column-types.ts';
import type { PersonRow, PersonTable } from './person.table.ts';

export function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    email: row.email,
    mobilePhone: row.mobile_phone,
    firstName: row.first_name,
    lastName: row.last_name,
    jobTitle: row.job_title,
    city: row.city,
    country: row.country,
    emailConsent: EmailConsent.parse(row.email_consent),
    smsConsent: SmsConsent.parse(row.sms_consent),
    externalId: row.external_id,
    // Trusted: values are checked against the attribute definitions before they are written.
    attributes: fromJson(row.attributes) as AttributeValues,
  };
}

/** Every column but the timestamps. */
export function personColumns(
  person: Person,
): Omit<Insertable<PersonTable>, 'created_at' | 'updated_at'> {
  return {
    id: person.id,
    email: person.email,
    mobile_phone: person.mobilePhone,
    first_name: person.firstName,
    last_name: person.lastName,
    job_title: person.jobTitle,
    city: person.city,
    country: person.country,
    email_consent: person.emailConsent,
    sms_consent: person.smsConsent,
    external_id: person.externalId,
    attributes: toJson(person.attributes),
  };
}

/** Standard fields given are replaced; custom attributes given are merged, `null` removes one. */
export type PersonChanges = Partial<Omit<Person, 'id' | 'attributes'>> & {
  attributes?: AttributeValues;
};

export function applyPersonChanges(person: Person, changes: PersonChanges): Person {
  const { attributes, ...standard } = changes;
  const defined = Object.fromEntries(
    Object.entries(standard).filter(([, value]) => value !== undefined),
  );
  const merged: AttributeValues = { ...person.attributes };
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null) delete merged[name];
    else merged[name] = value;
  }
  return { ...person, ...defined, attributes: merged };
}

/** Whether the person's stored columns would change. */
export function personChanged(before: Person, after: Person): boolean {
  return JSON.stringify(personColumns(before)) !== JSON.stringify(personColumns(after));
}
