/**
 * How values look in both databases. Timestamps: ISO-8601 UTC text in SQLite, `timestamptz` in
 * PostgreSQL (read back as `Date`). JSON: text in SQLite, `jsonb` in PostgreSQL — the PostgreSQL
 * pool hands jsonb back as raw text (see `dialects/postgres/dialect.ts`), so every JSON column
 * reads as text in both dialects and is written as `JSON.stringify` text in both.
 */
import type { ColumnType } from 'kysely';

/** Written as an ISO string; read as text (SQLite) or Date (PostgreSQL). */
export type TimestampColumn = ColumnType<string | Date, string, string>;
export type NullableTimestampColumn = ColumnType<
  string | Date | null,
  string | null,
  string | null
>;

/** Written and read as JSON text. */
export type JsonColumn = ColumnType<string, string, string>;

/** The value to write into a timestamp column. */
export function toTimestamp(date: Date): string {
  return date.toISOString();
}

/** The ISO-8601 UTC string with ms of whatever the driver returned for a timestamp column. */
export function fromTimestamp(raw: string | Date): string {
  return (raw instanceof Date ? raw : new Date(raw)).toISOString();
}

export function fromNullableTimestamp(raw: string | Date | null): string | null {
  return raw === null ? null : fromTimestamp(raw);
}

/** The value to write into a JSON column. */
export function toJson(value: unknown): string {
  // `undefined` has no JSON form; store it as null rather than failing the NOT NULL column.
  return JSON.stringify(value ?? null);
}

/** Parses a JSON column; tolerates a driver that already parsed it. */
export function fromJson(raw: unknown): unknown {
  return typeof raw === 'string' ? JSON.parse(raw) : raw;
}
