import type { ColumnType, Selectable } from 'kysely';
import type { TimestampColumn } from './column-types.ts';

/** `condition` is the dynamic list's rule (JSON); null for static lists. */
export interface AccountListTable {
  id: string;
  name: string;
  description: string;
  kind: string;
  status: string;
  condition: ColumnType<string | null, string | null, string | null>;
  created_at: TimestampColumn;
  updated_at: TimestampColumn;
}

export type AccountListRow = Selectable<AccountListTable>;

export interface AccountListMemberTable {
  list_id: string;
  account_id: string;
  added_at: TimestampColumn;
}
