/**
 * Condition SQL for PostgreSQL: `lower(x COLLATE "C")` folds A–Z only (the database's own locale
 * might fold `Å` too) and the "C" collation orders by bytes; timestamps are `timestamptz`; JSON is
 * `jsonb`, read with `->` / `->>` and typed with `jsonb_typeof`.
 */
import { sql, type Expression } from 'kysely';
import type { ConditionSqlDialect, JsonScalarSql } from '../../conditions/condition-sql-dialect.ts';
import { toTimestamp } from '../../column-types.ts';

function jsonScalar(document: Expression<string>, key: string): JsonScalarSql {
  // The key is cast: an untyped parameter could also resolve to `jsonb -> integer`.
  const type = sql<string>`jsonb_typeof(${document} -> cast(${key} as text))`;
  const text = sql<string>`(${document} ->> cast(${key} as text))`;
  return {
    present: sql`coalesce(${type}, 'null') <> 'null'`,
    isText: sql`${type} = 'string'`,
    isNumber: sql`${type} = 'number'`,
    isBoolean: sql`${type} = 'boolean'`,
    text,
    // CASE, not AND, guards the cast: PostgreSQL may evaluate AND operands in any order.
    number: sql<number>`(case when ${type} = 'number' then cast(${text} as double precision) end)`,
    booleanText: text,
  };
}

export const postgresConditionSql: ConditionSqlDialect = {
  fold: (text) => sql<string>`(lower(${text} COLLATE "C") COLLATE "C")`,
  position: (haystack, needle) => sql<number>`strpos(${haystack}, ${needle})`,
  number: (value) => sql<number>`cast(${value} as double precision)`,
  timestamp: (date) => sql<string>`cast(${toTimestamp(date)} as timestamptz)`,
  jsonScalar,
};
