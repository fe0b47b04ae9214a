/** `/journeys`: list, create, read, edit, lifecycle actions, validation and history. */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { JourneyStatus } from '@caravan/core/journey/status';
import type { Journey } from '@caravan/core/journey/journey';
import type { Result } from '@caravan/core/result';
import {
  abortJourney,
  closeJourney,
  createJourney,
  deleteJourney,
  duplicateJourney,
  patchJourney,
  publishJourney,
} from '@caravan/engine/journeys/journey-commands.service';
import {
  getJourney,
  journeyHistory,
  listJourneys,
  validateJourney,
  type JourneySort,
} from '@caravan/engine/journeys/journey-queries.service';
import { principalOf } from './authenticate.ts';
import { errorResponses, sendError, type ErrorCode } from './errors.ts';
import {
  CreateJourneyBody,
  DuplicateJourneyBody,
  HistoryResponse,
  JourneyPageResponse,
  JourneyParams,
  JourneyResponse,
  ListJourneysQuery,
  PatchJourneyBody,
  toJourneyResponse,
  ValidationResponse,
} from './journey.schemas.ts';
import type { ServerDeps } from './server-deps.ts';

const tags = ['journeys'];
const common = errorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED');
const lifecycle = errorResponses('JOURNEY_NOT_FOUND', 'JOURNEY_ACTION_NOT_ALLOWED');

/** An engine or storage failure; its code is in the catalogue (the type-check proves it). */
interface CataloguedError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

function sendServiceError(reply: FastifyReply, error: CataloguedError) {
  return sendError(reply, error.code, error.message, error.details);
}

/** Sends a journey result: the journey with `status`, or its catalogued error. */
function sendJourney(
  reply: FastifyReply,
  result: Result<Journey & { version?: number }, CataloguedError>,
  status = 200,
) {
  if (!result.ok) return sendServiceError(reply, result.error);
  return reply.code(status).send(toJourneyResponse(result.value));
}

function parseSort(sort: string | undefined): JourneySort | undefined {
  if (!sort) return undefined;
  const [field, direction] = sort.split(':') as [JourneySort['field'], JourneySort['direction']];
  return { field, direction };
}

type Routes = Parameters<FastifyPluginAsyncZod<ServerDeps>>[0];

/** List, read, validate, history: what viewers may do too. */
function readRoutes(app: Routes, deps: ServerDeps) {
  app.get('/journeys', {
    schema: {
      tags,
      summary: 'List journeys (search by name, filter by status, sort, paginate)',
      querystring: ListJourneysQuery,
      response: { 200: JourneyPageResponse, ...common, ...errorResponses('INVALID_CURSOR') },
    },
    handler: async (request, reply) => {
      const q = request.query;
      const page = await listJourneys(deps, {
        ...(q.search !== undefined ? { search: q.search } : {}),
        ...(q.status ? { statuses: q.status.split(',') as JourneyStatus[] } : {}),
        ...(q.sort ? { sort: parseSort(q.sort) } : {}),
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
        ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
      });
      if (!page.ok) return sendServiceError(reply, page.error);
      return { ...page.value, items: page.value.items.map(toJourneyResponse) };
    },
  });

  app.get('/journeys/:id', {
    schema: {
      tags,
      summary: 'Read a journey',
      params: JourneyParams,
      response: { 200: JourneyResponse, ...common, ...errorResponses('JOURNEY_NOT_FOUND') },
    },
    handler: async (request, reply) =>
      sendJourney(reply, await getJourney(deps, request.params.id)),
  });

  app.post('/journeys/:id/validate', {
    config: { viewerAllowed: true },
    schema: {
      tags,
      summary: 'Every problem that would block (or warn about) publishing',
      params: JourneyParams,
      response: { 200: ValidationResponse, ...common, ...errorResponses('JOURNEY_NOT_FOUND') },
    },
    handler: async (request, reply) => {
      const report = await validateJourney(deps, request.params.id);
      return report.ok ? report.value : sendServiceError(reply, report.error);
    },
  });

  app.get('/journeys/:id/history', {
    schema: {
      tags,
      summary: 'Status changes, oldest first',
      params: JourneyParams,
      response: { 200: HistoryResponse, ...common, ...errorResponses('JOURNEY_NOT_FOUND') },
    },
    handler: async (request, reply) => {
      const history = await journeyHistory(deps, request.params.id);
      return history.ok ? { items: history.value } : sendServiceError(reply, history.error);
    },
  });
}

/** Create, edit and duplicate: what makes or changes a draft. */
function editRoutes(app: Routes, deps: ServerDeps) {
  app.post('/journeys', {
    schema: {
      tags,
      summary: 'Create a draft journey',
      body: CreateJourneyBody,
      response: { 201: JourneyResponse, ...common, ...errorResponses('JOURNEY_NAME_TAKEN') },
    },
    handler: async (request, reply) =>
      sendJourney(reply, await createJourney(deps, principalOf(request).id, request.body), 201),
  });

  app.patch('/journeys/:id', {
    schema: {
      tags,
      summary: 'Edit what the status allows (rename always; definition only in draft)',
      description: 'With `version` the edit applies only if the journey is still at that version.',
      params: JourneyParams,
      body: PatchJourneyBody,
      response: {
        200: JourneyResponse,
        ...common,
        ...errorResponses(
          'JOURNEY_NOT_FOUND',
          'JOURNEY_NOT_EDITABLE',
          'JOURNEY_NAME_TAKEN',
          'JOURNEY_VERSION_CONFLICT',
        ),
      },
    },
    handler: async (request, reply) => {
      const { version, ...edit } = request.body;
      const actorId = principalOf(request).id;
      return sendJourney(
        reply,
        await patchJourney(deps, actorId, request.params.id, edit, version),
      );
    },
  });

  app.post('/journeys/:id/duplicate', {
    schema: {
      tags,
      summary: 'Duplicate a journey of any status into a new draft',
      params: JourneyParams,
      body: DuplicateJourneyBody,
      response: {
        201: JourneyResponse,
        ...common,
        ...lifecycle,
        ...errorResponses('JOURNEY_NAME_TAKEN'),
      },
    },
    handler: async (request, reply) =>
      sendJourney(
        reply,
        await duplicateJourney(deps, principalOf(request).id, request.params.id, request.body),
        201,
      ),
  });
}

/** Publish, close, abort, delete: the lifecycle table of SPEC §1. */
function lifecycleRoutes(app: Routes, deps: ServerDeps) {
  app.post('/journeys/:id/publish', {
    schema: {
      tags,
      summary: 'Publish a draft: live, or scheduled when its start is in the future',
      params: JourneyParams,
      response: {
        200: JourneyResponse,
        ...common,
        ...lifecycle,
        ...errorResponses('JOURNEY_INVALID'),
      },
    },
    handler: async (request, reply) =>
      sendJourney(reply, await publishJourney(deps, principalOf(request).id, request.params.id)),
  });

  app.post('/journeys/:id/close', {
    schema: {
      tags,
      summary: 'Close a live journey to new entries',
      params: JourneyParams,
      response: { 200: JourneyResponse, ...common, ...lifecycle },
    },
    handler: async (request, reply) =>
      sendJourney(reply, await closeJourney(deps, principalOf(request).id, request.params.id)),
  });

  app.post('/journeys/:id/abort', {
    schema: {
      tags,
      summary: 'Abort a live, scheduled or closed journey (cannot be restarted)',
      params: JourneyParams,
      response: { 200: JourneyResponse, ...common, ...lifecycle },
    },
    handler: async (request, reply) =>
      sendJourney(reply, await abortJourney(deps, principalOf(request).id, request.params.id)),
  });

  app.delete('/journeys/:id', {
    schema: {
      tags,
      summary: 'Delete a draft, aborted or completed journey',
      params: JourneyParams,
      response: { 204: z.undefined().describe('Deleted'), ...common, ...lifecycle },
    },
    handler: async (request, reply) => {
      const result = await deleteJourney(deps, principalOf(request).id, request.params.id);
      if (!result.ok) return sendServiceError(reply, result.error);
      return reply.code(204).send();
    },
  });
}

export const journeysPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  readRoutes(app, deps);
  editRoutes(app, deps);
  lifecycleRoutes(app, deps);
};
