/** Custom attribute declarations (core `AttributeDefinition`), one per (entity, name). */
import type {
  AttributeDefinition,
  AttributeEntity,
  AttributeType,
} from '@caravan/core/b2b/custom-attribute';
import { err, ok, type Result } from '@caravan/core/result';
import { toTimestamp } from './column-types.ts';
import type { Db } from './database.ts';
import type { NameTaken, NotFound } from './unique-name.query.ts';

function toDefinition(row: {
  entity: string;
  name: string;
  label: string;
  type: string;
}): AttributeDefinition {
  return {
    entity: row.entity as AttributeEntity,
    name: row.name,
    label: row.label,
    type: row.type as AttributeType,
  };
}

/** Declares an attribute; NAME_TAKEN when the entity already has one of that name. */
export async function insertAttributeDefinition(
  db: Db,
  d: AttributeDefinition & { now: Date },
): Promise<Result<AttributeDefinition, NameTaken>> {
  const inserted = await db
    .insertInto('attribute_definitions')
    .values({
      entity: d.entity,
      name: d.name,
      label: d.label,
      type: d.type,
      created_at: toTimestamp(d.now),
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
    return err({
      code: 'NAME_TAKEN',
      message: `The ${d.entity} attribute "${d.name}" is already declared.`,
    });
  }
  return ok({ entity: d.entity, name: d.name, label: d.label, type: d.type });
}

/** Every declaration (of one entity, or all), by entity then name. */
export async function listAttributeDefinitions(
  db: Db,
  entity?: AttributeEntity,
): Promise<AttributeDefinition[]> {
  let query = db.selectFrom('attribute_definitions').select(['entity', 'name', 'label', 'type']);
  if (entity !== undefined) query = query.where('entity', '=', entity);
  const rows = await query.orderBy('entity').orderBy('name').execute();
  return rows.map(toDefinition);
}

/** Changes the label only: changing the type would invalidate stored values. */
export async function relabelAttributeDefinition(
  db: Db,
  entity: AttributeEntity,
  name: string,
  label: string,
): Promise<Result<AttributeDefinition, NotFound>> {
  const row = await db
    .updateTable('attribute_definitions')
    .set({ label })
    .where('entity', '=', entity)
    .where('name', '=', name)
    .returning(['entity', 'name', 'label', 'type'])
    .executeTakeFirst();
  if (row === undefined) {
    return err({
      code: 'NOT_FOUND',
      message: `The ${entity} attribute "${name}" is not declared.`,
    });
  }
  return ok(toDefinition(row));
}

/** Removes the declaration (stored values stay until overwritten); false when there was none. */
export async function deleteAttributeDefinition(
  db: Db,
  entity: AttributeEntity,
  name: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('attribute_definitions')
    .where('entity', '=', entity)
    .where('name', '=', name)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
