/** The JSON Schema of a journey definition, published at GET /api/v1/schemas/journey-definition. */
import { z } from 'zod';
import { JourneyDefinition } from './definition.ts';

/**
 * Generated from the same zod value that parses definitions, so the two cannot drift. It
 * describes what a client sends (`io: 'input'`: fields with defaults are optional). An action
 * node without `on` has neither `on` nor `action`; zod models that as `undefined`, which JSON
 * Schema cannot hold, so it is rendered as "this property must be absent".
 */
export function journeyDefinitionJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(JourneyDefinition, {
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      if (ctx.zodSchema._zod.def.type === 'undefined') ctx.jsonSchema.not = {};
    },
  }) as Record<string, unknown>;
}
