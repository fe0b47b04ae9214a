/** Calls of the journeys API (common brief, "HTTP API"). */
import type {
  DuplicationType,
  Journey,
  Schedule,
  JourneySettings,
} from '@caravan/core/journey/journey';
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import type { JourneyStatus, UserAction } from '@caravan/core/journey/status';
import type { UserRef } from '@caravan/core/journey/journey';
import { request, type ApiProblem } from './http-client.ts';

/**
 * A journey as the API sends it: SPEC §8 fields, its `version` (bumped by every save) and what
 * the user may do with it now.
 */
export type ApiJourney = Journey & { version: number; allowedActions: UserAction[] };

export type JourneySortField =
  'name' | 'status' | 'createdAt' | 'updatedAt' | 'publishedAt' | 'startAt' | 'endAt';
export interface JourneySort {
  field: JourneySortField;
  direction: 'asc' | 'desc';
}

export interface JourneyPage {
  items: ApiJourney[];
  total: number;
  nextCursor: string | null;
}

export interface StatusChange {
  journeyId: string;
  from: JourneyStatus | null;
  to: JourneyStatus;
  by: UserRef | null;
  at: string;
}

export function listJourneys(q: {
  search: string;
  sort: JourneySort;
  limit: number;
  cursor?: string | null;
}): Promise<JourneyPage> {
  const params = new URLSearchParams({
    sort: `${q.sort.field}:${q.sort.direction}`,
    limit: String(q.limit),
  });
  if (q.search.trim() !== '') params.set('search', q.search.trim());
  if (q.cursor) params.set('cursor', q.cursor);
  return request('GET', `/journeys?${params.toString()}`);
}

export function getJourney(id: string): Promise<ApiJourney> {
  return request('GET', `/journeys/${encodeURIComponent(id)}`);
}

export function createJourney(body: { name: string; description?: string }): Promise<ApiJourney> {
  return request('POST', '/journeys', body);
}

export interface JourneyEdit {
  name?: string;
  description?: string;
  definition?: JourneyDefinition;
  schedule?: Schedule;
  settings?: JourneySettings;
}

/** A journey this tab edits on its map: the version it last saw and its queue of saves. */
interface EditSession {
  version: number;
  queue: Promise<unknown>;
}

const editSessions = new Map<string, EditSession>();

/**
 * From now on every `updateJourney` of this journey (autosave, the title's rename) names the
 * version this tab last saw, one request at a time, so that a save never overwrites what another
 * tab saved meanwhile (409 `JOURNEY_VERSION_CONFLICT` instead) and this tab's own saves never
 * conflict with each other. Returns the function that ends the session.
 */
export function startEditSession(id: string, loadedVersion: number): () => void {
  const session: EditSession = { version: loadedVersion, queue: Promise.resolve() };
  editSessions.set(id, session);
  return () => {
    if (editSessions.get(id) === session) editSessions.delete(id);
  };
}

export function updateJourney(id: string, patch: JourneyEdit): Promise<ApiJourney> {
  const path = `/journeys/${encodeURIComponent(id)}`;
  const session = editSessions.get(id);
  if (!session) return request('PATCH', path, patch);
  // The version is read when the request's turn comes, after the previous save has answered.
  const saved = session.queue.then(() =>
    request<ApiJourney>('PATCH', path, { ...patch, version: session.version }),
  );
  session.queue = saved.then(
    (journey) => {
      session.version = journey.version;
    },
    () => {},
  );
  return saved;
}

/** The lifecycle actions that are a bare POST on the journey. */
export type LifecycleAction = 'publish' | 'close' | 'abort';

export function runLifecycleAction(id: string, action: LifecycleAction): Promise<ApiJourney> {
  return request('POST', `/journeys/${encodeURIComponent(id)}/${action}`);
}

export function deleteJourney(id: string): Promise<void> {
  return request('DELETE', `/journeys/${encodeURIComponent(id)}`);
}

export function duplicateJourney(
  id: string,
  body: { name: string; description: string; type: DuplicationType },
): Promise<ApiJourney> {
  return request('POST', `/journeys/${encodeURIComponent(id)}/duplicate`, body);
}

export function validateJourney(id: string): Promise<{ valid: boolean; problems: ApiProblem[] }> {
  return request('POST', `/journeys/${encodeURIComponent(id)}/validate`);
}

export function listStatusChanges(id: string): Promise<{ items: StatusChange[] }> {
  return request('GET', `/journeys/${encodeURIComponent(id)}/history`);
}
