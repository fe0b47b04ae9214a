/**
 * `GET /accounts/{id}/activities` and `GET /people/{id}/activities`: the activity history,
 * newest first, paged (`limit`, `cursor`) and filtered by type (`type`, repeatable or
 * comma-separated).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accountActivities,
  personActivities,
  type ActivityHistoryQuery,
} from '@caravan/engine/data/activities.service';
import { IdParams, sendDataError } from './b2b.schemas.ts';
import { errorResponses } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';

const Query = z.object({
  type: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .describe('Only these activity types (repeat the parameter or separate by commas)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

const Entry = z.object({
  id: z.string(),
  type: z.string(),
  occurredAt: z.string(),
  receivedAt: z.string(),
  account: z.object({ id: z.string(), name: z.string() }),
  person: z.object({ id: z.string(), name: z.string(), email: z.string().nullable() }).nullable(),
  properties: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});

const History = z.object({
  items: z.array(Entry),
  nextCursor: z.string().nullable(),
  types: z.array(z.string()),
});

const common = errorResponses('UNAUTHENTICATED', 'VALIDATION_FAILED', 'INVALID_CURSOR');

function historyQuery(q: z.infer<typeof Query>): ActivityHistoryQuery {
  const given = q.type === undefined ? [] : Array.isArray(q.type) ? q.type : [q.type];
  const types = given
    .flatMap((t) => t.split(','))
    .map((t) => t.trim())
    .filter(Boolean);
  return { types, limit: q.limit, cursor: q.cursor };
}

export const activitiesPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  app.get('/accounts/:id/activities', {
    schema: {
      tags: ['accounts'],
      summary: "An account's activity history, newest first, filterable by type",
      params: IdParams,
      querystring: Query,
      response: { 200: History, ...common, ...errorResponses('ACCOUNT_NOT_FOUND') },
    },
    handler: async (request, reply) => {
      const page = await accountActivities(deps, request.params.id, historyQuery(request.query));
      return page.ok ? page.value : sendDataError(reply, page.error);
    },
  });

  app.get('/people/:id/activities', {
    schema: {
      tags: ['people'],
      summary: "A person's activity history, newest first, filterable by type",
      params: IdParams,
      querystring: Query,
      response: { 200: History, ...common, ...errorResponses('PERSON_NOT_FOUND') },
    },
    handler: async (request, reply) => {
      const page = await personActivities(deps, request.params.id, historyQuery(request.query));
      return page.ok ? page.value : sendDataError(reply, page.error);
    },
  });
};
