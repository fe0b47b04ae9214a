/**
 * Human-readable rule descriptions for reasons on the account timeline ("matched path Enterprise:
 * industry equals Software"). English only: timeline reasons are stored text.
 */
import { assertNever } from '../result.ts';
import type { Operator, Rule, RuleValue } from './condition.ts';

const operatorWords: Record<Operator, string> = {
  equals: 'equals',
  notEquals: 'does not equal',
  in: 'is one of',
  notIn: 'is not one of',
  contains: 'contains',
  startsWith: 'starts with',
  greaterThan: 'is greater than',
  greaterOrEqual: 'is at least',
  lessThan: 'is less than',
  lessOrEqual: 'is at most',
  between: 'is between',
  exists: 'exists',
  notExists: 'does not exist',
};

function describeValue(operator: Operator, value: RuleValue | undefined): string {
  if (operator === 'exists' || operator === 'notExists') return '';
  if (value === undefined) return ' (no value)';
  if (operator === 'between' && Array.isArray(value)) {
    return ` ${String(value[0])} and ${String(value[1])}`;
  }
  return ` ${Array.isArray(value) ? value.map(String).join(', ') : String(value)}`;
}

function comparison(subject: string, operator: Operator, value: RuleValue | undefined): string {
  return `${subject} ${operatorWords[operator]}${describeValue(operator, value)}`;
}

const unitWords = { hours: 'hour', days: 'day', weeks: 'week', months: 'month' } as const;

function describeEventRule(rule: Extract<Rule, { kind: 'eventHistory' }>): string {
  const times = rule.minCount === 1 ? '' : ` at least ${rule.minCount} times`;
  const constraints = rule.constraints
    .map((c) => ` with ${c.field} ${c.operator === 'is' ? 'is' : 'is not'} ${c.values.join(', ')}`)
    .join('');
  const window =
    rule.lookback === undefined
      ? ''
      : ` in the last ${rule.lookback.amount} ${unitWords[rule.lookback.unit]}${rule.lookback.amount === 1 ? '' : 's'}`;
  return `${rule.didNotDo ? 'did not do' : 'did'} ${rule.eventType}${constraints}${times}${window}`;
}

/** One line naming what the rule asks for. */
export function describeRule(rule: Rule): string {
  switch (rule.kind) {
    case 'account':
      return comparison(rule.attribute, rule.operator, rule.value);
    case 'person':
      return comparison(`person ${rule.attribute}`, rule.operator, rule.value);
    case 'role':
      return comparison('role in account', rule.operator, rule.value);
    case 'buyingGroup': {
      const group = `buying group ${rule.solutionInterestId}`;
      if (rule.attribute === 'exists') return comparison(group, rule.operator, rule.value);
      const subject =
        rule.attribute === 'roleCount'
          ? `${group} members in role ${rule.role ?? '(no role)'}`
          : rule.attribute === 'memberRole'
            ? `person's role in ${group}`
            : `${group} ${rule.attribute}`;
      return comparison(subject, rule.operator, rule.value);
    }
    case 'listMembership':
      return `${rule.isMember ? 'is' : 'is not'} in list ${rule.listId}`;
    case 'eventHistory':
      return describeEventRule(rule);
    default:
      return assertNever(rule);
  }
}
