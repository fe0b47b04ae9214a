/**
 * Segment traits → Caravan fields. Reserved traits map to standard fields (both camelCase and
 * snake_case, as the spec's libraries send either); other traits are kept only when a custom
 * attribute of that name is declared, so that arbitrary CDP traits do not fail a call.
 */
import type { AccountPatch } from '@caravan/core/b2b/account';
import type { AttributeDefinition } from '@caravan/core/b2b/custom-attribute';
import { MobilePhone, type PersonPatch } from '@caravan/core/b2b/person';

type Traits = Record<string, unknown>;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** A number, or a numeric string ("1200", "1,200"): the spec types `employees` as a string. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim().replace(/,/g, '');
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
}

const count = (value: unknown): number | undefined => {
  const n = numberOf(value);
  return n !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
};

const amount = (value: unknown): number | undefined => {
  const n = numberOf(value);
  return n !== undefined && n >= 0 ? n : undefined;
};

function address(traits: Traits): Traits {
  const value = traits.address;
  return typeof value === 'object' && value !== null ? (value as Traits) : {};
}

/** `https://www.example.com/about` → `example.com`. */
export function domainOf(website: string): string | undefined {
  try {
    const url = new URL(website.includes('://') ? website : `https://${website}`);
    return url.hostname.replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
}

/** Declared custom attributes only; a numeric string for a number attribute becomes a number. */
function declaredAttributes(traits: Traits, definitions: readonly AttributeDefinition[]) {
  const types = new Map(definitions.map((d) => [d.name, d.type]));
  return Object.fromEntries(
    Object.entries(traits)
      .filter(([name]) => types.has(name))
      .map(([name, value]) => [
        name,
        types.get(name) === 'number' && typeof value === 'string'
          ? (numberOf(value) ?? value)
          : value,
      ]),
  );
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The spec's `name` trait ("Peter Gibbons") when first and last name are not sent apart. */
function splitName(traits: Traits): { first?: string; last?: string } {
  const name = text(traits.name);
  if (!name) return {};
  const space = name.indexOf(' ');
  return space < 0 ? { first: name } : { first: name.slice(0, space), last: name.slice(space + 1) };
}

export function personFieldsOf(
  traits: Traits,
  definitions: readonly AttributeDefinition[],
): Omit<PersonPatch, 'externalId'> {
  const phone = text(traits.phone);
  const firstName = text(traits.firstName) ?? text(traits.first_name);
  const lastName = text(traits.lastName) ?? text(traits.last_name);
  const name = firstName || lastName ? {} : splitName(traits);
  return defined({
    email: text(traits.email),
    firstName: firstName ?? name.first,
    lastName: lastName ?? name.last,
    jobTitle: text(traits.title),
    // A phone that is not E.164 cannot be texted; it is left out rather than failing the call.
    mobilePhone: phone && MobilePhone.safeParse(phone).success ? phone : undefined,
    city: text(address(traits).city),
    country: text(address(traits).country),
    attributes: declaredAttributes(traits, definitions),
  });
}

export function accountFieldsOf(
  traits: Traits,
  definitions: readonly AttributeDefinition[],
): Omit<AccountPatch, 'externalId'> {
  const website = text(traits.website) ?? text(traits.domain);
  return defined({
    name: text(traits.name),
    domain: website ? domainOf(website) : undefined,
    industry: text(traits.industry),
    employees: count(traits.employees),
    annualRevenue: amount(traits.annualRevenue ?? traits.annual_revenue),
    city: text(address(traits).city),
    state: text(address(traits).state),
    country: text(address(traits).country),
    attributes: declaredAttributes(traits, definitions),
  });
}
