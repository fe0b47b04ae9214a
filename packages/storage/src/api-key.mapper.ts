import type { UserRef } from '@caravan/core/journey/journey';
import { Role } from '@caravan/core/user';
import { toUserRef } from './actor.mapper.ts';
import { fromNullableTimestamp, fromTimestamp } from './column-types.ts';
import type { ApiKeyRow } from './api-key.table.ts';

/** `segment`: a Segment write key (an API key the Segment routes accept, shown with its SDK snippet). */
export type ApiKeyPurpose = 'api' | 'segment';

/** An API key as admins see it; the key itself is shown once at creation and never stored. */
export interface ApiKey {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  createdBy: UserRef | null;
  lastUsedAt: string | null;
  purpose: ApiKeyPurpose;
}

export type ApiKeyRecord = Omit<ApiKeyRow, 'key_hash'> & {
  created_by_name: string | null;
  created_by_email: string | null;
};

export function toApiKey(record: ApiKeyRecord): ApiKey {
  return {
    id: record.id,
    name: record.name,
    role: Role.parse(record.role),
    createdAt: fromTimestamp(record.created_at),
    createdBy: toUserRef(record.created_by, record.created_by_name, record.created_by_email),
    lastUsedAt: fromNullableTimestamp(record.last_used_at),
    purpose: record.purpose === 'segment' ? 'segment' : 'api',
  };
}
