/** The report rollups of migrations 0007 and 0011 (issue 12); times are ISO text in both databases. */
import type { ColumnType } from 'kysely';

/** bigint counters: PostgreSQL hands them back as strings; always read through `Number()`. */
type Count = ColumnType<number | string | bigint, number | undefined, number>;

export interface ReportMessageTable {
  message_key: string;
  outbox_id: number;
  journey_id: string;
  node_id: string;
  channel: string;
  content_id: string;
  account_id: string | null;
  person_id: string | null;
  recipient: string | null;
  sent_day: string;
  /** delivered | bounced | sent (SMS awaiting its status) | failed */
  state: string;
}

export interface ReportMessageRollupTable {
  journey_id: string;
  node_id: string;
  channel: string;
  content_id: string;
  day: string;
  sent: Count;
  delivered: Count;
  bounced: Count;
  failed: Count;
  opens: Count;
  opened: Count;
  clicks: Count;
  clicked: Count;
  unsubscribed: Count;
  complained: Count;
  first_at: string | null;
  last_at: string | null;
}

/** Migration 0011: the counters of `report_message_rollups`, all days together. */
export type ReportMessageTotalTable = Omit<ReportMessageRollupTable, 'day'>;

export interface ReportRecipientTable {
  journey_id: string;
  node_id: string;
  kind: string;
  person_id: string;
  account_id: string | null;
  at: string;
}

export interface ReportJourneyHourTable {
  journey_id: string;
  hour: string;
  completed: Count;
  duration_ms: Count;
}

export interface ReportJourneyDurationTable {
  journey_id: string;
  bucket_s: Count;
  passes: Count;
}

export interface ReportEngagementTable {
  journey_id: string;
  account_id: string;
  person_id: string;
  kind: string;
  at: string;
}

export interface ReportJourneyTotalTable {
  journey_id: string;
  metric: string;
  value: Count;
}

export interface EmailUndeliverableTable {
  address: string;
  reason: string;
  source: string;
  detail: string | null;
  at: string;
}
