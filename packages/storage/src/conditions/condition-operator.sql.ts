/**
 * Operators (docs/conditions.md, core `compare.ts`) as SQL over a typed value. The rule value is
 * known when compiling, so it is coerced here, in TypeScript, once per type the stored value may
 * have (with core's own `coerceTo` and `foldCase`); the SQL then only compares like with like.
 *
 * Every predicate is `present AND (one branch per possible stored type)`, and `present` is never
 * NULL, so a predicate is never NULL either and `NOT` of it is exactly "does not hold" — which is
 * how `notEquals` and `notIn` let missing values through, as in memory.
 */
import { coerceTo, foldCase, isCompleteValue, type Scalar } from '@caravan/core/conditions/compare';
import type { Operator, RuleValue } from '@caravan/core/conditions/condition';
import { assertNever } from '@caravan/core/result';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { ConditionSqlDialect, JsonScalarSql } from './condition-sql-dialect.ts';

/** A stored value: whether it is present and, per type it may have, how to read it. */
export interface ValueSql {
  present: Expression<SqlBool>;
  /** `when` guards the branch for values whose type is only known at run time (JSON). */
  text?: { when?: Expression<SqlBool>; value: Expression<string> };
  number?: { when?: Expression<SqlBool>; value: Expression<number> };
  /** Reads `'true'` / `'false'`. */
  boolean?: { when?: Expression<SqlBool>; value: Expression<string> };
}

export const sqlTrue = sql<SqlBool>`1 = 1`;
export const sqlFalse = sql<SqlBool>`1 = 0`;

export function and(parts: readonly Expression<SqlBool>[]): Expression<SqlBool> {
  if (parts.length === 0) return sqlTrue;
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

export function or(parts: readonly Expression<SqlBool>[]): Expression<SqlBool> {
  if (parts.length === 0) return sqlFalse;
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

export function not(part: Expression<SqlBool>): Expression<SqlBool> {
  return sql<SqlBool>`(not ${part})`;
}

/** A column whose SQL type is fixed (NULL = missing). */
export function columnValue(column: Expression<unknown>, type: 'text' | 'number'): ValueSql {
  const present = sql<SqlBool>`${column} is not null`;
  return type === 'text'
    ? { present, text: { value: column as Expression<string> } }
    : { present, number: { value: column as Expression<number> } };
}

/** A JSON scalar whose type is read from the stored value itself. */
export function jsonValue(json: JsonScalarSql): ValueSql {
  return {
    present: json.present,
    text: { when: json.isText, value: json.text },
    number: { when: json.isNumber, value: json.number },
    boolean: { when: json.isBoolean, value: json.booleanText },
  };
}

type Comparison = '=' | '>' | '>=' | '<' | '<=';

interface Branches {
  text?: (value: Expression<string>) => Expression<SqlBool> | undefined;
  number?: (value: Expression<number>) => Expression<SqlBool> | undefined;
  boolean?: (value: Expression<string>) => Expression<SqlBool> | undefined;
}

function guarded(when: Expression<SqlBool> | undefined, test: Expression<SqlBool>) {
  return when === undefined ? test : and([when, test]);
}

/** `present AND (branch OR branch …)`; a type whose test is undefined cannot match. */
function holds(source: ValueSql, branches: Branches): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  const text = source.text && branches.text?.(source.text.value);
  if (source.text && text) parts.push(guarded(source.text.when, text));
  const number = source.number && branches.number?.(source.number.value);
  if (source.number && number) parts.push(guarded(source.number.when, number));
  const boolean = source.boolean && branches.boolean?.(source.boolean.value);
  if (source.boolean && boolean) parts.push(guarded(source.boolean.when, boolean));
  return parts.length === 0 ? sqlFalse : and([source.present, or(parts)]);
}

function asNumber(ruleValue: Scalar): number | undefined {
  const coerced = coerceTo(0, ruleValue);
  return typeof coerced === 'number' ? coerced : undefined;
}

function asBoolean(ruleValue: Scalar): boolean | undefined {
  const coerced = coerceTo(true, ruleValue);
  return typeof coerced === 'boolean' ? coerced : undefined;
}

function asFoldedText(ruleValue: Scalar): string {
  return foldCase(String(coerceTo('', ruleValue)));
}

function compare(d: ConditionSqlDialect, op: Comparison, ruleValue: Scalar): Branches {
  const n = asNumber(ruleValue);
  const b = asBoolean(ruleValue);
  return {
    text: (v) => sql<SqlBool>`${d.fold(v)} ${sql.raw(op)} ${asFoldedText(ruleValue)}`,
    number: (v) => (n === undefined ? undefined : sql<SqlBool>`${v} ${sql.raw(op)} ${d.number(n)}`),
    // Booleans are equal or not, never ordered.
    boolean: (v) => (op !== '=' || b === undefined ? undefined : sql<SqlBool>`${v} = ${String(b)}`),
  };
}

function textTest(
  d: ConditionSqlDialect,
  ruleValue: Scalar,
  test: 'contains' | 'startsWith',
): Branches {
  const needle = foldCase(String(ruleValue));
  return {
    text: (v) => {
      // Every present text contains and starts with "".
      if (needle === '') return sqlTrue;
      const at = d.position(d.fold(v), needle);
      return test === 'contains' ? sql<SqlBool>`${at} > 0` : sql<SqlBool>`${at} = 1`;
    },
  };
}

/** `between [low, high]`, inclusive; a type for which either bound cannot be coerced never holds. */
function between(d: ConditionSqlDialect, low: Scalar, high: Scalar): Branches {
  const from = compare(d, '>=', low);
  const to = compare(d, '<=', high);
  const both =
    <V>(
      a: ((v: V) => Expression<SqlBool> | undefined) | undefined,
      b: ((v: V) => Expression<SqlBool> | undefined) | undefined,
    ) =>
    (v: V): Expression<SqlBool> | undefined => {
      const x = a?.(v);
      const y = b?.(v);
      return x === undefined || y === undefined ? undefined : and([x, y]);
    };
  return { text: both(from.text, to.text), number: both(from.number, to.number) };
}

function single(ruleValue: RuleValue | undefined): Scalar | undefined {
  return ruleValue === undefined || Array.isArray(ruleValue) ? undefined : ruleValue;
}

/** The operator applied to the stored value; exactly core's `applyOperator`. */
export function operatorSql(
  d: ConditionSqlDialect,
  operator: Operator,
  source: ValueSql,
  ruleValue: RuleValue | undefined,
): Expression<SqlBool> {
  if (!isCompleteValue(operator, ruleValue)) return sqlFalse;
  const scalar = single(ruleValue);
  const ordered = (op: Comparison) =>
    scalar === undefined
      ? sqlFalse
      : holds(source, { ...compare(d, op, scalar), boolean: undefined });
  switch (operator) {
    case 'exists':
      return source.present;
    case 'notExists':
      return not(source.present);
    case 'equals':
      return scalar === undefined ? sqlFalse : holds(source, compare(d, '=', scalar));
    case 'notEquals':
      return not(operatorSql(d, 'equals', source, ruleValue));
    case 'in': {
      const list = Array.isArray(ruleValue)
        ? ruleValue
        : ruleValue === undefined
          ? []
          : [ruleValue];
      return or(list.map((item) => holds(source, compare(d, '=', item))));
    }
    case 'notIn':
      return not(operatorSql(d, 'in', source, ruleValue));
    case 'contains':
    case 'startsWith':
      return scalar === undefined ? sqlFalse : holds(source, textTest(d, scalar, operator));
    case 'greaterThan':
      return ordered('>');
    case 'greaterOrEqual':
      return ordered('>=');
    case 'lessThan':
      return ordered('<');
    case 'lessOrEqual':
      return ordered('<=');
    case 'between': {
      const [low, high] = ruleValue as Scalar[];
      return low === undefined || high === undefined
        ? sqlFalse
        : holds(source, between(d, low, high));
    }
    default:
      return assertNever(operator);
  }
}
