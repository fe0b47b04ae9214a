import type { ColumnType, Selectable } from 'kysely';
import type { TimestampColumn } from './column-types.ts';

export interface UserTable {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  created_at: TimestampColumn;
  /** Set while the user may not sign in (and has no sessions). */
  disabled_at: ColumnType<string | Date | null, string | null | undefined, string | null>;
}

export type UserRow = Selectable<UserTable>;
