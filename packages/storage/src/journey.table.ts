import type { Generated, Selectable } from 'kysely';
import type { JsonColumn, NullableTimestampColumn, TimestampColumn } from './column-types.ts';

/**
 * `schedule` holds the schedule as the API shows it; `start_at`/`end_at` copy it in UTC for
 * sorting and for finding due journeys (null start = immediately, null end = never).
 * The `*_by` columns hold a user id or an API key id.
 */
export interface JourneyTable {
  id: string;
  name: string;
  description: string;
  status: string;
  definition: JsonColumn;
  schedule: JsonColumn;
  start_at: NullableTimestampColumn;
  end_at: NullableTimestampColumn;
  settings: JsonColumn;
  created_at: TimestampColumn;
  created_by: string | null;
  updated_at: TimestampColumn;
  updated_by: string | null;
  published_at: NullableTimestampColumn;
  published_by: string | null;
  version: Generated<number>;
}

export type JourneyRow = Selectable<JourneyTable>;
