/** An account (a company) and what the API accepts to create or change one (SPEC §5). */
import { z } from 'zod';
import { AttributeValues } from './custom-attribute.ts';

const optionalText = (max: number) => z.string().max(max).nullable();

/** Every standard field; `null` = unknown. Custom attributes live in `attributes`. */
const accountFields = {
  name: z.string().max(255),
  domain: optionalText(255),
  industry: optionalText(255),
  annualRevenue: z.number().nonnegative().nullable(),
  employees: z.number().int().nonnegative().nullable(),
  city: optionalText(255),
  state: optionalText(255),
  country: optionalText(255),
  sicCode: optionalText(20),
  externalId: optionalText(255),
  attributes: AttributeValues,
};

export const Account = z.object({ id: z.string().min(1), ...accountFields });
export type Account = z.infer<typeof Account>;

/** The standard attribute names rules and tokens can use on an account. */
export const accountStandardAttributes = [
  'name',
  'domain',
  'industry',
  'annualRevenue',
  'employees',
  'city',
  'state',
  'country',
  'sicCode',
  'externalId',
] as const satisfies readonly (keyof Account)[];

/** Create: only the name is required; custom attributes are checked by `validateAttributes`. */
export const AccountInput = z.object({
  name: accountFields.name.min(1),
  domain: accountFields.domain.default(null),
  industry: accountFields.industry.default(null),
  annualRevenue: accountFields.annualRevenue.default(null),
  employees: accountFields.employees.default(null),
  city: accountFields.city.default(null),
  state: accountFields.state.default(null),
  country: accountFields.country.default(null),
  sicCode: accountFields.sicCode.default(null),
  externalId: accountFields.externalId.default(null),
  attributes: z.record(z.string(), z.unknown()).default({}),
});
export type AccountInput = z.infer<typeof AccountInput>;

/** Patch: any subset; attributes given are merged (a `null` value clears one). */
export const AccountPatch = z
  .object({ ...accountFields, name: accountFields.name.min(1) })
  .extend({ attributes: z.record(z.string(), z.unknown()) })
  .partial();
export type AccountPatch = z.infer<typeof AccountPatch>;

const domainLabel = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Whether `value` is a domain name like `acme.com` or `eu.acme.co.uk`: dot-separated labels of
 * letters, digits and inner dashes, ending in a top-level domain of letters (or punycode). No
 * scheme, path, port or spaces; at most 253 characters.
 */
export function isDomain(value: string): boolean {
  const domain = value.trim().toLowerCase().replace(/\.$/, '');
  if (domain.length === 0 || domain.length > 253) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  const tld = labels.at(-1) ?? '';
  if (!/^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(tld)) return false;
  return labels.every((label) => domainLabel.test(label));
}

/** The problem with an account's domain, if any, in words (ACCOUNT_DOMAIN_INVALID). */
export function domainProblem(domain: string | null | undefined): string | undefined {
  if (domain === null || domain === undefined || domain.trim() === '') return undefined;
  return isDomain(domain)
    ? undefined
    : `"${domain}" is not a domain: write it like acme.com, without https:// or a path.`;
}
