/** The standard text fields of a person the forms edit, and the text → patch conversion. */
import type { PersonPatch } from '@caravan/core/b2b/person';

export const personTextFields = [
  'firstName',
  'lastName',
  'email',
  'mobilePhone',
  'jobTitle',
  'city',
  'country',
  'externalId',
] as const;
export type PersonFieldName = (typeof personTextFields)[number];
export type PersonForm = Record<PersonFieldName, string>;

export function personToForm(p: Partial<Record<PersonFieldName, string | null>>): PersonForm {
  return Object.fromEntries(personTextFields.map((f) => [f, p[f] ?? ''])) as PersonForm;
}

/** An empty box means unknown (`null`). */
export function formToPersonPatch(form: PersonForm): PersonPatch {
  return Object.fromEntries(
    personTextFields.map((f) => [f, form[f].trim() === '' ? null : form[f].trim()]),
  ) as PersonPatch;
}
