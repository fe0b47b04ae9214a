import type { Condition } from '@caravan/core/conditions/condition';
import { describe, expect, it } from 'vitest';
import {
  accountStandardTypes,
  allOperators,
  attributeOptions,
  completeConstraints,
  completeRule,
  conditionOf,
  conditionShapeKey,
  draftOf,
  newRule,
  operatorsFor,
  reshapeValue,
  ruleKinds,
  ruleValueType,
  textToScalar,
  valueShape,
  withOperator,
  type RuleDraft,
} from './condition-rows.ts';

const software: Condition = {
  match: 'all',
  rules: [{ kind: 'account', attribute: 'industry', operator: 'equals', value: 'Software' }],
};

describe('operator → value shape', () => {
  it('asks no value for exists, two for between, a list for in / not in and one otherwise', () => {
    expect(valueShape('exists')).toBe('none');
    expect(valueShape('notExists')).toBe('none');
    expect(valueShape('between')).toBe('two');
    expect(valueShape('in')).toBe('list');
    expect(valueShape('notIn')).toBe('list');
    for (const op of ['equals', 'contains', 'startsWith', 'lessOrEqual'] as const) {
      expect(valueShape(op)).toBe('one');
    }
  });

  it('keeps what was typed when the operator changes shape', () => {
    expect(reshapeValue('Software', 'list')).toEqual(['Software']);
    expect(reshapeValue(['Software', 'Retail'], 'one')).toBe('Software');
    expect(reshapeValue(10, 'two')).toEqual([10, '']);
    expect(reshapeValue([1, 5], 'none')).toBeUndefined();
    expect(reshapeValue(undefined, 'list')).toBeUndefined();
  });

  it('drops the value of a rule switched to exists', () => {
    const rule: RuleDraft = {
      kind: 'account',
      attribute: 'industry',
      operator: 'equals',
      value: 'X',
    };
    expect(withOperator(rule, 'exists')).toEqual({
      kind: 'account',
      attribute: 'industry',
      operator: 'exists',
    });
    expect(withOperator(rule, 'in')).toMatchObject({ operator: 'in', value: ['X'] });
  });
});

describe('operators a rule offers', () => {
  it('offers every operator on attributes and only the role operators on role in account', () => {
    expect(operatorsFor({ kind: 'account' })).toEqual(allOperators);
    expect(operatorsFor({ kind: 'role' })).toEqual([
      'equals',
      'notEquals',
      'in',
      'notIn',
      'exists',
      'notExists',
    ]);
  });

  it("follows the attribute's type: text, numbers, dates and booleans each their own", () => {
    const account = { kind: 'account' } as const;
    expect(operatorsFor(account, 'text')).toEqual(
      expect.arrayContaining(['equals', 'notEquals', 'in', 'contains', 'startsWith', 'notExists']),
    );
    expect(operatorsFor(account, 'text')).not.toContain('lessThan');
    expect(operatorsFor(account, 'number')).toEqual(
      expect.arrayContaining(['equals', 'notEquals', 'lessThan', 'greaterThan', 'between']),
    );
    expect(operatorsFor(account, 'number')).not.toContain('contains');
    expect(operatorsFor(account, 'date').slice(0, 3)).toEqual([
      'lessThan',
      'greaterThan',
      'between',
    ]);
    expect(operatorsFor(account, 'boolean')).toEqual(['equals', 'notExists', 'exists']);
  });

  it('offers only exists / not exists for "has a buying group" and no text operators on scores', () => {
    expect(operatorsFor({ kind: 'buyingGroup', attribute: 'exists' })).toEqual([
      'exists',
      'notExists',
    ]);
    expect(operatorsFor({ kind: 'buyingGroup', attribute: 'roleCount' })).not.toContain('contains');
    expect(operatorsFor({ kind: 'listMembership' })).toEqual([]);
  });
});

describe('condition ⇄ drafts', () => {
  it('round-trips a complete condition', () => {
    expect(conditionOf(draftOf(software))).toEqual(software);
  });

  it('starts an absent condition as "all" with no rules', () => {
    expect(draftOf(undefined)).toMatchObject({ match: 'all', rules: [], keys: [] });
  });

  it('saves only the rules the core schema accepts, in order', () => {
    const draft = draftOf(software);
    draft.rules.push({ kind: 'listMembership', isMember: true }, newRule('role'));
    expect(conditionOf(draft).rules).toEqual([
      software.rules[0],
      { kind: 'role', operator: 'equals' },
    ]);
  });

  it('gives every rule its own key', () => {
    const draft = draftOf({ match: 'any', rules: [...software.rules, ...software.rules] });
    expect(new Set(draft.keys).size).toBe(2);
  });

  it('makes a new rule of every kind that is complete once its required reference is set', () => {
    const references: Record<string, Record<string, string>> = {
      account: { attribute: 'industry' },
      person: { attribute: 'jobTitle' },
      buyingGroup: { solutionInterestId: 'si-1' },
      listMembership: { listId: 'l-1' },
      role: {},
      eventHistory: { eventType: 'emailOpened' },
    };
    for (const kind of ruleKinds) {
      const rule = { ...newRule(kind), ...references[kind] } as RuleDraft;
      expect(completeRule(rule), kind).toBeDefined();
    }
    expect(completeRule(newRule('eventHistory'))).toBeUndefined();
  });

  it('fills the event-history defaults the schema gives', () => {
    const rule = completeRule({ kind: 'eventHistory', eventType: 'webPageVisited' });
    expect(rule).toEqual({
      kind: 'eventHistory',
      eventType: 'webPageVisited',
      constraints: [],
      minCount: 1,
      didNotDo: false,
    });
  });
});

describe('values and attributes', () => {
  it('stores clean numbers as numbers for numeric attributes and text otherwise', () => {
    expect(textToScalar('250', 'number')).toBe(250);
    expect(textToScalar('2.5', 'number')).toBe(2.5);
    expect(textToScalar('1.', 'number')).toBe('1.');
    expect(textToScalar('250', 'text')).toBe('250');
    expect(textToScalar('true', 'boolean')).toBe(true);
  });

  it('lists standard attributes first, then custom ones not shadowing a standard name', () => {
    const options = attributeOptions(
      accountStandardTypes,
      [
        { name: 'tier', label: 'Tier', type: 'text' },
        { name: 'industry', label: 'Shadow', type: 'text' },
      ],
      (name) => name.toUpperCase(),
    );
    expect(options[0]).toEqual({ name: 'name', label: 'NAME', type: 'text', custom: false });
    expect(options.filter((o) => o.name === 'industry')).toHaveLength(1);
    expect(options.at(-1)).toEqual({ name: 'tier', label: 'Tier', type: 'text', custom: true });
    expect(ruleValueType({ kind: 'account', attribute: 'employees' }, options)).toBe('number');
    expect(ruleValueType({ kind: 'buyingGroup', attribute: 'engagementScore' }, [])).toBe('number');
  });
});

describe('undo steps of condition edits', () => {
  it('treats typing a value as one step and picking another attribute as a new one', () => {
    const typed: Condition = {
      match: 'all',
      rules: [{ kind: 'account', attribute: 'industry', operator: 'equals', value: 'Soft' }],
    };
    const other: Condition = {
      match: 'all',
      rules: [{ kind: 'account', attribute: 'city', operator: 'equals', value: 'Soft' }],
    };
    expect(conditionShapeKey(typed)).toBe(conditionShapeKey(software));
    expect(conditionShapeKey(other)).not.toBe(conditionShapeKey(software));
  });
});

describe('constraints being written', () => {
  it('saves only the constraints whose field is named', () => {
    expect(
      completeConstraints([
        { field: 'momentType', operator: 'is', values: ['milestone'] },
        { field: ' ', operator: 'isNot', values: [] },
      ]),
    ).toEqual([{ field: 'momentType', operator: 'is', values: ['milestone'] }]);
  });
});
