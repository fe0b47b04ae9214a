import type { Generated, Selectable } from 'kysely';
import type { NullableTimestampColumn, TimestampColumn } from './column-types.ts';

export interface ApiKeyTable {
  id: string;
  name: string;
  role: string;
  key_hash: string;
  /** A user id, or the id of the API key that created this one. */
  created_by: string | null;
  created_at: TimestampColumn;
  last_used_at: NullableTimestampColumn;
  /** api | segment (a Segment write key); only what the list shows and the snippet offered. */
  purpose: Generated<string>;
}

export type ApiKeyRow = Selectable<ApiKeyTable>;
