import type { Selectable } from 'kysely';
import type { JsonColumn, TimestampColumn } from './column-types.ts';

/** `attributes` holds the custom attribute values (a JSON object); standard fields are columns. */
export interface AccountTable {
  id: string;
  name: string;
  domain: string | null;
  industry: string | null;
  annual_revenue: number | null;
  employees: number | null;
  city: string | null;
  state: string | null;
  country: string | null;
  sic_code: string | null;
  external_id: string | null;
  attributes: JsonColumn;
  created_at: TimestampColumn;
  updated_at: TimestampColumn;
}

export type AccountRow = Selectable<AccountTable>;
