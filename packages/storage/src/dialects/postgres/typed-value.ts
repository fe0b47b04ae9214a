/**
 * PostgreSQL types a bare parameter in the SELECT list of `INSERT … SELECT` as text, and text has
 * no assignment cast to timestamptz or jsonb, so such values are cast explicitly.
 */
import { sql, type RawBuilder } from 'kysely';

export function postgresTimestamp(iso: string): RawBuilder<string> {
  return sql<string>`cast(${iso} as timestamptz)`;
}

export function postgresJson(json: string): RawBuilder<string> {
  return sql<string>`cast(${json} as jsonb)`;
}
