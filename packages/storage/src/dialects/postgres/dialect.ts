/** PostgreSQL through a `pg` pool. */
import pg from 'pg';
import { PostgresDialect, type Dialect, type PostgresPool, type PostgresPoolClient } from 'kysely';

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

/**
 * Distinct statements kept prepared per connection. The engine's and the API's queries come from a
 * few hundred shapes; the cap bounds the server memory a connection's prepared statements take
 * when some code builds statements of ever-changing text (then the rest run unnamed, as before).
 */
const namedStatements = 2000;

/** Statements that can be prepared: plain DML. DDL (migrations) and transaction control cannot. */
const preparable = /^\s*(select|insert|update|delete|with)\b/i;

/**
 * Names every DML statement by its text, so that `pg` parses and plans it once per connection and
 * then only binds and executes it (the extended protocol's named statements; `pg` remembers per
 * connection which names it has parsed). Names are process-wide, one per distinct text, so a name
 * never stands for two texts.
 */
export function withNamedStatements(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    const known = names.get(text);
    if (known !== undefined || names.size >= namedStatements || !preparable.test(text)) {
      return known;
    }
    const name = `caravan_${names.size}`;
    names.set(text, name);
    return name;
  };
  return {
    end: () => pool.end(),
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      return {
        release: (destroy?: boolean) => client.release(destroy),
        query: ((textOrCursor: string | object, values?: readonly unknown[]) => {
          if (typeof textOrCursor !== 'string') return client.query(textOrCursor as never);
          const name = nameOf(textOrCursor);
          return client.query({ text: textOrCursor, values: values as unknown[], name });
        }) as unknown as PostgresPoolClient['query'],
      };
    },
  };
}

export function createPostgresDialect(connectionString: string): Dialect {
  return new PostgresDialect({ pool: withNamedStatements(createPostgresPool(connectionString)) });
}
