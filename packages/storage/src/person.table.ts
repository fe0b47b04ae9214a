import type { Selectable } from 'kysely';
import type { JsonColumn, TimestampColumn } from './column-types.ts';

/** `attributes` holds the custom attribute values (a JSON object); standard fields are columns. */
export interface PersonTable {
  id: string;
  email: string | null;
  mobile_phone: string | null;
  first_name: string | null;
  last_name: string | null;
  job_title: string | null;
  city: string | null;
  country: string | null;
  email_consent: string;
  sms_consent: string;
  external_id: string | null;
  attributes: JsonColumn;
  created_at: TimestampColumn;
  updated_at: TimestampColumn;
}

export type PersonRow = Selectable<PersonTable>;
