/**
 * The account fields the forms edit — the standard ones as text, the custom attributes as stored
 * values plus edits — and the conversion to a patch they share.
 */
import type { AccountPatch } from '@caravan/core/b2b/account';
import type { AttributeValues } from '@caravan/core/b2b/custom-attribute';
import {
  attributeEdits,
  attributeForm,
  type AttributeForm,
} from '../people/custom-attribute-values.ts';

export const accountTextFields = [
  'name',
  'domain',
  'industry',
  'city',
  'state',
  'country',
  'sicCode',
  'externalId',
] as const;
export const accountNumberFields = ['employees', 'annualRevenue'] as const;
export type AccountFieldName =
  (typeof accountTextFields)[number] | (typeof accountNumberFields)[number];

export type AccountForm = Record<AccountFieldName, string> & { attributes: AttributeForm };

const standardFields: readonly AccountFieldName[] = [...accountTextFields, ...accountNumberFields];

export function emptyAccountForm(): AccountForm {
  return {
    ...(Object.fromEntries(standardFields.map((f) => [f, ''])) as Record<AccountFieldName, string>),
    attributes: attributeForm(),
  };
}

/** Form values from an account; `null` shows as an empty box. */
export function accountToForm(
  a: Record<AccountFieldName, string | number | null> & { attributes?: AttributeValues },
): AccountForm {
  const form = emptyAccountForm();
  for (const field of standardFields) {
    const value = a[field];
    form[field] = value === null ? '' : String(value);
  }
  form.attributes = attributeForm(a.attributes);
  return form;
}

/**
 * A patch from the form: an empty box means unknown (`null`); numbers are parsed. Custom
 * attributes are sent only when edited, and only the edited ones (the server merges them).
 */
export function formToAccountPatch(form: AccountForm): AccountPatch & { name: string } {
  const text = (v: string) => (v.trim() === '' ? null : v.trim());
  const number = (v: string) => (v.trim() === '' ? null : Number(v));
  const attributes = attributeEdits(form.attributes);
  return {
    ...(attributes !== undefined && { attributes }),
    name: form.name.trim(),
    domain: text(form.domain),
    industry: text(form.industry),
    city: text(form.city),
    state: text(form.state),
    country: text(form.country),
    sicCode: text(form.sicCode),
    externalId: text(form.externalId),
    employees: number(form.employees),
    annualRevenue: number(form.annualRevenue),
  };
}
