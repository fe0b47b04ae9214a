/**
 * The condition builder's model, without React: a rule being edited is a *draft* (any field may
 * still be missing), and only drafts that the core `Rule` schema accepts reach the saved
 * condition — a journey or audience is never saved with a rule the server would refuse.
 */
import {
  Rule,
  type Condition,
  type EventConstraint,
  type Operator,
  type RuleValue,
} from '@caravan/core/conditions/condition';
import { assertNever } from '@caravan/core/result';

export type RuleKind = Rule['kind'];
type RuleOf<K extends RuleKind> = Extract<Rule, { kind: K }>;
/** A rule of kind `K` with any of its other fields still missing. */
export type DraftOf<K extends RuleKind> = Partial<RuleOf<K>> & { kind: K };
export type RuleDraft = { [K in RuleKind]: DraftOf<K> }[RuleKind];
export type BuyingGroupAttribute = RuleOf<'buyingGroup'>['attribute'];
export type Lookback = NonNullable<RuleOf<'eventHistory'>['lookback']>;
export type LookbackUnit = Lookback['unit'];

export const ruleKinds: readonly RuleKind[] = [
  'account',
  'person',
  'buyingGroup',
  'listMembership',
  'role',
  'eventHistory',
];

export const buyingGroupAttributes: readonly BuyingGroupAttribute[] = [
  'exists',
  'stage',
  'status',
  'completenessScore',
  'engagementScore',
  'roleCount',
  'memberRole',
];

export const allOperators: readonly Operator[] = [
  'equals',
  'notEquals',
  'in',
  'notIn',
  'contains',
  'startsWith',
  'greaterThan',
  'greaterOrEqual',
  'lessThan',
  'lessOrEqual',
  'between',
  'exists',
  'notExists',
];

const roleOperators: readonly Operator[] = [
  'equals',
  'notEquals',
  'in',
  'notIn',
  'exists',
  'notExists',
];
const numberOperators: readonly Operator[] = [
  'equals',
  'notEquals',
  'in',
  'notIn',
  'greaterThan',
  'greaterOrEqual',
  'lessThan',
  'lessOrEqual',
  'between',
  'exists',
  'notExists',
];

/**
 * The operators an attribute of each type offers, in the order a marketer reads them: text is /
 * is not / is any of / contains / starts with / is empty; numbers = ≠ < > between; dates before /
 * after / between; booleans is. Every type can also ask whether the field is set at all.
 */
export const operatorsByType: Readonly<Record<AttributeKind, readonly Operator[]>> = {
  text: ['equals', 'notEquals', 'in', 'notIn', 'contains', 'startsWith', 'notExists', 'exists'],
  number: [
    'equals',
    'notEquals',
    'lessThan',
    'greaterThan',
    'lessOrEqual',
    'greaterOrEqual',
    'between',
    'notExists',
    'exists',
  ],
  date: ['lessThan', 'greaterThan', 'between', 'equals', 'notExists', 'exists'],
  boolean: ['equals', 'notExists', 'exists'],
};

/** What an operator compares with: nothing, one value, a range of two, or a list. */
export type ValueShape = 'none' | 'one' | 'two' | 'list';

export function valueShape(operator: Operator): ValueShape {
  switch (operator) {
    case 'exists':
    case 'notExists':
      return 'none';
    case 'between':
      return 'two';
    case 'in':
    case 'notIn':
      return 'list';
    case 'equals':
    case 'notEquals':
    case 'contains':
    case 'startsWith':
    case 'greaterThan':
    case 'greaterOrEqual':
    case 'lessThan':
    case 'lessOrEqual':
      return 'one';
    default:
      return assertNever(operator);
  }
}

/**
 * The operators a rule offers; `[]` for kinds without one (list membership, event history). An
 * attribute's operators follow its type when known (`type`), all of them otherwise.
 */
export function operatorsFor(draft: RuleDraft, type?: AttributeKind): readonly Operator[] {
  switch (draft.kind) {
    case 'account':
    case 'person':
      return type === undefined ? allOperators : operatorsByType[type];
    case 'role':
      return roleOperators;
    case 'buyingGroup':
      if (draft.attribute === 'exists') return ['exists', 'notExists'];
      if (draft.attribute === 'roleCount') return numberOperators;
      if (draft.attribute === 'completenessScore' || draft.attribute === 'engagementScore') {
        return numberOperators;
      }
      return allOperators;
    case 'listMembership':
    case 'eventHistory':
      return [];
    default:
      return assertNever(draft);
  }
}

/** A new rule of `kind`, with the defaults a marketer most often wants. */
export function newRule(kind: RuleKind): RuleDraft {
  switch (kind) {
    case 'account':
      return { kind, operator: 'equals' };
    case 'person':
      return { kind, operator: 'equals' };
    case 'buyingGroup':
      return { kind, attribute: 'exists', operator: 'exists' };
    case 'listMembership':
      return { kind, isMember: true };
    case 'role':
      return { kind, operator: 'equals' };
    case 'eventHistory':
      return { kind, constraints: [], minCount: 1, didNotDo: false };
    default:
      return assertNever(kind);
  }
}

type Scalar = string | number | boolean;

function scalars(value: RuleValue | undefined): Scalar[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The value kept in the shape of the new operator, so that switching keeps what was typed. */
export function reshapeValue(
  value: RuleValue | undefined,
  shape: ValueShape,
): RuleValue | undefined {
  const items = scalars(value);
  switch (shape) {
    case 'none':
      return undefined;
    case 'one':
      return items[0];
    case 'two':
      return items.length === 0 ? undefined : [items[0] ?? '', items[1] ?? ''];
    case 'list':
      return items.length === 0 ? undefined : items.filter((item) => item !== '');
    default:
      return assertNever(shape);
  }
}

/** The draft with `operator`, its value reshaped to fit. */
export function withOperator<D extends RuleDraft & { operator?: Operator; value?: RuleValue }>(
  draft: D,
  operator: Operator,
): D {
  const { value, ...rest } = draft;
  const reshaped = reshapeValue(value, valueShape(operator));
  return (
    reshaped === undefined ? { ...rest, operator } : { ...rest, operator, value: reshaped }
  ) as D;
}

/** The draft's value without `value` when it is empty (so that `exists` rules stay clean). */
export function withValue<D extends { value?: RuleValue }>(
  draft: D,
  value: RuleValue | undefined,
): D {
  const { value: _old, ...rest } = draft;
  return (value === undefined ? rest : { ...rest, value }) as D;
}

/** The rule when the draft is complete enough for the core schema, else undefined. */
export function completeRule(draft: RuleDraft): Rule | undefined {
  const parsed = Rule.safeParse(draft);
  return parsed.success ? parsed.data : undefined;
}

export interface ConditionDraft {
  match: Condition['match'];
  rules: RuleDraft[];
  /** A stable React key per rule, so that removing rule 1 does not hand its inputs to rule 2. */
  keys: number[];
}

let lastKey = 0;
/** A key no rule has had yet. */
export function nextRuleKey(): number {
  lastKey += 1;
  return lastKey;
}

export function draftOf(condition: Condition | undefined): ConditionDraft {
  const rules: RuleDraft[] = condition?.rules.map((r) => ({ ...r })) ?? [];
  return { match: condition?.match ?? 'all', rules, keys: rules.map(nextRuleKey) };
}

/** The condition the drafts stand for: their complete rules, in order. */
export function conditionOf(draft: ConditionDraft): Condition {
  return {
    match: draft.match,
    rules: draft.rules.flatMap((rule) => {
      const complete = completeRule(rule);
      return complete ? [complete] : [];
    }),
  };
}

/** What a value input shows for one scalar. */
export function scalarToText(value: Scalar | undefined): string {
  return value === undefined ? '' : String(value);
}

const numberLike = /^-?\d+(\.\d+)?$/;

/**
 * Typed text as a rule value: a clean number becomes a number for numeric attributes (and `true` /
 * `false` a boolean for boolean ones); anything else stays text, which evaluation coerces anyway.
 */
export function textToScalar(text: string, type: AttributeKind): Scalar {
  const trimmed = text.trim();
  if (type === 'number' && numberLike.test(trimmed)) return Number(trimmed);
  if (type === 'boolean' && (trimmed === 'true' || trimmed === 'false')) return trimmed === 'true';
  return text;
}

export type AttributeKind = 'text' | 'number' | 'boolean' | 'date';

/** An attribute a rule can compare: standard or custom, with its type for the value input. */
export interface AttributeOption {
  name: string;
  label: string;
  type: AttributeKind;
  custom: boolean;
}

export const accountStandardTypes: ReadonlyArray<readonly [string, AttributeKind]> = [
  ['name', 'text'],
  ['domain', 'text'],
  ['industry', 'text'],
  ['annualRevenue', 'number'],
  ['employees', 'number'],
  ['city', 'text'],
  ['state', 'text'],
  ['country', 'text'],
  ['sicCode', 'text'],
  ['externalId', 'text'],
];

export const personStandardTypes: ReadonlyArray<readonly [string, AttributeKind]> = [
  ['email', 'text'],
  ['mobilePhone', 'text'],
  ['firstName', 'text'],
  ['lastName', 'text'],
  ['jobTitle', 'text'],
  ['city', 'text'],
  ['country', 'text'],
  ['emailConsent', 'text'],
  ['smsConsent', 'text'],
  ['externalId', 'text'],
];

/** Standard attributes (labelled by `label`) followed by the custom ones of the same entity. */
export function attributeOptions(
  standard: ReadonlyArray<readonly [string, AttributeKind]>,
  custom: readonly { name: string; label: string; type: AttributeKind }[],
  label: (name: string) => string,
): AttributeOption[] {
  const taken = new Set(standard.map(([name]) => name));
  return [
    ...standard.map(([name, type]) => ({ name, label: label(name), type, custom: false })),
    ...custom
      .filter((c) => !taken.has(c.name))
      .map((c) => ({ name: c.name, label: c.label, type: c.type, custom: true })),
  ];
}

/** The type of the value a rule compares, for its input. */
export function ruleValueType(
  draft: RuleDraft,
  attributes: readonly AttributeOption[],
): AttributeKind {
  switch (draft.kind) {
    case 'account':
    case 'person':
      return attributes.find((a) => a.name === draft.attribute)?.type ?? 'text';
    case 'buyingGroup':
      return draft.attribute === 'completenessScore' ||
        draft.attribute === 'engagementScore' ||
        draft.attribute === 'roleCount'
        ? 'number'
        : 'text';
    case 'role':
    case 'listMembership':
    case 'eventHistory':
      return 'text';
    default:
      return assertNever(draft);
  }
}

/**
 * The undo-coalescing key of a condition edit: the condition without its typed values, so that
 * typing a value is one undo step while picking another attribute or operator is a step of its own.
 */
export function conditionShapeKey(condition: Condition): string {
  return JSON.stringify({
    match: condition.match,
    rules: condition.rules.map((rule) => {
      if (rule.kind === 'eventHistory') {
        return { ...rule, constraints: rule.constraints.map(({ values: _v, ...c }) => c) };
      }
      if ('value' in rule) {
        const { value: _value, ...rest } = rule;
        return rest;
      }
      return rule;
    }),
  });
}

/** The constraints whose field is named: what may be saved of those being written. */
export function completeConstraints(drafts: readonly EventConstraint[]): EventConstraint[] {
  return drafts.filter((c) => c.field.trim() !== '');
}
