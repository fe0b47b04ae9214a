import { describe, expect, it } from 'vitest';
import { applyOperator, compareCodePoints, foldCase } from './compare.ts';
import type { Operator, RuleValue } from './condition.ts';

type Case = [Operator, unknown, RuleValue | undefined, boolean];

function check(cases: Case[]): void {
  for (const [operator, value, ruleValue, expected] of cases) {
    expect(
      applyOperator(operator, value as string, ruleValue),
      `${String(value)} ${operator} ${JSON.stringify(ruleValue)}`,
    ).toBe(expected);
  }
}

describe('operators on text', () => {
  it('compares equals, in, contains and startsWith without regard to ASCII case', () => {
    check([
      ['equals', 'Software', 'software', true],
      ['equals', 'Software', 'Soft', false],
      ['notEquals', 'Software', 'SOFTWARE', false],
      ['notEquals', 'Software', 'Retail', true],
      ['in', 'Software', ['Retail', 'software'], true],
      ['in', 'Software', ['Retail'], false],
      ['in', 'Software', 'software', true],
      ['in', 'Software', [], false],
      ['notIn', 'Software', [], true],
      ['notIn', 'Software', ['SOFTWARE'], false],
      ['contains', 'Acme Software AB', 'software', true],
      ['contains', 'Acme', 'software', false],
      ['contains', 'Acme', '', true],
      ['startsWith', 'Software', 'SOFT', true],
      ['startsWith', 'Software', 'ware', false],
    ]);
  });

  it('folds only A–Z, so every database can compare the same way', () => {
    expect(foldCase('ÅÄÖ Abc')).toBe('ÅÄÖ abc');
    check([['equals', 'Åre', 'åre', false]]);
  });

  it('orders text by code point after folding, as UTF-8 bytes order in the databases', () => {
    // U+FF5E sorts before U+1F600 by code point, after it by UTF-16 unit.
    check([['lessThan', '\uff5e', '😀', true]]);
    expect(compareCodePoints('ab', 'abc')).toBe(-1);
    expect(compareCodePoints('abc', 'ab')).toBe(1);
    expect(compareCodePoints('', '')).toBe(0);
  });

  it('orders ISO dates and date-times by time', () => {
    check([
      ['greaterThan', 'b', 'A', true],
      ['lessThan', '2030-01-01', '2030-06-15', true],
      ['between', '2030-06-15', ['2030-01-01', '2030-12-31'], true],
      ['greaterOrEqual', 'abc', 'ABC', true],
      ['lessOrEqual', 'abc', 'ABC', true],
    ]);
  });

  it('turns a number or boolean rule value into text for a text attribute', () => {
    check([
      ['equals', '7372', 7372, true],
      ['equals', 'true', true, true],
      ['contains', '737215', 72, true],
    ]);
  });
});

describe('operators on numbers', () => {
  it('compares numerically, also when the rule value is numeric text', () => {
    check([
      ['equals', 10, 10, true],
      ['equals', 10, '10', true],
      ['equals', 10, '1e1', true],
      ['greaterThan', 10, 9, true],
      ['greaterThan', 10, '9', true],
      ['greaterThan', 10, 10, false],
      ['greaterOrEqual', 10, 10, true],
      ['lessThan', 9, 10, true],
      ['lessThan', 9, '10', true],
      ['lessOrEqual', 10, 10, true],
      ['lessOrEqual', 11, 10, false],
      ['in', 5, [1, '5'], true],
      ['notIn', 5, [1, 2], true],
    ]);
  });

  it('matches between inclusively at both ends and never when the bounds are reversed', () => {
    check([
      ['between', 10, [10, 20], true],
      ['between', 20, [10, 20], true],
      ['between', 15, ['10', '20'], true],
      ['between', 21, [10, 20], false],
      ['between', 9, [10, 20], false],
      ['between', 15, [20, 10], false],
    ]);
  });

  it('treats a rule value that is not a number as unequal and unordered', () => {
    check([
      ['equals', 10, 'ten', false],
      ['notEquals', 10, 'ten', true],
      ['equals', 0, '', false],
      ['greaterThan', 10, 'ten', false],
      ['lessThan', 10, true, false],
      ['contains', 10, '1', false],
      ['startsWith', 10, '1', false],
    ]);
  });
});

describe('operators on booleans', () => {
  it('accepts true/false as booleans or text and cannot order them', () => {
    check([
      ['equals', true, true, true],
      ['equals', true, 'TRUE', true],
      ['equals', false, 'false', true],
      ['equals', false, 0, false],
      ['notEquals', true, 'yes', true],
      ['greaterThan', true, false, false],
      ['between', true, [false, true], false],
    ]);
  });
});

describe('missing values', () => {
  const missing = [null, undefined];
  it('match only notExists, notEquals and notIn', () => {
    for (const value of missing) {
      check([
        ['exists', value, undefined, false],
        ['notExists', value, undefined, true],
        ['equals', value, 'x', false],
        ['notEquals', value, 'x', true],
        ['in', value, ['x'], false],
        ['notIn', value, ['x'], true],
        ['contains', value, '', false],
        ['startsWith', value, '', false],
        ['greaterThan', value, 0, false],
        ['greaterOrEqual', value, 0, false],
        ['lessThan', value, 0, false],
        ['lessOrEqual', value, 0, false],
        ['between', value, [0, 1], false],
      ]);
    }
  });

  it('count the empty text and zero as present values', () => {
    check([
      ['exists', '', undefined, true],
      ['exists', 0, undefined, true],
      ['exists', false, undefined, true],
      ['notExists', '', undefined, false],
    ]);
  });
});

describe('incomplete rules', () => {
  it('never match, whatever the operator', () => {
    check([
      ['equals', 'x', undefined, false],
      ['notEquals', 'x', undefined, false],
      ['notEquals', null, undefined, false],
      ['equals', 'x', ['x'], false],
      ['notEquals', 'x', ['y'], false],
      ['in', 'x', undefined, false],
      ['notIn', 'x', undefined, false],
      ['between', 5, [1], false],
      ['between', 5, 3, false],
      ['greaterThan', 5, [1], false],
      ['contains', 'x', ['x'], false],
    ]);
  });

  it('need no value for exists and notExists', () => {
    check([
      ['exists', 'x', 'ignored', true],
      ['notExists', 'x', undefined, false],
    ]);
  });
});
