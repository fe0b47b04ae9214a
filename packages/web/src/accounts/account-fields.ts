/** The standard account fields the forms edit, and the text ⇄ value conversion they share. */
import type { AccountPatch } from '@caravan/core/b2b/account';

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

export type AccountForm = Record<AccountFieldName, string>;

export function emptyAccountForm(): AccountForm {
  return Object.fromEntries(
    [...accountTextFields, ...accountNumberFields].map((f) => [f, '']),
  ) as AccountForm;
}

/** Form values from an account; `null` shows as an empty box. */
export function accountToForm(a: Record<AccountFieldName, string | number | null>): AccountForm {
  const form = emptyAccountForm();
  for (const field of Object.keys(form) as AccountFieldName[]) {
    const value = a[field];
    form[field] = value === null ? '' : String(value);
  }
  return form;
}

/** A patch from the form: an empty box means unknown (`null`); numbers are parsed. */
export function formToAccountPatch(form: AccountForm): AccountPatch & { name: string } {
  const text = (v: string) => (v.trim() === '' ? null : v.trim());
  const number = (v: string) => (v.trim() === '' ? null : Number(v));
  return {
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
