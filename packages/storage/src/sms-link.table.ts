/** `sms_links`: the short tracked links of sent SMS (migration 0012). */
import type { TimestampColumn } from './column-types.ts';

export interface SmsLinkTable {
  code: string;
  outbox_id: number;
  url: string;
  created_at: TimestampColumn;
}
