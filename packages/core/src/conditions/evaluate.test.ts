import { describe, expect, it } from 'vitest';
import type { Condition, Rule } from './condition.ts';
import { evaluateEventConstraints, evaluateForAccount, evaluateForPerson } from './evaluate.ts';
import { account, facts, now, person } from './facts.test-support.ts';
import type { AccountFacts } from './account-facts.ts';

const all = (...rules: Rule[]): Condition => ({ match: 'all', rules });
const any = (...rules: Rule[]): Condition => ({ match: 'any', rules });

function matches(rule: Rule, snapshot: AccountFacts = facts()): boolean {
  return evaluateForAccount(all(rule), snapshot, now).matched;
}

describe('account rules', () => {
  it('read standard fields and custom attributes by name', () => {
    expect(
      matches({ kind: 'account', attribute: 'industry', operator: 'equals', value: 'software' }),
    ).toBe(true);
    expect(
      matches({ kind: 'account', attribute: 'employees', operator: 'greaterOrEqual', value: 250 }),
    ).toBe(true);
    expect(
      matches({
        kind: 'account',
        attribute: 'annualRevenue',
        operator: 'between',
        value: [1e6, 5e6],
      }),
    ).toBe(true);
    expect(
      matches({ kind: 'account', attribute: 'tier', operator: 'in', value: ['gold', 'platinum'] }),
    ).toBe(true);
    expect(matches({ kind: 'account', attribute: 'active', operator: 'equals', value: true })).toBe(
      true,
    );
    expect(
      matches({
        kind: 'account',
        attribute: 'renewalDate',
        operator: 'lessThan',
        value: '2030-12-31',
      }),
    ).toBe(true);
    expect(
      matches({ kind: 'account', attribute: 'sicCode', operator: 'startsWith', value: '73' }),
    ).toBe(true);
  });

  it('treat an unset field, an absent custom attribute and a prototype name as missing', () => {
    const snapshot = facts({ account: account({ state: null }) });
    for (const attribute of ['state', 'unknownAttribute', 'constructor', '__proto__', 'toString']) {
      expect(matches({ kind: 'account', attribute, operator: 'exists' }, snapshot)).toBe(false);
      expect(matches({ kind: 'account', attribute, operator: 'notExists' }, snapshot)).toBe(true);
      expect(
        matches({ kind: 'account', attribute, operator: 'notEquals', value: 'x' }, snapshot),
      ).toBe(true);
    }
  });
});

describe('person rules', () => {
  it('hold for an account when some person satisfies them, and name that person', () => {
    const result = evaluateForAccount(
      all({ kind: 'person', attribute: 'jobTitle', operator: 'equals', value: 'cto' }),
      facts(),
      now,
    );
    expect(result).toEqual({
      matched: true,
      reason: 'person jobTitle equals cto (ann@acme.example)',
    });
  });

  it('do not hold for an account without people, not even notExists', () => {
    const empty = facts({ people: [] });
    expect(matches({ kind: 'person', attribute: 'email', operator: 'notExists' }, empty)).toBe(
      false,
    );
    expect(
      matches({ kind: 'person', attribute: 'email', operator: 'notEquals', value: 'x' }, empty),
    ).toBe(false);
  });

  it('let each person rule of an all-condition be met by a different person', () => {
    const condition = all(
      { kind: 'person', attribute: 'jobTitle', operator: 'equals', value: 'CTO' },
      { kind: 'person', attribute: 'jobTitle', operator: 'equals', value: 'Engineer' },
    );
    expect(evaluateForAccount(condition, facts(), now).matched).toBe(true);
    expect(evaluateForPerson(condition, facts(), 'ann', now).matched).toBe(false);
  });

  it('apply to the one person when evaluated for a person', () => {
    const rule: Rule = { kind: 'person', attribute: 'email', operator: 'notExists' };
    expect(evaluateForPerson(all(rule), facts(), 'bob', now).matched).toBe(true);
    expect(evaluateForPerson(all(rule), facts(), 'ann', now).matched).toBe(false);
    expect(evaluateForPerson(all(rule), facts(), 'nobody', now).matched).toBe(false);
  });

  it('read person custom attributes', () => {
    const rule: Rule = { kind: 'person', attribute: 'score', operator: 'greaterThan', value: '50' };
    expect(evaluateForPerson(all(rule), facts(), 'ann', now).matched).toBe(true);
    expect(evaluateForPerson(all(rule), facts(), 'bob', now).matched).toBe(false);
  });
});

describe('role rules', () => {
  it('compare the role in the account, a person without a role being missing', () => {
    expect(matches({ kind: 'role', operator: 'equals', value: 'decision maker' })).toBe(true);
    expect(matches({ kind: 'role', operator: 'in', value: ['Champion'] })).toBe(false);
    const rule: Rule = { kind: 'role', operator: 'notExists' };
    expect(evaluateForPerson(all(rule), facts(), 'bob', now).matched).toBe(true);
    expect(evaluateForPerson(all(rule), facts(), 'ann', now).matched).toBe(false);
  });
});

describe('buying-group rules', () => {
  const bg = (
    attribute: Extract<Rule, { kind: 'buyingGroup' }>['attribute'],
    rest: Partial<Rule>,
  ): Rule =>
    ({
      kind: 'buyingGroup',
      solutionInterestId: 'crm',
      attribute,
      operator: 'exists',
      ...rest,
    }) as Rule;

  it('check that the group exists', () => {
    expect(matches(bg('exists', { operator: 'exists' }))).toBe(true);
    expect(matches(bg('exists', { operator: 'notExists' }))).toBe(false);
    expect(
      matches({ ...bg('exists', { operator: 'notExists' }), solutionInterestId: 'erp' } as Rule),
    ).toBe(true);
  });

  it('compare stage, status and both scores', () => {
    expect(matches(bg('stage', { operator: 'equals', value: 'evaluation' }))).toBe(true);
    expect(matches(bg('status', { operator: 'in', value: ['Active', 'Paused'] }))).toBe(true);
    expect(matches(bg('completenessScore', { operator: 'greaterOrEqual', value: 50 }))).toBe(true);
    expect(matches(bg('engagementScore', { operator: 'lessThan', value: 30 }))).toBe(false);
  });

  it('count the members in a role for roleCount', () => {
    expect(
      matches(bg('roleCount', { role: 'Influencer', operator: 'greaterOrEqual', value: 1 })),
    ).toBe(true);
    expect(matches(bg('roleCount', { role: 'Champion', operator: 'equals', value: 0 }))).toBe(true);
    expect(
      matches(bg('roleCount', { role: 'Champion', operator: 'greaterOrEqual', value: 1 })),
    ).toBe(false);
    expect(matches(bg('roleCount', { operator: 'greaterOrEqual', value: 0 }))).toBe(false);
  });

  it('never match a roleCount rule without a role, even with a negative operator', () => {
    for (const operator of ['notExists', 'notEquals', 'notIn'] as const) {
      expect(matches(bg('roleCount', { operator, value: operator === 'notIn' ? [1] : 1 }))).toBe(
        false,
      );
    }
  });

  it('compare a person’s role in the group for memberRole, missing when not a member', () => {
    const member = bg('memberRole', { operator: 'equals', value: 'influencer' });
    expect(evaluateForPerson(all(member), facts(), 'bob', now).matched).toBe(true);
    expect(evaluateForPerson(all(member), facts(), 'ann', now).matched).toBe(false);
    expect(evaluateForAccount(all(member), facts(), now)).toEqual({
      matched: true,
      reason: "person's role in buying group crm equals influencer (bob)",
    });
    const notMember = bg('memberRole', { operator: 'notExists' });
    expect(evaluateForAccount(all(notMember), facts(), now).matched).toBe(false);
    const outsider = facts({ people: [...facts().people, person('cy')] });
    expect(evaluateForAccount(all(notMember), outsider, now).matched).toBe(true);
    expect(evaluateForPerson(all(notMember), outsider, 'cy', now).matched).toBe(true);
  });

  it('treat every attribute of a group the account lacks as missing', () => {
    const noGroup = facts({ buyingGroups: [] });
    expect(matches(bg('stage', { operator: 'notEquals', value: 'Won' }), noGroup)).toBe(true);
    expect(
      matches(bg('roleCount', { role: 'Champion', operator: 'lessThan', value: 1 }), noGroup),
    ).toBe(false);
    expect(matches(bg('completenessScore', { operator: 'notExists' }), noGroup)).toBe(true);
  });
});

describe('list membership rules', () => {
  it('check whether the account is or is not in the list', () => {
    expect(matches({ kind: 'listMembership', listId: 'vip', isMember: true })).toBe(true);
    expect(matches({ kind: 'listMembership', listId: 'vip', isMember: false })).toBe(false);
    expect(matches({ kind: 'listMembership', listId: 'churned', isMember: false })).toBe(true);
  });
});

describe('event history rules', () => {
  const event = (rest: Partial<Extract<Rule, { kind: 'eventHistory' }>>): Rule => ({
    kind: 'eventHistory',
    eventType: 'emailOpened',
    constraints: [],
    minCount: 1,
    didNotDo: false,
    ...rest,
  });

  it('count events of the type within the lookback window', () => {
    expect(matches(event({ minCount: 2 }))).toBe(true);
    expect(matches(event({ minCount: 2, lookback: { amount: 30, unit: 'days' } }))).toBe(false);
    expect(matches(event({ lookback: { amount: 1, unit: 'weeks' } }))).toBe(true);
    expect(matches(event({ lookback: { amount: 3, unit: 'days' } }))).toBe(false);
    expect(matches(event({ minCount: 2, lookback: { amount: 2, unit: 'months' } }))).toBe(true);
    expect(
      matches(event({ eventType: 'interestingMoment', lookback: { amount: 1, unit: 'hours' } })),
    ).toBe(true);
    expect(matches(event({ eventType: 'EmailOpened' }))).toBe(false);
  });

  it('include an event exactly at the window start and none after now', () => {
    const at = (occurredAt: string): AccountFacts =>
      facts({ events: [{ type: 'emailOpened', occurredAt, personId: null, properties: {} }] });
    const rule = event({ lookback: { amount: 1, unit: 'days' } });
    expect(matches(rule, at('2030-06-14T12:00:00.000Z'))).toBe(true);
    expect(matches(rule, at('2030-06-14T11:59:59.999Z'))).toBe(false);
    expect(matches(rule, at('2030-06-15T12:00:00.000Z'))).toBe(true);
    expect(matches(rule, at('2030-06-15T12:00:00.001Z'))).toBe(false);
  });

  it('apply constraints on event properties', () => {
    const demo = event({
      eventType: 'formFilledOut',
      constraints: [{ field: 'form', operator: 'is', values: ['demo request'] }],
    });
    expect(matches(demo)).toBe(true);
    expect(
      matches(
        event({
          eventType: 'formFilledOut',
          constraints: [{ field: 'form', operator: 'isNot', values: ['Demo request'] }],
        }),
      ),
    ).toBe(false);
  });

  it('match "did not do" when the account did it fewer than minCount times', () => {
    expect(matches(event({ eventType: 'webPageVisited', didNotDo: true }))).toBe(true);
    expect(matches(event({ didNotDo: true }))).toBe(false);
    expect(matches(event({ didNotDo: true, minCount: 3 }))).toBe(true);
  });

  it('count only the person’s own events when evaluated for a person', () => {
    const rule = event({ lookback: { amount: 30, unit: 'days' } });
    expect(evaluateForPerson(all(rule), facts(), 'bob', now).matched).toBe(true);
    expect(evaluateForPerson(all(rule), facts(), 'ann', now).matched).toBe(false);
  });
});

describe('evaluateEventConstraints', () => {
  const properties = { campaign: 'Spring', score: 5, opened: true, empty: null };

  it('requires every constraint: is = equal to one value, isNot = equal to none', () => {
    expect(evaluateEventConstraints([], { properties })).toBe(true);
    expect(
      evaluateEventConstraints(
        [{ field: 'campaign', operator: 'is', values: ['spring', 'Fall'] }],
        { properties },
      ),
    ).toBe(true);
    expect(
      evaluateEventConstraints([{ field: 'score', operator: 'is', values: ['5'] }], { properties }),
    ).toBe(true);
    expect(
      evaluateEventConstraints([{ field: 'opened', operator: 'is', values: [true] }], {
        properties,
      }),
    ).toBe(true);
    expect(
      evaluateEventConstraints(
        [
          { field: 'campaign', operator: 'is', values: ['Spring'] },
          { field: 'score', operator: 'isNot', values: [5] },
        ],
        { properties },
      ),
    ).toBe(false);
  });

  it('treats a missing or null property as equal to nothing', () => {
    for (const field of ['empty', 'absent', 'constructor']) {
      expect(
        evaluateEventConstraints([{ field, operator: 'is', values: ['x'] }], { properties }),
      ).toBe(false);
      expect(
        evaluateEventConstraints([{ field, operator: 'isNot', values: ['x'] }], { properties }),
      ).toBe(true);
    }
  });
});

describe('match all and any', () => {
  const yes: Rule = {
    kind: 'account',
    attribute: 'industry',
    operator: 'equals',
    value: 'Software',
  };
  const alsoYes: Rule = { kind: 'listMembership', listId: 'vip', isMember: true };
  const no: Rule = { kind: 'account', attribute: 'country', operator: 'equals', value: 'Norway' };

  it('all holds when every rule holds and names them', () => {
    expect(evaluateForAccount(all(yes, alsoYes), facts(), now)).toEqual({
      matched: true,
      reason: 'industry equals Software and is in list vip',
    });
  });

  it('all fails on the first rule that does not hold and names it', () => {
    expect(evaluateForAccount(all(yes, no, alsoYes), facts(), now)).toEqual({
      matched: false,
      reason: 'country equals Norway did not hold',
    });
  });

  it('any holds on the first rule that holds and names it', () => {
    expect(evaluateForAccount(any(no, yes, alsoYes), facts(), now)).toEqual({
      matched: true,
      reason: 'industry equals Software',
    });
    expect(evaluateForAccount(any(no), facts(), now)).toEqual({
      matched: false,
      reason: 'no rule matched',
    });
  });

  it('all of no rules holds and any of no rules does not', () => {
    expect(evaluateForAccount(all(), facts(), now).matched).toBe(true);
    expect(evaluateForAccount(any(), facts(), now).matched).toBe(false);
  });

  it('evaluates a person-context condition with account rules against the account', () => {
    const condition = all(yes, {
      kind: 'person',
      attribute: 'firstName',
      operator: 'equals',
      value: 'BOB',
    });
    expect(evaluateForPerson(condition, facts({ people: [person('bob')] }), 'bob', now)).toEqual({
      matched: true,
      reason: 'industry equals Software and person firstName equals BOB',
    });
  });
});
