/** SQLite stores timestamps and JSON as text (see column-types.ts), so values need no cast. */
import { sql, type RawBuilder } from 'kysely';

export function sqliteTimestamp(iso: string): RawBuilder<string> {
  return sql<string>`${iso}`;
}

export function sqliteJson(json: string): RawBuilder<string> {
  return sql<string>`${json}`;
}
