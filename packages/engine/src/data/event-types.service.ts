/** Event types: the names, labels, entity and fields of events that ingestion accepts. */
import { err, ok, type Result } from '@caravan/core/result';
import {
  deleteEventType,
  findEventType,
  insertEventType,
  listEventTypes as listEventTypeRows,
  updateEventType,
  type EventField,
  type EventType,
} from '@caravan/storage/event-type.repository';
import type { DataDeps } from './attribute-definitions.service.ts';
import type { DataError } from './data-error.ts';

function eventTypeNotFound(name: string): DataError {
  return { code: 'EVENT_TYPE_NOT_FOUND', message: `The event type "${name}" does not exist.` };
}

export async function listEventTypes(deps: DataDeps): Promise<EventType[]> {
  return listEventTypeRows(deps.database.db);
}

export async function getEventType(
  deps: DataDeps,
  name: string,
): Promise<Result<EventType, DataError>> {
  const found = await findEventType(deps.database.db, name);
  return found ? ok(found) : err(eventTypeNotFound(name));
}

export async function createEventType(
  deps: DataDeps,
  eventType: EventType,
): Promise<Result<EventType, DataError>> {
  const result = await insertEventType(deps.database.db, { ...eventType, now: deps.clock.now() });
  return result.ok ? result : err({ code: 'EVENT_TYPE_NAME_TAKEN', message: result.error.message });
}

export async function changeEventType(
  deps: DataDeps,
  name: string,
  patch: { label?: string; fields?: EventField[] },
): Promise<Result<EventType, DataError>> {
  const result = await updateEventType(deps.database.db, name, patch);
  return result.ok ? result : err(eventTypeNotFound(name));
}

export async function removeEventType(
  deps: DataDeps,
  name: string,
): Promise<Result<true, DataError>> {
  return (await deleteEventType(deps.database.db, name)) ? ok(true) : err(eventTypeNotFound(name));
}
