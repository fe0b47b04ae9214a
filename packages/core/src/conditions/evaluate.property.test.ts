import { describe, expect, it } from 'vitest';
import type { Condition } from './condition.ts';
import { Condition as ConditionSchema } from './condition.ts';
import { evaluateForAccount, evaluateForPerson } from './evaluate.ts';
import {
  createRng,
  randomAccountFacts,
  randomCondition,
  randomNow,
} from './random-condition.test-support.ts';

const runs = 2000;

describe('the evaluator on random conditions and accounts', () => {
  it('produces only schema-valid conditions from the generator', () => {
    const rng = createRng(1);
    for (let i = 0; i < runs; i += 1) {
      const condition = randomCondition(rng);
      expect(ConditionSchema.parse(condition)).toEqual(condition);
    }
  });

  it('makes any equal to the OR, and all to the AND, of its rules taken one by one', () => {
    const rng = createRng(2);
    let matchedSome = 0;
    for (let i = 0; i < runs; i += 1) {
      const condition = randomCondition(rng);
      const facts = randomAccountFacts(rng);
      const single = condition.rules.map(
        (rule) => evaluateForAccount({ match: 'all', rules: [rule] }, facts, randomNow).matched,
      );
      const anyOf: Condition = { ...condition, match: 'any' };
      const allOf: Condition = { ...condition, match: 'all' };
      expect(evaluateForAccount(anyOf, facts, randomNow).matched).toBe(single.some(Boolean));
      expect(evaluateForAccount(allOf, facts, randomNow).matched).toBe(single.every(Boolean));
      if (single.some(Boolean)) matchedSome += 1;
    }
    // The pools are small so that rules actually match: the property is not vacuous.
    expect(matchedSome).toBeGreaterThan(runs / 4);
  });

  // Account-level rules only: per-person rules hold for "some person", which has no complement.
  it('makes notEquals, notIn and notExists the complement of equals, in and exists on complete rules', () => {
    const rng = createRng(3);
    const complements = { equals: 'notEquals', in: 'notIn', exists: 'notExists' } as const;
    let checked = 0;
    for (let i = 0; i < runs; i += 1) {
      const facts = randomAccountFacts(rng);
      const rule = randomCondition(rng).rules.find(
        (r) =>
          (r.kind === 'account' || (r.kind === 'buyingGroup' && r.attribute !== 'memberRole')) &&
          r.operator in complements &&
          (r.operator === 'exists' || r.value !== undefined),
      );
      if (rule === undefined || !(rule.kind === 'account' || rule.kind === 'buyingGroup')) continue;
      const operator = rule.operator as keyof typeof complements;
      const positive = evaluateForAccount(
        { match: 'all', rules: [rule] },
        facts,
        randomNow,
      ).matched;
      const negated = { ...rule, operator: complements[operator] };
      expect(evaluateForAccount({ match: 'all', rules: [negated] }, facts, randomNow).matched).toBe(
        !positive,
      );
      checked += 1;
    }
    expect(checked).toBeGreaterThan(runs / 10);
  });

  it('holds for an account whenever it holds for one of its people', () => {
    const rng = createRng(4);
    for (let i = 0; i < runs; i += 1) {
      const facts = randomAccountFacts(rng);
      // Single-rule conditions: "some person" is per rule, so larger ones need not agree.
      const rule = randomCondition(rng).rules[0];
      if (rule === undefined || rule.kind === 'eventHistory') continue;
      const condition: Condition = { match: 'all', rules: [rule] };
      const forSomePerson = facts.people.some(
        (p) => evaluateForPerson(condition, facts, p.id, randomNow).matched,
      );
      if (forSomePerson) expect(evaluateForAccount(condition, facts, randomNow).matched).toBe(true);
    }
  });
});
