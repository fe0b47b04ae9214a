/**
 * The values an attribute takes in the data, for the suggestions of a condition's value input: a
 * standard field or a declared custom attribute (an undeclared name answers ATTRIBUTE_NOT_FOUND).
 */
import type { AttributeEntity } from '@caravan/core/b2b/custom-attribute';
import { err, ok, type Result } from '@caravan/core/result';
import { listAttributeDefinitions } from '@caravan/storage/attribute-definition.repository';
import {
  distinctAttributeValues,
  isStandardAttribute,
  type AttributeValueCount,
} from '@caravan/storage/attribute-values.repository';
import type { DataDeps } from './attribute-definitions.service.ts';
import type { DataError } from './data-error.ts';

export async function attributeValues(
  deps: DataDeps,
  query: { entity: AttributeEntity; attribute: string; search?: string; limit: number },
): Promise<Result<AttributeValueCount[], DataError>> {
  const db = deps.database.db;
  if (!isStandardAttribute(query.entity, query.attribute)) {
    const declared = await listAttributeDefinitions(db, query.entity);
    if (!declared.some((d) => d.name === query.attribute)) {
      return err({
        code: 'ATTRIBUTE_NOT_FOUND',
        message: `The ${query.entity} attribute "${query.attribute}" is neither a standard field nor declared.`,
      });
    }
  }
  return ok(await distinctAttributeValues(db, query));
}
