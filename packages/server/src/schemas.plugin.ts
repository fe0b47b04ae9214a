/** `/schemas/journey-definition`: the JSON Schema of a definition, from the same zod schema. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { journeyDefinitionJsonSchema } from '@caravan/core/journey/definition-schema';
import { errorResponses } from './errors.ts';

// Computed once: the schema never changes while the process runs.
const definitionSchema = journeyDefinitionJsonSchema();

export const schemasPlugin: FastifyPluginAsyncZod = async (app) => {
  app.get('/schemas/journey-definition', {
    schema: {
      tags: ['schemas'],
      summary: 'JSON Schema (2020-12) of a journey definition',
      response: { 200: z.record(z.string(), z.unknown()), ...errorResponses('UNAUTHENTICATED') },
    },
    handler: async () => definitionSchema,
  });
};
