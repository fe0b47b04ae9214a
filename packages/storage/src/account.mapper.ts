/** Account rows ⇄ the core `Account`. */
import type { Account } from '@caravan/core/b2b/account';
import type { Insertable } from 'kysely';
import type { AttributeValues } from '@caravan/core/b2b/custom-attribute';
import { fromJson, toJson } from './column-types.ts';
import type { AccountRow, AccountTable } from './account.table.ts';

export function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    name: row.name,
    domain: row.domain,
    industry: row.industry,
    // PostgreSQL's double precision and integer read as numbers; Number() guards a driver change.
    annualRevenue: row.annual_revenue === null ? null : Number(row.annual_revenue),
    employees: row.employees === null ? null : Number(row.employees),
    city: row.city,
    state: row.state,
    country: row.country,
    sicCode: row.sic_code,
    externalId: row.external_id,
    // Trusted: values are checked against the attribute definitions before they are written.
    attributes: fromJson(row.attributes) as AttributeValues,
  };
}

/** Every column but the timestamps. */
export function accountColumns(
  account: Account,
): Omit<Insertable<AccountTable>, 'created_at' | 'updated_at'> {
  return {
    id: account.id,
    name: account.name,
    domain: account.domain,
    industry: account.industry,
    annual_revenue: account.annualRevenue,
    employees: account.employees,
    city: account.city,
    state: account.state,
    country: account.country,
    sic_code: account.sicCode,
    external_id: account.externalId,
    attributes: toJson(account.attributes),
  };
}
