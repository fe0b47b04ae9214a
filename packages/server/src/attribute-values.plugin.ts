/**
 * `/attribute-values`: the values an account or person attribute takes in the data, most frequent
 * first, limited and searchable — the suggestions of a condition's value input.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AttributeEntity, AttributeName } from '@caravan/core/b2b/custom-attribute';
import { attributeValues } from '@caravan/engine/data/attribute-values.service';
import { sendDataError } from './b2b.schemas.ts';
import { errorResponses } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';

const Query = z.object({
  entity: AttributeEntity,
  attribute: AttributeName,
  search: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const ValueCount = z.object({
  value: z.union([z.string(), z.number(), z.boolean()]),
  count: z.number().int(),
});

export const attributeValuesPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  app.get('/attribute-values', {
    schema: {
      tags: ['attribute-definitions'],
      summary: 'The values an attribute takes in the data, most frequent first',
      querystring: Query,
      response: {
        200: z.object({ items: z.array(ValueCount) }),
        ...errorResponses('UNAUTHENTICATED', 'VALIDATION_FAILED', 'ATTRIBUTE_NOT_FOUND'),
      },
    },
    handler: async (request, reply) => {
      const found = await attributeValues(deps, request.query);
      if (!found.ok) return sendDataError(reply, found.error);
      return { items: found.value };
    },
  });
};
