/** `/me/preferences/{key}`: per-user settings such as the journey list's columns (viewers too). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getPreference, setPreference } from '@caravan/storage/preference.repository';
import { principalOf } from './authenticate.ts';
import { errorResponses } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';

const tags = ['preferences'];
const Params = z.object({
  key: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'letters, digits, . _ - (≤ 100)'),
});
const PreferenceResponse = z.object({ key: z.string(), value: z.unknown() });

export const preferencesPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  app.get('/me/preferences/:key', {
    schema: {
      tags,
      summary: "Read one of the caller's preferences (value null when unset)",
      params: Params,
      response: {
        200: PreferenceResponse,
        ...errorResponses('UNAUTHENTICATED', 'VALIDATION_FAILED'),
      },
    },
    handler: async (request) => {
      const { key } = request.params;
      const value = await getPreference(deps.database.db, principalOf(request).id, key);
      return { key, value: value ?? null };
    },
  });

  app.put('/me/preferences/:key', {
    config: { viewerAllowed: true },
    schema: {
      tags,
      summary: "Save one of the caller's preferences (any JSON value)",
      params: Params,
      // Not z.json(): its recursive schema became a dangling $ref (schema0) in OpenAPI.
      body: z.object({ value: z.unknown().describe('Any JSON value') }),
      response: {
        200: PreferenceResponse,
        ...errorResponses('UNAUTHENTICATED', 'VALIDATION_FAILED'),
      },
    },
    handler: async (request) => {
      const { key } = request.params;
      const { value } = request.body;
      await setPreference(deps.database.db, principalOf(request).id, key, value, deps.clock.now());
      return { key, value };
    },
  });
};
