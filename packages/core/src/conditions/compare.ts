/**
 * Operator semantics shared by every rule kind (documented in docs/conditions.md; the SQL compiler
 * in storage must match them exactly):
 * - missing = `null` or absent; it matches only `notExists`, `notEquals` and `notIn`;
 * - the rule value is coerced to the type of the stored value (numbers numerically, booleans from
 *   true/false, text from any scalar); a value that cannot be coerced is simply not equal;
 * - text compares ASCII-case-insensitively (equals, in, contains, startsWith and ordering); ordering
 *   of text is by Unicode code point after folding (= UTF-8 byte order, what SQLite's BINARY and
 *   PostgreSQL's "C" collation do), which also orders ISO dates by time;
 * - `between [a, b]` is inclusive; a > b matches nothing;
 * - a rule whose value has the wrong shape for its operator is incomplete and never matches.
 */
import { assertNever } from '../result.ts';
import type { Operator, RuleValue } from './condition.ts';

export type Scalar = string | number | boolean;
export type FactValue = Scalar | null | undefined;

/** Lower-cases A–Z only, so that every database can do the same. */
export function foldCase(text: string): string {
  return text.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

/** The rule value converted to the stored value's type; undefined when it cannot be. */
export function coerceTo(value: Scalar, ruleValue: Scalar): Scalar | undefined {
  if (typeof value === 'number') {
    if (typeof ruleValue === 'number') return ruleValue;
    if (typeof ruleValue === 'string' && ruleValue.trim() !== '') {
      const parsed = Number(ruleValue);
      return Number.isFinite(parsed) ? parsed : undefined;
    }
    return undefined;
  }
  if (typeof value === 'boolean') {
    if (typeof ruleValue === 'boolean') return ruleValue;
    const folded = typeof ruleValue === 'string' ? foldCase(ruleValue.trim()) : '';
    if (folded === 'true') return true;
    if (folded === 'false') return false;
    return undefined;
  }
  return String(ruleValue);
}

export function scalarEquals(value: Scalar, ruleValue: Scalar): boolean {
  const coerced = coerceTo(value, ruleValue);
  if (coerced === undefined) return false;
  if (typeof value === 'string' && typeof coerced === 'string') {
    return foldCase(value) === foldCase(coerced);
  }
  return value === coerced;
}

/** Sign of value − ruleValue; undefined when the two cannot be ordered (booleans, bad numbers). */
export function scalarCompare(value: Scalar, ruleValue: Scalar): number | undefined {
  const coerced = coerceTo(value, ruleValue);
  if (coerced === undefined || typeof value === 'boolean') return undefined;
  if (typeof value === 'number' && typeof coerced === 'number') {
    return Math.sign(value - coerced);
  }
  return compareCodePoints(foldCase(String(value)), foldCase(String(coerced)));
}

/** Code point order; plain `<` compares UTF-16 units, which differs beyond U+FFFF. */
export function compareCodePoints(a: string, b: string): number {
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const x = left.next();
    const y = right.next();
    if (x.done === true || y.done === true) return x.done === y.done ? 0 : x.done === true ? -1 : 1;
    const diff = (x.value.codePointAt(0) ?? 0) - (y.value.codePointAt(0) ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
}

function isScalar(value: RuleValue | undefined): value is Scalar {
  return value !== undefined && !Array.isArray(value);
}

/** Whether the rule value has the shape its operator needs (else the rule never matches). */
export function isCompleteValue(operator: Operator, ruleValue: RuleValue | undefined): boolean {
  switch (operator) {
    case 'exists':
    case 'notExists':
      return true;
    case 'in':
    case 'notIn':
      return ruleValue !== undefined;
    case 'between':
      return Array.isArray(ruleValue) && ruleValue.length === 2;
    default:
      return isScalar(ruleValue);
  }
}

function isPresent(value: FactValue): value is Scalar {
  return value !== null && value !== undefined;
}

function inList(value: Scalar, ruleValue: RuleValue): boolean {
  const list = Array.isArray(ruleValue) ? ruleValue : [ruleValue];
  return list.some((item) => scalarEquals(value, item));
}

function textTest(value: Scalar, ruleValue: Scalar, test: 'contains' | 'startsWith'): boolean {
  if (typeof value !== 'string') return false;
  const haystack = foldCase(value);
  const needle = foldCase(String(ruleValue));
  return test === 'contains' ? haystack.includes(needle) : haystack.startsWith(needle);
}

function ordered(value: Scalar, ruleValue: Scalar, accept: (sign: number) => boolean): boolean {
  const sign = scalarCompare(value, ruleValue);
  return sign !== undefined && accept(sign);
}

/** Applies one operator to a stored value (see the header for the semantics). */
export function applyOperator(
  operator: Operator,
  value: FactValue,
  ruleValue: RuleValue | undefined,
): boolean {
  if (!isCompleteValue(operator, ruleValue)) return false;
  switch (operator) {
    case 'exists':
      return isPresent(value);
    case 'notExists':
      return !isPresent(value);
    case 'notEquals':
      return !applyOperator('equals', value, ruleValue);
    case 'notIn':
      return !applyOperator('in', value, ruleValue);
    default:
      return isPresent(value) && applyToPresent(operator, value, ruleValue as RuleValue);
  }
}

function applyToPresent(operator: Operator, value: Scalar, ruleValue: RuleValue): boolean {
  const scalar = Array.isArray(ruleValue) ? undefined : ruleValue;
  switch (operator) {
    case 'equals':
      return scalar !== undefined && scalarEquals(value, scalar);
    case 'in':
      return inList(value, ruleValue);
    case 'contains':
    case 'startsWith':
      return scalar !== undefined && textTest(value, scalar, operator);
    case 'greaterThan':
      return scalar !== undefined && ordered(value, scalar, (s) => s > 0);
    case 'greaterOrEqual':
      return scalar !== undefined && ordered(value, scalar, (s) => s >= 0);
    case 'lessThan':
      return scalar !== undefined && ordered(value, scalar, (s) => s < 0);
    case 'lessOrEqual':
      return scalar !== undefined && ordered(value, scalar, (s) => s <= 0);
    case 'between': {
      const [low, high] = ruleValue as Scalar[];
      return (
        low !== undefined &&
        high !== undefined &&
        ordered(value, low, (s) => s >= 0) &&
        ordered(value, high, (s) => s <= 0)
      );
    }
    case 'exists':
    case 'notExists':
    case 'notEquals':
    case 'notIn':
      throw new Error(`applyToPresent does not handle ${operator}`);
    default:
      return assertNever(operator);
  }
}
