import type { Generated, Selectable } from 'kysely';
import type { JsonColumn, TimestampColumn } from './column-types.ts';

/** Who changed what: one row per administrative or journey change, written with the change. */
export interface AuditLogTable {
  id: Generated<number>;
  at: TimestampColumn;
  /** A user id or an API key id; null for the system (the scheduler, a migration). */
  actor_id: string | null;
  actor_name: string;
  /** user | apiKey | system */
  actor_kind: string;
  /** e.g. journey.published, user.disabled, apiKey.revoked, settings.changed */
  action: string;
  /** journey | user | apiKey | settings */
  entity_type: string;
  entity_id: string | null;
  entity_name: string | null;
  before: JsonColumn | null;
  after: JsonColumn | null;
}

export type AuditLogRow = Selectable<AuditLogTable>;

/** One row per running engine runtime (`caravan start` or `caravan worker`), beating every few s. */
export interface WorkerHeartbeatTable {
  id: string;
  /** start | worker */
  kind: string;
  host: string;
  pid: number;
  version: string;
  started_at: TimestampColumn;
  beat_at: TimestampColumn;
}

export type WorkerHeartbeatRow = Selectable<WorkerHeartbeatTable>;
