/**
 * The column mapping of a CSV import (SPEC §5): which field, custom attribute or nothing (skip)
 * each column of a file fills. Headers that name a column exactly need no mapping; others are
 * matched case-insensitively, ignoring spaces, dashes and underscores, and by common synonyms
 * ("Company Name" → name, "Website" → domain, "E-mail" → email, "Mobile" → mobilePhone). The web
 * app's mapping step, the server and `caravan import --map` share this module.
 */

export type ImportEntity = 'accounts' | 'people';

/** The standard columns of each entity, in the order the docs and templates list them. */
export const importColumns = {
  accounts: [
    'externalId',
    'name',
    'domain',
    'industry',
    'annualRevenue',
    'employees',
    'city',
    'state',
    'country',
    'sicCode',
  ],
  /** `accountExternalId`, `accountDomain` and `role` link the person to an account. */
  people: [
    'externalId',
    'email',
    'mobilePhone',
    'firstName',
    'lastName',
    'jobTitle',
    'city',
    'country',
    'emailConsent',
    'smsConsent',
    'accountExternalId',
    'accountDomain',
    'role',
  ],
} as const satisfies Record<ImportEntity, readonly string[]>;

/** A column mapped to this is left out of the import. */
export const skipColumn = '';

/** Header (as in the file) → column or custom attribute name, or `skipColumn`. */
export type ColumnMapping = Record<string, string>;

const normal = (text: string): string => text.toLowerCase().replace(/[\s_\-.]+/g, '');

/** Common names people give the standard columns, already normalised. */
const synonyms: Record<ImportEntity, Record<string, string>> = {
  accounts: {
    company: 'name',
    companyname: 'name',
    accountname: 'name',
    organisation: 'name',
    organization: 'name',
    website: 'domain',
    url: 'domain',
    web: 'domain',
    companydomain: 'domain',
    sector: 'industry',
    revenue: 'annualRevenue',
    annualrevenue: 'annualRevenue',
    employeecount: 'employees',
    numberofemployees: 'employees',
    headcount: 'employees',
    size: 'employees',
    town: 'city',
    region: 'state',
    province: 'state',
    sic: 'sicCode',
    id: 'externalId',
    accountid: 'externalId',
    crmid: 'externalId',
  },
  people: {
    mail: 'email',
    emailaddress: 'email',
    workemail: 'email',
    mobile: 'mobilePhone',
    mobilenumber: 'mobilePhone',
    cellphone: 'mobilePhone',
    cell: 'mobilePhone',
    phone: 'mobilePhone',
    first: 'firstName',
    firstname: 'firstName',
    givenname: 'firstName',
    forename: 'firstName',
    last: 'lastName',
    lastname: 'lastName',
    surname: 'lastName',
    familyname: 'lastName',
    title: 'jobTitle',
    jobtitle: 'jobTitle',
    position: 'jobTitle',
    town: 'city',
    id: 'externalId',
    contactid: 'externalId',
    crmid: 'externalId',
    accountdomain: 'accountDomain',
    companydomain: 'accountDomain',
    website: 'accountDomain',
    companywebsite: 'accountDomain',
    accountid: 'accountExternalId',
    companyid: 'accountExternalId',
  },
};

/**
 * The column a header most likely means: a standard column or a custom attribute of that name in
 * any case, else a synonym; `undefined` when nothing matches.
 */
export function suggestColumn(
  entity: ImportEntity,
  header: string,
  attributeNames: readonly string[],
): string | undefined {
  const key = normal(header);
  if (key === '') return undefined;
  const targets = [...importColumns[entity], ...attributeNames];
  return targets.find((t) => normal(t) === key) ?? synonyms[entity][key];
}

/** The suggested mapping of a whole header; unmatched columns are skipped. */
export function suggestMapping(
  entity: ImportEntity,
  header: readonly string[],
  attributeNames: readonly string[],
): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const h of header) mapping[h] = suggestColumn(entity, h, attributeNames) ?? skipColumn;
  return mapping;
}

/**
 * What each header means for the import: the mapping's choice when it names the header, the
 * header itself when it is a column, else the suggestion, else the header unchanged (which the
 * import then reports as unknown).
 */
export function resolveHeader(
  entity: ImportEntity,
  header: readonly string[],
  attributeNames: readonly string[],
  mapping: ColumnMapping = {},
): string[] {
  return header.map((raw) => {
    if (Object.hasOwn(mapping, raw)) return mapping[raw] ?? skipColumn;
    const name = raw.trim();
    if (Object.hasOwn(mapping, name)) return mapping[name] ?? skipColumn;
    const exact = [...importColumns[entity], ...attributeNames].includes(name);
    return exact ? name : (suggestColumn(entity, name, attributeNames) ?? name);
  });
}

/**
 * `--map 'Company Name=name,Website=domain,Notes='`: pairs separated by commas, header and
 * column by the last `=`; an empty column skips the header.
 */
export function parseMapArgument(
  text: string,
): { ok: true; value: ColumnMapping } | { ok: false; message: string } {
  const mapping: ColumnMapping = {};
  for (const pair of text.split(',')) {
    if (pair.trim() === '') continue;
    const at = pair.lastIndexOf('=');
    if (at <= 0) return { ok: false, message: `"${pair.trim()}" is not Header=column` };
    mapping[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return { ok: true, value: mapping };
}
