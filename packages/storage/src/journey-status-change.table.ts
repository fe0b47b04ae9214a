import type { Generated, Selectable } from 'kysely';
import type { TimestampColumn } from './column-types.ts';

/** One row per status change of a journey; `id` increases with insertion, breaking time ties. */
export interface JourneyStatusChangeTable {
  id: Generated<number>;
  journey_id: string;
  from_status: string | null;
  to_status: string;
  changed_by: string | null;
  changed_at: TimestampColumn;
}

export type JourneyStatusChangeRow = Selectable<JourneyStatusChangeTable>;
