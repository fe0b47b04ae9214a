import type { Selectable } from 'kysely';
import type { JsonColumn, TimestampColumn } from './column-types.ts';

/** `user_id` has no foreign key: an API key principal may keep preferences too. */
export interface PreferenceTable {
  user_id: string;
  key: string;
  value: JsonColumn;
  updated_at: TimestampColumn;
}

export type PreferenceRow = Selectable<PreferenceTable>;
