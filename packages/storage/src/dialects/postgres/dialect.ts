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

/** A connection attempt that hangs (a host gone from the network) fails after this long. */
const connectTimeoutMs = 10_000;

/**
 * A pool that survives the database restarting or going away (docs/durability.md):
 *
 * - pg-pool listens for `error` on a client only while the client is idle, and removes that
 *   listener while it is checked out. A connection that dies under a running query (`pg_ctl -m
 *   fast restart` sends 57P01 to every backend, or the socket is reset) then emits an `error`
 *   nobody handles, which ends the process. So every client gets a listener of its own for its
 *   whole life, the moment it connects. The query in flight still fails (with the same error) and
 *   the pool drops the broken client when it is released.
 * - An idle client that dies is reported on the pool's `error` and dropped; the next query
 *   connects anew.
 */
export function createPostgresPool(connectionString: string, max = 10): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    types,
    connectionTimeoutMillis: connectTimeoutMs,
    keepAlive: true,
  });
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  pool.on('error', () => {});
  return pool;
}

export function createPostgresDialect(connectionString: string): Dialect {
  return new PostgresDialect({ pool: createPostgresPool(connectionString) });
}
