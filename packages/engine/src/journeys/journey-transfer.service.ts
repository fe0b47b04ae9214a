/**
 * Journeys as code: a journey's portable part (name, description, definition, schedule,
 * settings) as a versioned JSON file, and back into a new draft. Ids, audit fields and status
 * stay behind, so a file imports into any installation as a fresh draft.
 */
import { JourneyDefinition } from '@caravan/core/journey/definition';
import {
  JourneyDescription,
  JourneyName,
  JourneySettings,
  Schedule,
  type Journey,
} from '@caravan/core/journey/journey';
import {
  uncheckedReferences,
  validateJourney,
  type Problem,
} from '@caravan/core/journey/validation';
import { err, ok, type Result } from '@caravan/core/result';
import { findJourney } from '@caravan/storage/journey.repository';
import { z } from 'zod';
import { createJourney } from './journey-commands.service.ts';
import type { EngineDeps } from './journey-queries.service.ts';
import { journeyNotFound, type ServiceError } from './service-error.ts';

export const journeyFileFormat = 'caravan.journey';
export const journeyFileVersion = 1;

/** The file a journey exports to and imports from (the API body and the CLI file alike). */
export const JourneyFile = z.object({
  format: z.literal(journeyFileFormat),
  version: z.literal(journeyFileVersion),
  name: JourneyName,
  description: JourneyDescription,
  definition: JourneyDefinition,
  schedule: Schedule,
  settings: JourneySettings,
});
export type JourneyFile = z.infer<typeof JourneyFile>;

/** The portable part of a journey. */
export function toJourneyFile(journey: Journey): JourneyFile {
  return {
    format: journeyFileFormat,
    version: journeyFileVersion,
    name: journey.name,
    description: journey.description,
    definition: journey.definition,
    schedule: journey.schedule,
    settings: journey.settings,
  };
}

/** An ASCII file name for a download: `Q1 Nurture (EU)` → `q1-nurture-eu.journey.json`. */
export function journeyFileName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return `${slug || 'journey'}.journey.json`;
}

export async function exportJourney(
  deps: Pick<EngineDeps, 'database'>,
  id: string,
): Promise<Result<JourneyFile, ServiceError>> {
  const journey = await findJourney(deps.database.db, id);
  return journey ? ok(toJourneyFile(journey)) : err(journeyNotFound(id));
}

/** A new draft from a file; `name` overrides the file's name (to import a copy beside it). */
export function importJourney(
  deps: EngineDeps,
  actorId: string,
  file: JourneyFile,
  name?: string,
): Promise<Result<Journey, ServiceError>> {
  return createJourney(deps, actorId, {
    name: name ?? file.name,
    description: file.description,
    definition: file.definition,
    schedule: file.schedule,
    settings: file.settings,
  });
}

export interface JourneyFileIssue {
  /** Dotted path of the offending field, e.g. `definition.nodes.1.type`; '' for the root. */
  path: string;
  message: string;
}

export interface JourneyFileError {
  code: 'JOURNEY_FILE_INVALID';
  message: string;
  issues: JourneyFileIssue[];
}

function fileError(issues: JourneyFileIssue[]): JourneyFileError {
  const first = issues[0];
  const where = first ? `${first.path || '(file)'}: ${first.message}` : 'unknown problem';
  return { code: 'JOURNEY_FILE_INVALID', message: `Not a Caravan journey file: ${where}`, issues };
}

/** Parses a file's text: not JSON, or JSON that does not match the format, is an error value. */
export function parseJourneyFile(text: string): Result<JourneyFile, JourneyFileError> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return err(fileError([{ path: '', message: `invalid JSON (${(error as Error).message})` }]));
  }
  const parsed = JourneyFile.safeParse(json);
  if (parsed.success) return ok(parsed.data);
  return err(
    fileError(
      parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      })),
    ),
  );
}

/**
 * The same core validation publish runs, without a database: references are unchecked and the
 * name is not compared with stored journeys.
 */
export function checkJourneyFile(file: JourneyFile, now: Date): Problem[] {
  return validateJourney(file, { now, references: uncheckedReferences, nameTaken: false });
}
