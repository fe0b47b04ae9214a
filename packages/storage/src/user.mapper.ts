import { Role, type User } from '@caravan/core/user';
import type { UserRow } from './user.table.ts';

export function toUser(row: Pick<UserRow, 'id' | 'email' | 'name' | 'role'>): User {
  return { id: row.id, email: row.email, name: row.name, role: Role.parse(row.role) };
}
