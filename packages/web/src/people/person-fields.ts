/**
 * The person fields the forms edit — the standard ones as text, the custom attributes as stored
 * values plus edits — and the conversion to a patch.
 */
import type { AttributeValues } from '@caravan/core/b2b/custom-attribute';
import type { PersonPatch } from '@caravan/core/b2b/person';
import { attributeEdits, attributeForm, type AttributeForm } from './custom-attribute-values.ts';

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
export type PersonForm = Record<PersonFieldName, string> & { attributes: AttributeForm };

export function personToForm(
  p: Partial<Record<PersonFieldName, string | null>> & { attributes?: AttributeValues },
): PersonForm {
  return {
    ...(Object.fromEntries(personTextFields.map((f) => [f, p[f] ?? ''])) as Record<
      PersonFieldName,
      string
    >),
    attributes: attributeForm(p.attributes),
  };
}

/**
 * An empty box means unknown (`null`). Custom attributes are sent only when edited, and only the
 * edited ones (the server merges them).
 */
export function formToPersonPatch(form: PersonForm): PersonPatch {
  const attributes = attributeEdits(form.attributes);
  return {
    ...(Object.fromEntries(
      personTextFields.map((f) => [f, form[f].trim() === '' ? null : form[f].trim()]),
    ) as PersonPatch),
    ...(attributes !== undefined && { attributes }),
  };
}
