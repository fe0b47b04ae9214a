/**
 * How a CSV import reads its header and turns one row of cells into an upsert: the header names
 * the fields (documented standard names, then declared custom attributes by name), blank cells
 * are left out so that an update keeps the stored value, and every value goes through the core
 * schemas so that the import accepts exactly what the API accepts.
 */
import { AccountPatch, domainProblem } from '@caravan/core/b2b/account';
import {
  validateAttributes,
  type AttributeDefinition,
  type AttributeType,
} from '@caravan/core/b2b/custom-attribute';
import {
  importColumns,
  resolveHeader,
  skipColumn,
  type ColumnMapping,
  type ImportEntity,
} from '@caravan/core/b2b/csv-mapping';
import { PersonPatch } from '@caravan/core/b2b/person';
import { assertNever, err, ok, type Result } from '@caravan/core/result';
import type { z } from 'zod';

export type { ImportEntity } from '@caravan/core/b2b/csv-mapping';

/** The standard columns of each entity, in the order the docs list them. */
export const accountColumns = importColumns.accounts;

/** `accountExternalId`, `accountDomain` and `role` link the person to an account. */
export const personColumns = importColumns.people;

const linkColumns = new Set(['accountExternalId', 'accountDomain', 'role']);
const numericColumns = new Set(['annualRevenue', 'employees']);

type Column =
  | { kind: 'standard'; name: string }
  | { kind: 'link'; name: 'accountExternalId' | 'accountDomain' | 'role' }
  | { kind: 'attribute'; name: string; type: AttributeType }
  | { kind: 'skip' };

/** The header, resolved: what each cell position holds. */
export interface ColumnPlan {
  entity: ImportEntity;
  columns: Column[];
  definitions: readonly AttributeDefinition[];
}

/** Where a person row asks to be linked; the account is found by external id, else domain. */
export interface AccountLink {
  accountExternalId?: string;
  accountDomain?: string;
  role: string | null;
}

export type ParsedRow =
  | { entity: 'accounts'; fields: AccountPatch & { name: string } }
  | { entity: 'people'; fields: PersonPatch; link?: AccountLink };

function headerProblems(entity: ImportEntity, names: readonly string[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (name === skipColumn) continue;
    else if (seen.has(name)) problems.push(`the column "${name}" appears twice`);
    seen.add(name);
  }
  if (entity === 'accounts' && !seen.has('name')) {
    problems.push('accounts need a "name" column');
  }
  if (entity === 'people' && !['externalId', 'email', 'mobilePhone'].some((c) => seen.has(c))) {
    problems.push('people need an "externalId", "email" or "mobilePhone" column');
  }
  if (seen.has('role') && !seen.has('accountExternalId') && !seen.has('accountDomain')) {
    problems.push('"role" needs an "accountExternalId" or "accountDomain" column');
  }
  return problems;
}

/**
 * Resolves the header (through the column mapping, then case-insensitive names and synonyms, see
 * core `csv-mapping.ts`) against the standard columns and the entity's declared attributes;
 * every problem at once (unknown columns, duplicates, a missing identifying column). Columns
 * mapped to nothing, and columns without a name, are skipped.
 */
export function planColumns(
  entity: ImportEntity,
  header: readonly string[],
  definitions: readonly AttributeDefinition[],
  mapping: ColumnMapping = {},
): Result<ColumnPlan, string[]> {
  const attributeNames = definitions.map((d) => d.name);
  const names = resolveHeader(entity, header, attributeNames, mapping);
  const standard: readonly string[] = entity === 'accounts' ? accountColumns : personColumns;
  const declared = new Map(definitions.map((d) => [d.name, d]));
  const problems = headerProblems(entity, names);
  const unknown: string[] = [];
  const columns = names.map((name): Column => {
    if (name === skipColumn) return { kind: 'skip' };
    if (standard.includes(name)) {
      return linkColumns.has(name)
        ? { kind: 'link', name: name as 'accountExternalId' | 'accountDomain' | 'role' }
        : { kind: 'standard', name };
    }
    const definition = declared.get(name);
    if (definition) return { kind: 'attribute', name, type: definition.type };
    unknown.push(name);
    return { kind: 'standard', name };
  });
  if (unknown.length > 0) {
    problems.unshift(
      `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}: ` +
        `use ${standard.join(', ')} or a declared ${entity === 'accounts' ? 'account' : 'person'} attribute`,
    );
  }
  return problems.length > 0 ? err(problems) : ok({ entity, columns, definitions });
}

/** Text to the attribute's type; dates stay text (`validateAttributes` normalises them). */
function attributeValue(cell: string, type: AttributeType): unknown {
  switch (type) {
    case 'text':
    case 'date':
      return cell;
    case 'number':
      return Number(cell);
    case 'boolean': {
      const lower = cell.trim().toLowerCase();
      if (lower === 'true' || lower === 'yes' || lower === '1') return true;
      if (lower === 'false' || lower === 'no' || lower === '0') return false;
      return cell;
    }
    default:
      return assertNever(type);
  }
}

function standardValue(name: string, cell: string): unknown {
  if (!numericColumns.has(name)) return cell;
  const value = Number(cell);
  return Number.isFinite(value) ? value : cell;
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

interface Collected {
  fields: Record<string, unknown>;
  attributes: Record<string, unknown>;
  link: Partial<Record<'accountExternalId' | 'accountDomain' | 'role', string>>;
}

function collect(plan: ColumnPlan, cells: readonly string[]): Collected {
  const collected: Collected = { fields: {}, attributes: {}, link: {} };
  plan.columns.forEach((column, index) => {
    const raw = cells[index];
    // A blank cell means "not given", so that an update keeps what is stored.
    if (raw === undefined || raw.trim() === '') return;
    const cell = raw.trim();
    if (column.kind === 'skip') return;
    if (column.kind === 'standard')
      collected.fields[column.name] = standardValue(column.name, cell);
    else if (column.kind === 'link') collected.link[column.name] = cell;
    else collected.attributes[column.name] = attributeValue(cell, column.type);
  });
  return collected;
}

function checkCustom(
  plan: ColumnPlan,
  collected: Collected,
): Result<Record<string, unknown>, string> {
  if (Object.keys(collected.attributes).length === 0) return ok({});
  const checked = validateAttributes(collected.attributes, plan.definitions);
  return checked.ok ? ok(checked.value) : err(checked.error.map((p) => p.message).join('; '));
}

function linkOf(given: Collected['link']): Result<AccountLink | undefined, string> {
  const { accountExternalId, accountDomain, role } = given;
  if (role !== undefined && role.length > 100) return err('role: at most 100 characters');
  if (accountExternalId === undefined && accountDomain === undefined) {
    return role === undefined
      ? ok(undefined)
      : err('role: needs accountExternalId or accountDomain on the same row');
  }
  return ok({
    ...(accountExternalId === undefined ? {} : { accountExternalId }),
    ...(accountDomain === undefined ? {} : { accountDomain }),
    role: role ?? null,
  });
}

function withAttributes(attributes: Result<Record<string, unknown>, string>) {
  return attributes.ok && Object.keys(attributes.value).length > 0
    ? { attributes: attributes.value }
    : {};
}

/** Every problem of the row at once: custom attributes, standard fields, the account link. */
function parsePerson(collected: Collected, attributes: Result<Record<string, unknown>, string>) {
  const problems = attributes.ok ? [] : [attributes.error];
  const parsed = PersonPatch.safeParse({ ...collected.fields, ...withAttributes(attributes) });
  if (!parsed.success) problems.push(describeIssues(parsed.error.issues));
  else if (!parsed.data.email && !parsed.data.mobilePhone && !parsed.data.externalId) {
    problems.push('a person needs an email, a mobile phone or an external id');
  }
  const link = linkOf(collected.link);
  if (!link.ok) problems.push(link.error);
  if (problems.length > 0 || !parsed.success || !link.ok) return err(problems.join('; '));
  const row: ParsedRow = { entity: 'people', fields: parsed.data };
  return ok(link.value === undefined ? row : { ...row, link: link.value });
}

function parseAccount(collected: Collected, attributes: Result<Record<string, unknown>, string>) {
  const problems = attributes.ok ? [] : [attributes.error];
  const parsed = AccountPatch.safeParse({ ...collected.fields, ...withAttributes(attributes) });
  if (!parsed.success) problems.push(describeIssues(parsed.error.issues));
  else if (parsed.data.name === undefined) problems.push('name: required');
  const badDomain = parsed.success ? domainProblem(parsed.data.domain) : undefined;
  if (badDomain !== undefined) problems.push(`domain: ${badDomain}`);
  if (problems.length > 0 || !parsed.success) return err(problems.join('; '));
  const { name, ...rest } = parsed.data;
  return ok<ParsedRow>({ entity: 'accounts', fields: { ...rest, name: name ?? '' } });
}

/** One data row to a validated upsert, or every reason it is rejected. */
export function parseRow(plan: ColumnPlan, cells: readonly string[]): Result<ParsedRow, string> {
  if (cells.length > plan.columns.length) {
    return err(`${cells.length} fields where the header has ${plan.columns.length}`);
  }
  const collected = collect(plan, cells);
  const attributes = checkCustom(plan, collected);
  return plan.entity === 'people'
    ? parsePerson(collected, attributes)
    : parseAccount(collected, attributes);
}
