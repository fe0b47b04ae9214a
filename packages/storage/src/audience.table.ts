import type { Generated, Selectable } from 'kysely';
import type { JsonColumn, NullableTimestampColumn, TimestampColumn } from './column-types.ts';

/** `member_count` is kept in step with `audience_members` by the repository, for cheap listing. */
export interface AudienceTable {
  id: string;
  name: string;
  description: string;
  condition: JsonColumn;
  status: string;
  member_count: Generated<number>;
  evaluated_at: NullableTimestampColumn;
  created_at: TimestampColumn;
  updated_at: TimestampColumn;
}

export type AudienceRow = Selectable<AudienceTable>;

export interface AudienceMemberTable {
  audience_id: string;
  account_id: string;
  entered_at: TimestampColumn;
}
