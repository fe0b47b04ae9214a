/**
 * Condition SQL for SQLite: `lower()` folds A–Z only and BINARY compares bytes, timestamps are
 * ISO-8601 text (ordered as text), JSON is text read with `json_extract` / `json_type`.
 */
import { sql, type Expression } from 'kysely';
import type { ConditionSqlDialect, JsonScalarSql } from '../../conditions/condition-sql-dialect.ts';
import { toTimestamp } from '../../column-types.ts';

function jsonScalar(document: Expression<string>, key: string): JsonScalarSql {
  // Quoted, so that dots, dashes and spaces in the key are part of the name (see isSafeJsonKey).
  const path = `$."${key}"`;
  const type = sql<string>`json_type(${document}, ${path})`;
  const value = sql`json_extract(${document}, ${path})`;
  return {
    present: sql`coalesce(${type}, 'null') <> 'null'`,
    isText: sql`${type} = 'text'`,
    isNumber: sql`${type} in ('integer', 'real')`,
    // json_extract answers 1/0 for booleans; json_type names them.
    isBoolean: sql`${type} in ('true', 'false')`,
    text: value as Expression<string>,
    number: value as Expression<number>,
    booleanText: type,
  };
}

export const sqliteConditionSql: ConditionSqlDialect = {
  fold: (text) => sql<string>`lower(${text})`,
  position: (haystack, needle) => sql<number>`instr(${haystack}, ${needle})`,
  number: (value) => sql<number>`${value}`,
  timestamp: (date) => sql<string>`${toTimestamp(date)}`,
  jsonScalar,
};
