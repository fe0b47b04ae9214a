import { describe, expect, it } from 'vitest';
import type { Rule } from './condition.ts';
import { describeRule } from './describe.ts';

describe('describeRule', () => {
  it('names every rule kind in words a marketer reads on the timeline', () => {
    const cases: Array<[Rule, string]> = [
      [
        { kind: 'account', attribute: 'industry', operator: 'equals', value: 'Software' },
        'industry equals Software',
      ],
      [
        { kind: 'account', attribute: 'employees', operator: 'between', value: [10, 50] },
        'employees is between 10 and 50',
      ],
      [
        { kind: 'account', attribute: 'country', operator: 'notIn', value: ['SE', 'NO'] },
        'country is not one of SE, NO',
      ],
      [{ kind: 'account', attribute: 'domain', operator: 'notExists' }, 'domain does not exist'],
      [{ kind: 'account', attribute: 'city', operator: 'equals' }, 'city equals (no value)'],
      [
        { kind: 'person', attribute: 'jobTitle', operator: 'contains', value: 'CTO' },
        'person jobTitle contains CTO',
      ],
      [{ kind: 'role', operator: 'equals', value: 'Champion' }, 'role in account equals Champion'],
      [
        { kind: 'buyingGroup', solutionInterestId: 'crm', attribute: 'exists', operator: 'exists' },
        'buying group crm exists',
      ],
      [
        {
          kind: 'buyingGroup',
          solutionInterestId: 'crm',
          attribute: 'stage',
          operator: 'equals',
          value: 'Won',
        },
        'buying group crm stage equals Won',
      ],
      [
        {
          kind: 'buyingGroup',
          solutionInterestId: 'crm',
          attribute: 'roleCount',
          role: 'Influencer',
          operator: 'greaterOrEqual',
          value: 2,
        },
        'buying group crm members in role Influencer is at least 2',
      ],
      [
        {
          kind: 'buyingGroup',
          solutionInterestId: 'crm',
          attribute: 'memberRole',
          operator: 'equals',
          value: 'Champion',
        },
        "person's role in buying group crm equals Champion",
      ],
      [{ kind: 'listMembership', listId: 'vip', isMember: false }, 'is not in list vip'],
      [
        {
          kind: 'eventHistory',
          eventType: 'formFilledOut',
          constraints: [{ field: 'form', operator: 'is', values: ['Demo'] }],
          lookback: { amount: 7, unit: 'days' },
          minCount: 2,
          didNotDo: false,
        },
        'did formFilledOut with form is Demo at least 2 times in the last 7 days',
      ],
      [
        {
          kind: 'eventHistory',
          eventType: 'emailOpened',
          constraints: [],
          lookback: { amount: 1, unit: 'months' },
          minCount: 1,
          didNotDo: true,
        },
        'did not do emailOpened in the last 1 month',
      ],
    ];
    for (const [rule, text] of cases) expect(describeRule(rule)).toBe(text);
  });
});
