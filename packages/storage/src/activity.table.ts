import type { Selectable } from 'kysely';
import type { JsonColumn, TimestampColumn } from './column-types.ts';

/**
 * Everything that happened to an account or one of its people: ingested events, attribute
 * changes, list and audience entries and exits. `message_id` (unique, nullable) deduplicates
 * events a source sends twice.
 */
export interface ActivityTable {
  id: string;
  type: string;
  account_id: string;
  person_id: string | null;
  occurred_at: TimestampColumn;
  received_at: TimestampColumn;
  message_id: string | null;
  properties: JsonColumn;
}

export type ActivityRow = Selectable<ActivityTable>;
