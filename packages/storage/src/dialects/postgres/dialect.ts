/** PostgreSQL through a `pg` pool. */
import pg from 'pg';
import { PostgresDialect, type Dialect } from 'kysely';

const INT8_OID = 20;
const JSON_OID = 114;
const JSONB_OID = 3802;

/**
 * Type parsers for this pool only (not the process-wide `pg.types`), so importing storage changes
 * nothing for other `pg` users: int8 (`count(*)`, bigserial) as a number, and JSON left as text so
 * that JSON columns read the same as in SQLite and the mapper always parses them.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID) return Number;
    if (oid === JSON_OID || oid === JSONB_OID) return (value: string) => value;
    return format === undefined
      ? pg.types.getTypeParser(oid)
      : pg.types.getTypeParser(oid, format as 'text');
  },
};

export function createPostgresDialect(connectionString: string): Dialect {
  const pool = new pg.Pool({ connectionString, max: 10, types });
  // An idle client whose connection dies (a server restart, an administrator ending sessions)
  // is reported here and dropped from the pool, which connects anew on the next query. Without a
  // listener the pool would rethrow it and end the process.
  pool.on('error', () => {});
  return new PostgresDialect({ pool });
}
