/** Calls of the custom attribute declarations API (`/attribute-definitions`). */
import type { AttributeDefinition, AttributeEntity } from '@caravan/core/b2b/custom-attribute';
import { request } from './http-client.ts';

export function listAttributeDefinitions(
  entity?: AttributeEntity,
): Promise<{ items: AttributeDefinition[] }> {
  return request('GET', `/attribute-definitions${entity ? `?entity=${entity}` : ''}`);
}
