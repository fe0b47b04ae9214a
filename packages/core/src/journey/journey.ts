/** A journey as the API shows it (SPEC §8), its schedule and its settings. */
import { z } from 'zod';
import { JourneyDefinition } from './definition.ts';
import { JourneyStatus } from './status.ts';

/** SPEC §1: a journey name is required and at most 255 characters. */
export const maxJourneyNameLength = 255;

export const JourneyName = z
  .string()
  .trim()
  .min(1, 'name is required')
  .max(maxJourneyNameLength, `name must be at most ${maxJourneyNameLength} characters`);

export const JourneyDescription = z.string().max(2000);

export const Schedule = z.object({
  start: z.union([z.literal('immediately'), z.iso.datetime({ offset: true })]),
  end: z.iso.datetime({ offset: true }).nullable(),
  /** IANA time zone the map shows dates in; timing math uses the node's own zone. */
  timeZone: z.string().optional(),
});
export type Schedule = z.infer<typeof Schedule>;

export const ReEntry = z.object({
  enabled: z.boolean(),
  entryLimit: z.number().int().positive().optional(),
  delay: z
    .object({ amount: z.number().int().nonnegative(), unit: z.enum(['hours', 'days']) })
    .optional(),
  measuredFrom: z.enum(['start', 'end']).optional(),
});

export const MyToken = z.object({
  name: z.string().min(1).max(100),
  type: z.enum(['text', 'number']),
  value: z.union([z.string(), z.number()]),
});

export const JourneySettings = z.object({
  reEntry: ReEntry,
  emailDeduplication: z.boolean(),
  myTokens: z.array(MyToken),
});
export type JourneySettings = z.infer<typeof JourneySettings>;

export function defaultSettings(): JourneySettings {
  return { reEntry: { enabled: false }, emailDeduplication: false, myTokens: [] };
}

export function defaultSchedule(): Schedule {
  return { start: 'immediately', end: null };
}

export const UserRef = z.object({ id: z.string(), name: z.string(), email: z.string() });
export type UserRef = z.infer<typeof UserRef>;

export const Journey = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  status: JourneyStatus,
  definition: JourneyDefinition,
  schedule: Schedule,
  settings: JourneySettings,
  createdAt: z.string(),
  createdBy: UserRef.nullable(),
  updatedAt: z.string(),
  updatedBy: UserRef.nullable(),
  publishedAt: z.string().nullable(),
  publishedBy: UserRef.nullable(),
});
export type Journey = z.infer<typeof Journey>;

export const DuplicationType = z.enum(['partial', 'skeleton']);
export type DuplicationType = z.infer<typeof DuplicationType>;
