import type { TimestampColumn } from './column-types.ts';

export interface AccountMembershipTable {
  account_id: string;
  person_id: string;
  role: string | null;
  created_at: TimestampColumn;
}
