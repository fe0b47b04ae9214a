import type { Selectable } from 'kysely';
import type { TimestampColumn } from './column-types.ts';

export interface EmailTable {
  id: string;
  name: string;
  subject: string;
  from_name: string;
  from_email: string;
  reply_to: string | null;
  preheader: string;
  html: string;
  text: string;
  created_at: TimestampColumn;
  updated_at: TimestampColumn;
}

export type EmailRow = Selectable<EmailTable>;

export interface SmsTable {
  id: string;
  name: string;
  message: string;
  created_at: TimestampColumn;
  updated_at: TimestampColumn;
}
