/**
 * Event types that ingested events may have (SPEC §7): a name (the activity type), a label, whether
 * it happens to an account or a person, and the fields its properties carry, for the UI and for
 * event listeners' constraints.
 */
import type { AttributeEntity, AttributeType } from '@caravan/core/b2b/custom-attribute';
import { err, ok, type Result } from '@caravan/core/result';
import { fromJson, toJson, toTimestamp } from './column-types.ts';
import type { Db } from './database.ts';
import type { NameTaken, NotFound } from './unique-name.query.ts';

export interface EventField {
  name: string;
  label: string;
  type: AttributeType;
}

export interface EventType {
  name: string;
  label: string;
  entity: AttributeEntity;
  fields: EventField[];
}

function toEventType(row: {
  name: string;
  label: string;
  entity: string;
  fields: string;
}): EventType {
  return {
    name: row.name,
    label: row.label,
    entity: row.entity as AttributeEntity,
    fields: fromJson(row.fields) as EventField[],
  };
}

export async function insertEventType(
  db: Db,
  e: EventType & { now: Date },
): Promise<Result<EventType, NameTaken>> {
  const inserted = await db
    .insertInto('event_types')
    .values({
      name: e.name,
      label: e.label,
      entity: e.entity,
      fields: toJson(e.fields),
      created_at: toTimestamp(e.now),
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
    return err({ code: 'NAME_TAKEN', message: `The event type "${e.name}" already exists.` });
  }
  return ok({ name: e.name, label: e.label, entity: e.entity, fields: e.fields });
}

export async function findEventType(db: Db, name: string): Promise<EventType | undefined> {
  const row = await db
    .selectFrom('event_types')
    .select(['name', 'label', 'entity', 'fields'])
    .where('name', '=', name)
    .executeTakeFirst();
  return row === undefined ? undefined : toEventType(row);
}

/** Every event type by name. */
export async function listEventTypes(db: Db): Promise<EventType[]> {
  const rows = await db
    .selectFrom('event_types')
    .select(['name', 'label', 'entity', 'fields'])
    .orderBy('name')
    .execute();
  return rows.map(toEventType);
}

export async function updateEventType(
  db: Db,
  name: string,
  patch: { label?: string; fields?: EventField[] },
): Promise<Result<EventType, NotFound>> {
  if (patch.label !== undefined || patch.fields !== undefined) {
    await db
      .updateTable('event_types')
      .set({
        ...(patch.label !== undefined && { label: patch.label }),
        ...(patch.fields !== undefined && { fields: toJson(patch.fields) }),
      })
      .where('name', '=', name)
      .execute();
  }
  const updated = await findEventType(db, name);
  if (updated === undefined) {
    return err({ code: 'NOT_FOUND', message: `The event type "${name}" does not exist.` });
  }
  return ok(updated);
}

/** Removes the type (activities of that type stay); false when there was none. */
export async function deleteEventType(db: Db, name: string): Promise<boolean> {
  const result = await db.deleteFrom('event_types').where('name', '=', name).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
