import type { Selectable } from 'kysely';
import type { JsonColumn, TimestampColumn } from './column-types.ts';

/** Another id a source knows a person by: `anon:<anonymousId>` or `user:<previousId>`. */
export interface IngestionIdentityTable {
  identity: string;
  person_id: string;
  created_at: TimestampColumn;
}

/** A call kept until the person (or account) it names is known; `identity` as above. */
export interface IngestionPendingTable {
  id: string;
  identity: string;
  message_id: string | null;
  type: string;
  payload: JsonColumn;
  received_at: TimestampColumn;
}

/** Message ids of identify, group and alias calls already applied. */
export interface IngestedMessageTable {
  message_id: string;
  type: string;
  received_at: TimestampColumn;
}

/** When each trait of a person or an account was last set: `{ field: ISO time }`. */
export interface TraitTimesTable {
  entity: string;
  entity_id: string;
  times: JsonColumn;
}

export type IngestionPendingRow = Selectable<IngestionPendingTable>;
