/**
 * The journey definition: a graph of nodes and edges (SPEC §2). Node kinds form a discriminated
 * union on `type`; every `settings` field is optional so that a draft can be saved half-made —
 * `validation.ts` says what is still missing before publish.
 */
import { z } from 'zod';
import { Condition, EventConstraint } from '../conditions/condition.ts';

export const Id = z.string().min(1).max(100);

export const DurationUnit = z.enum(['minutes', 'hours', 'days', 'weeks', 'months']);
export type DurationUnit = z.infer<typeof DurationUnit>;

export const Duration = z.object({
  amount: z.number().int().positive(),
  unit: DurationUnit,
});
export type Duration = z.infer<typeof Duration>;

export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;

/** "Must end on": the exit moves to the next allowed weekday and/or time of day. */
export const MustEndOn = z.object({
  weekdays: z.array(Weekday).optional(),
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time must be HH:MM (24 h)')
    .optional(),
  timeZone: z.string().optional(),
});
export type MustEndOn = z.infer<typeof MustEndOn>;

/** A wait or a listener timeout: a duration or a date, optionally aligned by must-end-on. */
export const Timing = z.object({
  duration: Duration.optional(),
  date: z.iso.datetime({ offset: true }).optional(),
  mustEndOn: MustEndOn.optional(),
});
export type Timing = z.infer<typeof Timing>;

export const Audience = z.enum(['accounts', 'people']);
export type Audience = z.infer<typeof Audience>;

/** Email content authored inside the journey (dropped by partial duplication). */
export const AuthoredEmail = z.object({
  subject: z.string().optional(),
  fromName: z.string().optional(),
  fromEmail: z.string().optional(),
  replyTo: z.string().optional(),
  preheader: z.string().optional(),
  html: z.string().optional(),
  text: z.string().optional(),
});
export type AuthoredEmail = z.infer<typeof AuthoredEmail>;

/** SMS content authored inside the journey (dropped by partial duplication). */
export const AuthoredSms = z.object({ message: z.string().optional() });
export type AuthoredSms = z.infer<typeof AuthoredSms>;

const Webhook = z.object({
  type: z.literal('webhook'),
  url: z.string().optional(),
  method: z.enum(['POST', 'PUT']).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string().optional(),
});

const InterestingMoment = z.object({
  type: z.literal('interestingMoment'),
  momentType: z.enum(['email', 'milestone', 'web']).optional(),
  description: z.string().optional(),
});

export const AccountAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('addToJourney'), journeyId: Id.optional() }),
  z.object({ type: z.literal('removeFromJourney'), journeyId: Id.optional() }),
  z.object({ type: z.literal('addToAccountList'), listId: Id.optional() }),
  z.object({ type: z.literal('removeFromAccountList'), listId: Id.optional() }),
  z.object({
    type: z.literal('sendSalesAlert'),
    solutionInterestId: Id.optional(),
    to: z.array(z.string()).optional(),
  }),
  z.object({
    type: z.literal('updateAccount'),
    attribute: z.string().optional(),
    value: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
  }),
  z.object({
    type: z.literal('updateBuyingGroupStage'),
    solutionInterestId: Id.optional(),
    stage: z.string().optional(),
  }),
  z.object({
    type: z.literal('updateBuyingGroupStatus'),
    solutionInterestId: Id.optional(),
    status: z.string().optional(),
  }),
  InterestingMoment,
  Webhook,
]);
export type AccountAction = z.infer<typeof AccountAction>;

export const PeopleAction = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('sendEmail'),
    /** An email of the content library (kept by partial duplication)… */
    emailId: Id.optional(),
    /** …or one authored inside this journey (dropped by partial duplication). */
    content: AuthoredEmail.optional(),
  }),
  z.object({
    type: z.literal('sendSms'),
    smsId: Id.optional(),
    content: AuthoredSms.optional(),
  }),
  z.object({
    type: z.literal('assignToBuyingGroup'),
    solutionInterestId: Id.optional(),
    role: z.string().optional(),
  }),
  z.object({ type: z.literal('removeFromBuyingGroup'), solutionInterestId: Id.optional() }),
  z.object({
    type: z.literal('updatePerson'),
    attribute: z.string().optional(),
    value: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
  }),
  InterestingMoment,
  Webhook,
]);
export type PeopleAction = z.infer<typeof PeopleAction>;

export const SplitPath = z.object({
  id: Id,
  label: z.string().max(100),
  condition: Condition.optional(),
});
export type SplitPath = z.infer<typeof SplitPath>;

export const VariantPath = z.object({
  id: Id,
  label: z.string().max(100),
  percent: z.number().int().optional(),
});
export type VariantPath = z.infer<typeof VariantPath>;

export const AudienceNode = z.object({
  id: Id,
  type: z.literal('audience'),
  settings: z.object({
    source: z.enum(['audience', 'accountList']).optional(),
    sourceId: Id.optional(),
  }),
});

export const ActionNode = z.object({
  id: Id,
  type: z.literal('action'),
  settings: z.union([
    z.object({ on: z.literal('accounts'), action: AccountAction.optional() }),
    z.object({ on: z.literal('people'), action: PeopleAction.optional() }),
    z.object({ on: z.undefined().optional(), action: z.undefined().optional() }),
  ]),
});

export const EventNode = z.object({
  id: Id,
  type: z.literal('event'),
  settings: z.object({
    on: Audience.optional(),
    event: z.string().optional(),
    constraints: z.array(EventConstraint).optional(),
    /** People events only: which people of the account count. */
    peopleFilter: Condition.optional(),
    timeout: Timing.optional(),
    /** When off, an account that times out completes instead of taking `timeout`. */
    timeoutPath: z.boolean().optional(),
  }),
});

export const SplitNode = z.object({
  id: Id,
  type: z.literal('split'),
  settings: z.object({
    by: Audience.optional(),
    paths: z.array(SplitPath),
    otherPath: z.boolean().optional(),
  }),
});

export const VariantSplitNode = z.object({
  id: Id,
  type: z.literal('variantSplit'),
  settings: z.object({
    by: Audience.optional(),
    paths: z.array(VariantPath),
  }),
});

export const MergeNode = z.object({
  id: Id,
  type: z.literal('merge'),
  settings: z.object({}),
});

export const WaitNode = z.object({
  id: Id,
  type: z.literal('wait'),
  settings: Timing,
});

export const ExternalActionNode = z.object({
  id: Id,
  type: z.literal('externalAction'),
  settings: z.object({
    serviceId: Id.optional(),
    on: Audience.optional(),
    /** Values sent to the service with the account/people context. */
    inputs: z.record(z.string(), z.string()).optional(),
  }),
});

export const ExternalSplitNode = z.object({
  id: Id,
  type: z.literal('externalSplit'),
  settings: z.object({
    serviceId: Id.optional(),
    on: Audience.optional(),
    inputs: z.record(z.string(), z.string()).optional(),
    paths: z.array(SplitPath),
    otherPath: z.boolean().optional(),
  }),
});

export const JourneyNode = z.discriminatedUnion('type', [
  AudienceNode,
  ActionNode,
  EventNode,
  SplitNode,
  VariantSplitNode,
  MergeNode,
  WaitNode,
  ExternalActionNode,
  ExternalSplitNode,
]);
export type JourneyNode = z.infer<typeof JourneyNode>;
export type NodeType = JourneyNode['type'];
export type NodeOfType<T extends NodeType> = Extract<JourneyNode, { type: T }>;

export const nodeTypes: readonly NodeType[] = JourneyNode.options.map((o) => o.shape.type.value);

/** `port` names the path of `from` the edge leaves by: `next` for single-path nodes. */
export const Edge = z.object({ from: Id, port: z.string().min(1), to: Id });
export type Edge = z.infer<typeof Edge>;

export const JourneyDefinition = z.object({
  nodes: z.array(JourneyNode).max(1000),
  edges: z.array(Edge).max(5000),
});
export type JourneyDefinition = z.infer<typeof JourneyDefinition>;

/** Fixed port names besides split path ids. */
export { Ports } from './ports.ts';

/** The default wait of a new Wait node and of every wait after skeleton duplication. */
export const defaultWait: Duration = { amount: 5, unit: 'days' };

/** A new journey's definition holds one audience node. */
export function newDefinition(): JourneyDefinition {
  return { nodes: [{ id: 'audience', type: 'audience', settings: {} }], edges: [] };
}
