/**
 * The in-memory condition evaluator (SPEC §2), shared by audiences, lists, split paths and event
 * filters; `docs/conditions.md` states its semantics and the storage SQL compiler must agree
 * (property-tested with `random-condition.test-support.ts`).
 *
 * Contexts: for an account, a person, role or buying-group `memberRole` rule holds when SOME person
 * of the account satisfies it (an account without people satisfies none); for a person, person and role rules apply to that
 * person and event history counts only that person's events. `all` of no rules holds, `any` of no
 * rules does not. The reason names the rule(s) that decided.
 */
import { accountStandardAttributes, type Account } from '../b2b/account.ts';
import { personStandardAttributes, type Person } from '../b2b/person.ts';
import { assertNever } from '../result.ts';
import type { AccountFacts, FactEvent } from './account-facts.ts';
import { applyOperator, scalarEquals, type FactValue } from './compare.ts';
import type { Condition, EventConstraint, Rule } from './condition.ts';
import { describeRule } from './describe.ts';
import { lookbackStart } from './lookback.ts';

export interface Evaluation {
  matched: boolean;
  reason: string;
}

interface Scope {
  facts: AccountFacts;
  now: Date;
  /** Set when evaluating for one person. */
  personId?: string;
}

type FactPerson = AccountFacts['people'][number];

const accountFields: ReadonlySet<string> = new Set(accountStandardAttributes);
const personFields: ReadonlySet<string> = new Set(personStandardAttributes);

/** A standard field when the name is one, else the custom attribute of that name. */
export function accountAttribute(account: Account, name: string): FactValue {
  if (accountFields.has(name)) return account[name as keyof Account] as FactValue;
  return Object.hasOwn(account.attributes, name) ? account.attributes[name] : undefined;
}

export function personAttribute(person: Person, name: string): FactValue {
  if (personFields.has(name)) return person[name as keyof Person] as FactValue;
  return Object.hasOwn(person.attributes, name) ? person.attributes[name] : undefined;
}

/** Every constraint holds: `is` = present and equal to one value, `isNot` = not equal to any. */
export function evaluateEventConstraints(
  constraints: readonly EventConstraint[],
  event: Pick<FactEvent, 'properties'>,
): boolean {
  return constraints.every((constraint) => {
    const value = Object.hasOwn(event.properties, constraint.field)
      ? event.properties[constraint.field]
      : undefined;
    const equalsOne =
      value !== null &&
      value !== undefined &&
      constraint.values.some((item) => scalarEquals(value, item));
    return constraint.operator === 'is' ? equalsOne : !equalsOne;
  });
}

function personLabel(person: Person): string {
  return person.email ?? person.externalId ?? person.id;
}

/** People the rule looks at: the one person, or everyone of the account. */
function peopleInScope(scope: Scope): FactPerson[] {
  if (scope.personId === undefined) return scope.facts.people;
  return scope.facts.people.filter((p) => p.id === scope.personId);
}

function somePerson(scope: Scope, rule: Rule, test: (p: FactPerson) => boolean): Evaluation {
  const person = peopleInScope(scope).find(test);
  const description = describeRule(rule);
  if (person === undefined) return { matched: false, reason: description };
  const who = scope.personId === undefined ? ` (${personLabel(person)})` : '';
  return { matched: true, reason: `${description}${who}` };
}

function buyingGroupValue(scope: Scope, rule: Extract<Rule, { kind: 'buyingGroup' }>): FactValue {
  const group = scope.facts.buyingGroups.find(
    (g) => g.solutionInterestId === rule.solutionInterestId,
  );
  // Every attribute of a group the account does not have is missing (see docs/conditions.md).
  if (group === undefined) return undefined;
  switch (rule.attribute) {
    case 'exists':
      return true;
    case 'stage':
      return group.stage;
    case 'status':
      return group.status;
    case 'completenessScore':
      return group.completenessScore;
    case 'engagementScore':
      return group.engagementScore;
    case 'memberRole':
      throw new Error('memberRole is a person-level criterion; see memberRoleOf');
    case 'roleCount': {
      const role = rule.role;
      if (role === undefined || role === '') return undefined;
      return new Set(group.members.filter((m) => scalarEquals(m.role, role)).map((m) => m.personId))
        .size;
    }
    default:
      return assertNever(rule.attribute);
  }
}

/** The person's role in the account's group for the interest; undefined when not a member. */
function memberRoleOf(
  facts: AccountFacts,
  solutionInterestId: string,
  personId: string,
): FactValue {
  const group = facts.buyingGroups.find((g) => g.solutionInterestId === solutionInterestId);
  return group?.members.find((m) => m.personId === personId)?.role;
}

function countMatchingEvents(scope: Scope, rule: Extract<Rule, { kind: 'eventHistory' }>): number {
  const end = scope.now.getTime();
  const start =
    rule.lookback === undefined ? -Infinity : lookbackStart(rule.lookback, scope.now).getTime();
  return scope.facts.events.filter((event) => {
    const at = Date.parse(event.occurredAt);
    return (
      event.type === rule.eventType &&
      at >= start &&
      at <= end &&
      (scope.personId === undefined || event.personId === scope.personId) &&
      evaluateEventConstraints(rule.constraints, event)
    );
  }).length;
}

function evaluateRule(rule: Rule, scope: Scope): Evaluation {
  const outcome = (matched: boolean): Evaluation => ({ matched, reason: describeRule(rule) });
  switch (rule.kind) {
    case 'account':
      return outcome(
        applyOperator(
          rule.operator,
          accountAttribute(scope.facts.account, rule.attribute),
          rule.value,
        ),
      );
    case 'person':
      return somePerson(scope, rule, (p) =>
        applyOperator(rule.operator, personAttribute(p, rule.attribute), rule.value),
      );
    case 'role':
      return somePerson(scope, rule, (p) => applyOperator(rule.operator, p.role, rule.value));
    case 'buyingGroup':
      if (rule.attribute === 'memberRole') {
        return somePerson(scope, rule, (p) =>
          applyOperator(
            rule.operator,
            memberRoleOf(scope.facts, rule.solutionInterestId, p.id),
            rule.value,
          ),
        );
      }
      // A role count without a role is an incomplete rule, which never matches (docs/conditions.md);
      // without this, `notExists`/`notEquals` would match every account through a missing value.
      if (rule.attribute === 'roleCount' && !rule.role) return outcome(false);
      return outcome(applyOperator(rule.operator, buyingGroupValue(scope, rule), rule.value));
    case 'listMembership':
      return outcome(scope.facts.listIds.includes(rule.listId) === rule.isMember);
    case 'eventHistory': {
      const did = countMatchingEvents(scope, rule) >= rule.minCount;
      return outcome(rule.didNotDo ? !did : did);
    }
    default:
      return assertNever(rule);
  }
}

function evaluateCondition(condition: Condition, scope: Scope): Evaluation {
  if (condition.rules.length === 0) {
    return condition.match === 'all'
      ? { matched: true, reason: 'no rules (all of none holds)' }
      : { matched: false, reason: 'no rules (any of none does not hold)' };
  }
  if (condition.match === 'all') {
    const reasons: string[] = [];
    for (const rule of condition.rules) {
      const evaluation = evaluateRule(rule, scope);
      if (!evaluation.matched)
        return { matched: false, reason: `${evaluation.reason} did not hold` };
      reasons.push(evaluation.reason);
    }
    return { matched: true, reason: reasons.join(' and ') };
  }
  for (const rule of condition.rules) {
    const evaluation = evaluateRule(rule, scope);
    if (evaluation.matched) return evaluation;
  }
  return { matched: false, reason: 'no rule matched' };
}

/** Whether the account satisfies the condition, and which rule(s) decided. */
export function evaluateForAccount(
  condition: Condition,
  facts: AccountFacts,
  now: Date,
): Evaluation {
  return evaluateCondition(condition, { facts, now });
}

/**
 * Whether one person of the account satisfies the condition: person and role rules apply to that
 * person, event history to that person's events; account, buying-group and list rules to the
 * account. A person not among `facts.people` satisfies no person or role rule.
 */
export function evaluateForPerson(
  condition: Condition,
  facts: AccountFacts,
  personId: string,
  now: Date,
): Evaluation {
  return evaluateCondition(condition, { facts, now, personId });
}
