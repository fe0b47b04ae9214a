import type { Selectable } from 'kysely';
import type { TimestampColumn } from './column-types.ts';

export interface UserTable {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  created_at: TimestampColumn;
}

export type UserRow = Selectable<UserTable>;
