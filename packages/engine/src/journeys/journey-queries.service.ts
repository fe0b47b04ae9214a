/** Reading journeys: one journey, the filtered and sorted list, validation and history. */
import type { OutboundPolicy } from '../outbox/outbound-policy.ts';
import type { Clock } from '@caravan/core/clock';
import type { Journey } from '@caravan/core/journey/journey';
import type { JourneyStatus } from '@caravan/core/journey/status';
import {
  hasBlockingProblems,
  validateJourney as validateJourneyRules,
  type Problem,
} from '@caravan/core/journey/validation';
import { err, ok, type Result } from '@caravan/core/result';
import type { Database, Db } from '@caravan/storage/database';
import type { StoredJourney } from '@caravan/storage/journey.mapper';
import {
  findJourney,
  isJourneyNameTaken,
  listJourneys as listJourneyRows,
  listStatusChanges,
  type JourneySortField,
  type StatusChange,
} from '@caravan/storage/journey.repository';
import { resolveReferences } from './journey-references.ts';
import { journeyNotFound, type ServiceError } from './service-error.ts';

export interface EngineDeps {
  database: Database;
  clock: Clock;
  /** Where webhooks may go (CARAVAN_OUTBOUND_ALLOW); nothing internal when not given. */
  outbound?: OutboundPolicy;
}

export async function getJourney(
  deps: EngineDeps,
  id: string,
): Promise<Result<StoredJourney, ServiceError>> {
  const journey = await findJourney(deps.database.db, id);
  return journey ? ok(journey) : err(journeyNotFound(id));
}

export interface JourneySort {
  field: JourneySortField;
  direction: 'asc' | 'desc';
}

export interface JourneyListQuery {
  search?: string;
  statuses?: JourneyStatus[];
  sort?: JourneySort;
  limit?: number;
  /** Opaque; from the previous page's `nextCursor`. */
  cursor?: string;
}

export interface JourneyPage {
  items: StoredJourney[];
  total: number;
  nextCursor: string | null;
}

export const defaultJourneySort: JourneySort = { field: 'updatedAt', direction: 'desc' };
export const defaultPageSize = 50;

/** What a cursor remembers: where the next page starts and the query it belongs to. */
interface CursorState {
  offset: number;
  sort: JourneySort;
  search: string;
  statuses: JourneyStatus[];
}

function queryKey(state: Omit<CursorState, 'offset'>): string {
  return JSON.stringify([state.sort.field, state.sort.direction, state.search, state.statuses]);
}

function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): CursorState | undefined {
  try {
    const state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorState;
    const validOffset = Number.isSafeInteger(state.offset) && state.offset >= 0;
    return validOffset && state.sort && Array.isArray(state.statuses) ? state : undefined;
  } catch {
    return undefined;
  }
}

const invalidCursor: ServiceError = {
  code: 'INVALID_CURSOR',
  message: 'The cursor is malformed or belongs to another search, filter or sort.',
};

/** A page of journeys; a cursor is only valid with the same search, statuses and sort. */
export async function listJourneys(
  deps: EngineDeps,
  query: JourneyListQuery,
): Promise<Result<JourneyPage, ServiceError>> {
  const wanted = {
    sort: query.sort ?? defaultJourneySort,
    search: query.search?.trim() ?? '',
    statuses: [...new Set(query.statuses ?? [])].sort(),
  };
  let offset = 0;
  if (query.cursor !== undefined && query.cursor !== '') {
    const state = decodeCursor(query.cursor);
    if (!state || queryKey(state) !== queryKey(wanted)) return err(invalidCursor);
    offset = state.offset;
  }
  const limit = query.limit ?? defaultPageSize;
  const { items, total } = await listJourneyRows(deps.database.db, {
    ...(wanted.search ? { search: wanted.search } : {}),
    ...(wanted.statuses.length > 0 ? { statuses: wanted.statuses } : {}),
    sort: wanted.sort,
    limit,
    offset,
  });
  const next = offset + items.length;
  const nextCursor =
    items.length > 0 && next < total ? encodeCursor({ ...wanted, offset: next }) : null;
  return ok({ items, total, nextCursor });
}

export interface ValidationReport {
  valid: boolean;
  problems: Problem[];
}

/** Every problem of a stored journey, with its references resolved from storage. */
export async function checkJourney(db: Db, journey: Journey, now: Date): Promise<Problem[]> {
  const references = await resolveReferences(db, journey.definition);
  const nameTaken = await isJourneyNameTaken(db, journey.name, journey.id);
  return validateJourneyRules(journey, { now, references, nameTaken, selfId: journey.id });
}

export async function validateJourney(
  deps: EngineDeps,
  id: string,
): Promise<Result<ValidationReport, ServiceError>> {
  const journey = await findJourney(deps.database.db, id);
  if (!journey) return err(journeyNotFound(id));
  const problems = await checkJourney(deps.database.db, journey, deps.clock.now());
  return ok({ valid: !hasBlockingProblems(problems), problems });
}

export async function journeyHistory(
  deps: EngineDeps,
  id: string,
): Promise<Result<StatusChange[], ServiceError>> {
  const journey = await findJourney(deps.database.db, id);
  if (!journey) return err(journeyNotFound(id));
  return ok(await listStatusChanges(deps.database.db, id));
}
