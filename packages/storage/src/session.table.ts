import type { Selectable } from 'kysely';
import type { TimestampColumn } from './column-types.ts';

/** Only the hash of a session token is stored, so a leaked database holds no live sessions. */
export interface SessionTable {
  token_hash: string;
  user_id: string;
  created_at: TimestampColumn;
  expires_at: TimestampColumn;
}

export type SessionRow = Selectable<SessionTable>;
