/**
 * The engine's tables (migration 0004). An enrollment is one pass of an account through a
 * journey; `due_at` is its timer (null when nothing is due: ended, or listening without end).
 */
import type { Generated, Selectable } from 'kysely';
import type { JsonColumn, NullableTimestampColumn, TimestampColumn } from './column-types.ts';

export interface EnrollmentTable {
  id: Generated<number>;
  journey_id: string;
  account_id: string;
  pass: number;
  /** active | pending (a re-entry waiting for its delay) | completed | aborted | removed */
  status: string;
  node_id: string;
  /** run | wait | listen | external | reentry | done */
  phase: string;
  due_at: NullableTimestampColumn;
  entered_at: TimestampColumn;
  node_entered_at: TimestampColumn;
  ended_at: NullableTimestampColumn;
  end_reason: string | null;
  state: JsonColumn;
}

export type EnrollmentRow = Selectable<EnrollmentTable>;

export interface JourneyTimelineTable {
  id: Generated<number>;
  journey_id: string;
  enrollment_id: number;
  account_id: string;
  person_id: string | null;
  node_id: string | null;
  at: TimestampColumn;
  kind: string;
  port: string | null;
  detail: JsonColumn;
}

export type JourneyTimelineRow = Selectable<JourneyTimelineTable>;

/** Per node (`node_id` '' = the journey's totals): entered, current, `port:<id>` … */
export interface JourneyCounterTable {
  journey_id: string;
  node_id: string;
  counter: string;
  value: number;
}

export interface OutboxTable {
  id: Generated<number>;
  idempotency_key: string;
  /** email | sms | webhook | salesAlert | external */
  channel: string;
  journey_id: string | null;
  enrollment_id: number | null;
  node_id: string | null;
  account_id: string | null;
  person_id: string | null;
  /** Email address or phone number, for deduplication and the dead-letter list. */
  recipient: string | null;
  payload: JsonColumn;
  /** pending | sending | sent | suppressed | dead | cancelled */
  status: string;
  attempts: Generated<number>;
  /** When it may be tried (again); null once it is settled. */
  next_attempt_at: NullableTimestampColumn;
  lease_until: NullableTimestampColumn;
  last_error: string | null;
  created_at: TimestampColumn;
  sent_at: NullableTimestampColumn;
}

export type OutboxRow = Selectable<OutboxTable>;

export interface ExternalServiceTable {
  id: string;
  name: string;
  url: string;
  secret: string;
  timeout_seconds: number;
  created_at: TimestampColumn;
  updated_at: TimestampColumn;
}

export type ExternalServiceRow = Selectable<ExternalServiceTable>;

export interface EngineSettingTable {
  key: string;
  value: JsonColumn;
  updated_at: TimestampColumn;
}
