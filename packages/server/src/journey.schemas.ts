/** Request and response schemas of the journeys resource (they feed validation and OpenAPI). */
import { JourneyDefinition } from '@caravan/core/journey/definition';
import {
  DuplicationType,
  Journey,
  JourneyDescription,
  JourneyName,
  JourneySettings,
  Schedule,
  UserRef,
} from '@caravan/core/journey/journey';
import { allowedActions, JourneyStatus, UserAction } from '@caravan/core/journey/status';
import { z } from 'zod';

export const JourneyResponse = Journey.extend({
  /** Bumped by every save; send it back with a PATCH to edit only what you loaded. */
  version: z.number().int().min(1),
  /** Exactly the actions the status allows, so clients need not copy the lifecycle table. */
  allowedActions: z.array(UserAction),
});
export type JourneyResponse = z.infer<typeof JourneyResponse>;

/**
 * Takes `version` as optional only because core's `Journey` lacks it and some services still
 * declare that type; every journey read from storage has one.
 */
export function toJourneyResponse(journey: Journey & { version?: number }): JourneyResponse {
  if (journey.version === undefined) throw new Error(`Journey ${journey.id} has no version.`);
  return {
    ...journey,
    version: journey.version,
    allowedActions: [...allowedActions(journey.status)],
  };
}

export const JourneyParams = z.object({ id: z.uuid() });

export const CreateJourneyBody = z.object({
  name: JourneyName,
  description: JourneyDescription.optional(),
  definition: JourneyDefinition.optional(),
  schedule: Schedule.optional(),
  settings: JourneySettings.optional(),
});

export const PatchJourneyBody = CreateJourneyBody.partial().extend({
  version: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe(
      'The version you edit (from the journey you loaded or last saved); when the journey is at ' +
        'another version nothing changes and the answer is 409 JOURNEY_VERSION_CONFLICT',
    ),
});

export const DuplicateJourneyBody = z.object({
  name: JourneyName.optional(),
  description: JourneyDescription.optional(),
  type: DuplicationType,
});

const statusList = new RegExp(
  `^(${JourneyStatus.options.join('|')})(,(${JourneyStatus.options.join('|')}))*$`,
);
const sortFields = [
  'name',
  'status',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'startAt',
  'endAt',
] as const;
const sortPattern = new RegExp(`^(${sortFields.join('|')}):(asc|desc)$`);

export const ListJourneysQuery = z.object({
  search: z.string().max(255).optional(),
  status: z
    .string()
    .regex(statusList, `comma-separated statuses among ${JourneyStatus.options.join(', ')}`)
    .optional()
    .describe('Comma-separated statuses, e.g. live,closed'),
  sort: z
    .string()
    .regex(sortPattern, `<field>:<asc|desc> with field among ${sortFields.join(', ')}`)
    .optional()
    .describe('e.g. name:asc; default updatedAt:desc'),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(2000).optional(),
});
export type ListJourneysQuery = z.infer<typeof ListJourneysQuery>;

export const JourneyPageResponse = z.object({
  items: z.array(JourneyResponse),
  total: z.number().int(),
  nextCursor: z.string().nullable(),
});

export const ProblemResponse = z.object({
  code: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
  nodeId: z.string().optional(),
  pathId: z.string().optional(),
});

export const ValidationResponse = z.object({
  valid: z.boolean(),
  problems: z.array(ProblemResponse),
});

export const HistoryResponse = z.object({
  items: z.array(
    z.object({
      journeyId: z.string(),
      from: JourneyStatus.nullable(),
      to: JourneyStatus,
      by: UserRef.nullable(),
      at: z.string(),
    }),
  ),
});
