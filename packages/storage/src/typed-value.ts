/** Timestamp and JSON values for the SELECT list of an `INSERT … SELECT`, in either dialect. */
import type { RawBuilder } from 'kysely';
import { toJson, toTimestamp } from './column-types.ts';
import type { Db } from './database.ts';
import { isPostgresDb } from './dialects/postgres/is-postgres.ts';
import { postgresJson, postgresTimestamp } from './dialects/postgres/typed-value.ts';
import { sqliteJson, sqliteTimestamp } from './dialects/sqlite/typed-value.ts';

export function timestampValue(db: Db, date: Date): RawBuilder<string> {
  return isPostgresDb(db)
    ? postgresTimestamp(toTimestamp(date))
    : sqliteTimestamp(toTimestamp(date));
}

export function jsonValue(db: Db, value: unknown): RawBuilder<string> {
  return isPostgresDb(db) ? postgresJson(toJson(value)) : sqliteJson(toJson(value));
}
