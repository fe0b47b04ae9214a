/**
 * The one condition language shared by split paths, event filters, audiences and dynamic lists
 * (SPEC §2): `{ match: all | any, rules }` over accounts, people, buying groups, lists, roles and
 * event history. Drafts may hold incomplete rules; validation reports what is missing.
 */
import { z } from 'zod';

export const Operator = z.enum([
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
]);
export type Operator = z.infer<typeof Operator>;

const Scalar = z.union([z.string(), z.number(), z.boolean()]);
export const RuleValue = z.union([Scalar, z.array(Scalar)]);
export type RuleValue = z.infer<typeof RuleValue>;

export const LookbackUnit = z.enum(['hours', 'days', 'weeks', 'months']);

const AccountRule = z.object({
  kind: z.literal('account'),
  attribute: z.string().min(1),
  operator: Operator,
  value: RuleValue.optional(),
});

const PersonRule = z.object({
  kind: z.literal('person'),
  attribute: z.string().min(1),
  operator: Operator,
  value: RuleValue.optional(),
});

const BuyingGroupRule = z.object({
  kind: z.literal('buyingGroup'),
  solutionInterestId: z.string().min(1),
  attribute: z.enum([
    'exists',
    'stage',
    'status',
    'completenessScore',
    'engagementScore',
    'roleCount',
    'memberRole',
  ]),
  /**
   * For `roleCount`: the role whose members are counted. (`memberRole` compares a person's role in
   * the group, missing when not a member: a person-level criterion, "buying-group membership".)
   */
  role: z.string().optional(),
  operator: Operator,
  value: RuleValue.optional(),
});

const ListMembershipRule = z.object({
  kind: z.literal('listMembership'),
  listId: z.string().min(1),
  isMember: z.boolean(),
});

const RoleRule = z.object({
  kind: z.literal('role'),
  operator: z.enum(['equals', 'notEquals', 'in', 'notIn', 'exists', 'notExists']),
  value: RuleValue.optional(),
});

export const EventConstraint = z.object({
  field: z.string().min(1),
  operator: z.enum(['is', 'isNot']),
  values: z.array(Scalar),
});
export type EventConstraint = z.infer<typeof EventConstraint>;

const EventHistoryRule = z.object({
  kind: z.literal('eventHistory'),
  eventType: z.string().min(1),
  constraints: z.array(EventConstraint).default([]),
  lookback: z.object({ amount: z.number().int().positive(), unit: LookbackUnit }).optional(),
  minCount: z.number().int().positive().default(1),
  didNotDo: z.boolean().default(false),
});

export const Rule = z.discriminatedUnion('kind', [
  AccountRule,
  PersonRule,
  BuyingGroupRule,
  ListMembershipRule,
  RoleRule,
  EventHistoryRule,
]);
export type Rule = z.infer<typeof Rule>;

export const Condition = z.object({
  match: z.enum(['all', 'any']),
  rules: z.array(Rule),
});
export type Condition = z.infer<typeof Condition>;
