/** Custom attribute declarations: list, declare, relabel, remove; and checking values against them. */
import type { Clock } from '@caravan/core/clock';
import {
  validateAttributes,
  type AttributeDefinition,
  type AttributeEntity,
  type AttributeValues,
} from '@caravan/core/b2b/custom-attribute';
import { err, ok, type Result } from '@caravan/core/result';
import {
  deleteAttributeDefinition as deleteDefinitionRow,
  insertAttributeDefinition,
  listAttributeDefinitions as listDefinitionRows,
  relabelAttributeDefinition as relabelDefinitionRow,
} from '@caravan/storage/attribute-definition.repository';
import type { Database, Db } from '@caravan/storage/database';
import type { DataError } from './data-error.ts';

export interface DataDeps {
  database: Database;
  clock: Clock;
}

function definitionNotFound(entity: AttributeEntity, name: string): DataError {
  return {
    code: 'ATTRIBUTE_NOT_FOUND',
    message: `The ${entity} attribute "${name}" is not declared.`,
  };
}

export async function listAttributeDefinitions(
  deps: DataDeps,
  entity?: AttributeEntity,
): Promise<AttributeDefinition[]> {
  return listDefinitionRows(deps.database.db, entity);
}

export async function declareAttribute(
  deps: DataDeps,
  definition: AttributeDefinition,
): Promise<Result<AttributeDefinition, DataError>> {
  const result = await insertAttributeDefinition(deps.database.db, {
    ...definition,
    now: deps.clock.now(),
  });
  return result.ok ? result : err({ code: 'ATTRIBUTE_NAME_TAKEN', message: result.error.message });
}

export async function relabelAttribute(
  deps: DataDeps,
  entity: AttributeEntity,
  name: string,
  label: string,
): Promise<Result<AttributeDefinition, DataError>> {
  const result = await relabelDefinitionRow(deps.database.db, entity, name, label);
  return result.ok ? result : err(definitionNotFound(entity, name));
}

export async function removeAttribute(
  deps: DataDeps,
  entity: AttributeEntity,
  name: string,
): Promise<Result<true, DataError>> {
  const deleted = await deleteDefinitionRow(deps.database.db, entity, name);
  return deleted ? ok(true) : err(definitionNotFound(entity, name));
}

/**
 * Checks custom attribute values against the entity's declarations; 422 ATTRIBUTES_INVALID lists
 * every problem at once. Answers the values normalised (dates in canonical form).
 */
export async function checkAttributes(
  db: Db,
  entity: AttributeEntity,
  values: Record<string, unknown> | undefined,
): Promise<Result<AttributeValues | undefined, DataError>> {
  if (values === undefined) return ok(undefined);
  if (Object.keys(values).length === 0) return ok({});
  const checked = validateAttributes(values, await listDefinitionRows(db, entity));
  if (checked.ok) return checked;
  return err({
    code: 'ATTRIBUTES_INVALID',
    message: checked.error.map((p) => p.message).join(' '),
    details: checked.error,
  });
}
