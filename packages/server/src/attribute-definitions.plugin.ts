/** `/attribute-definitions`: the custom attributes of accounts and people (list, declare, relabel, remove). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AttributeDefinition,
  AttributeEntity,
  AttributeName,
} from '@caravan/core/b2b/custom-attribute';
import {
  declareAttribute,
  listAttributeDefinitions,
  relabelAttribute,
  removeAttribute,
} from '@caravan/engine/data/attribute-definitions.service';
import { Deleted, sendDataError } from './b2b.schemas.ts';
import { errorResponses } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';

const tags = ['attribute-definitions'];
const common = errorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED');
const DefinitionParams = z.object({ entity: AttributeEntity, name: AttributeName });

export const attributeDefinitionsPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  app.get('/attribute-definitions', {
    schema: {
      tags,
      summary: 'Declared custom attributes, by entity then name',
      querystring: z.object({ entity: AttributeEntity.optional() }),
      response: { 200: z.object({ items: z.array(AttributeDefinition) }), ...common },
    },
    handler: async (request) => ({
      items: await listAttributeDefinitions(deps, request.query.entity),
    }),
  });

  app.post('/attribute-definitions', {
    schema: {
      tags,
      summary: 'Declare a custom attribute of accounts or people (its type cannot change later)',
      body: AttributeDefinition,
      response: { 201: AttributeDefinition, ...common, ...errorResponses('ATTRIBUTE_NAME_TAKEN') },
    },
    handler: async (request, reply) => {
      const declared = await declareAttribute(deps, request.body);
      return declared.ok
        ? reply.code(201).send(declared.value)
        : sendDataError(reply, declared.error);
    },
  });

  app.patch('/attribute-definitions/:entity/:name', {
    schema: {
      tags,
      summary: 'Relabel a custom attribute',
      params: DefinitionParams,
      body: AttributeDefinition.pick({ label: true }),
      response: { 200: AttributeDefinition, ...common, ...errorResponses('ATTRIBUTE_NOT_FOUND') },
    },
    handler: async (request, reply) => {
      const { entity, name } = request.params;
      const relabelled = await relabelAttribute(deps, entity, name, request.body.label);
      return relabelled.ok ? relabelled.value : sendDataError(reply, relabelled.error);
    },
  });

  app.delete('/attribute-definitions/:entity/:name', {
    schema: {
      tags,
      summary: 'Remove a declaration (stored values stay until overwritten)',
      params: DefinitionParams,
      response: { 204: Deleted, ...common, ...errorResponses('ATTRIBUTE_NOT_FOUND') },
    },
    handler: async (request, reply) => {
      const { entity, name } = request.params;
      const removed = await removeAttribute(deps, entity, name);
      return removed.ok ? reply.code(204).send() : sendDataError(reply, removed.error);
    },
  });
};
