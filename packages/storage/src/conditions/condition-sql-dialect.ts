/**
 * What the condition compiler needs from a database that SQLite and PostgreSQL spell differently:
 * ASCII case folding with byte-order comparison, number and timestamp parameters, and reading one
 * scalar out of a JSON document together with its JSON type. One implementation per dialect lives
 * in `dialects/{sqlite,postgres}/condition-sql.ts`.
 */
import type { Expression, SqlBool } from 'kysely';

/**
 * One key of a JSON document (custom attributes, event properties). The guards say which JSON
 * type the stored value has, because a rule value is coerced to the type of the stored value
 * (docs/conditions.md). Every guard is only meaningful when `present` holds; compiled predicates
 * always AND them with `present`, which is never NULL.
 */
export interface JsonScalarSql {
  /** The key exists and its value is not JSON `null` (never NULL itself). */
  present: Expression<SqlBool>;
  isText: Expression<SqlBool>;
  isNumber: Expression<SqlBool>;
  isBoolean: Expression<SqlBool>;
  /** The value as text (for text values). */
  text: Expression<string>;
  /** The value as a double (for number values). */
  number: Expression<number>;
  /** `'true'` or `'false'` (for boolean values). */
  booleanText: Expression<string>;
}

export interface ConditionSqlDialect {
  /**
   * Lower-cases A–Z only and compares by code point (UTF-8 byte order): SQLite's `lower()` and
   * BINARY collation, PostgreSQL's `lower(x COLLATE "C")`.
   */
  fold(text: Expression<string>): Expression<string>;
  /** 1-based position of `needle` in `haystack`, 0 when absent (`instr` / `strpos`). */
  position(haystack: Expression<string>, needle: string): Expression<number>;
  /** A double-precision parameter (PostgreSQL would otherwise infer an integer column's type). */
  number(value: number): Expression<number>;
  /** A parameter comparable with a timestamp column. */
  timestamp(date: Date): Expression<string>;
  /** `key` of the JSON document; `key` must pass `isSafeJsonKey`. */
  jsonScalar(document: Expression<string>, key: string): JsonScalarSql;
}

/**
 * Keys the compiler can put into a JSON path. SQLite reads `$."key"` for any key without a double
 * quote, a backslash or a control character (those are escaped in the stored JSON text, and a path
 * has no escapes); such keys are not compiled (NOT_COMPILABLE) rather than read another key.
 * Declared attribute names are identifiers (`AttributeName`), so only odd event property names
 * can be refused.
 */
export function isSafeJsonKey(key: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  return /^[^"\\\u0000-\u001f]+$/.test(key);
}
