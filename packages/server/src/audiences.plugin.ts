/**
 * `/audiences`: rule-based account segments. Create and condition changes evaluate the audience
 * in full within the request; members stay current as accounts change.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Account } from '@caravan/core/b2b/account';
import {
  audienceMembers,
  createAudience,
  deleteAudience,
  evaluateAudience,
  getAudience,
  listAudiences,
  patchAudience,
  previewAudienceCount,
} from '@caravan/engine/segments/audiences.service';
import {
  getAudienceEvaluation,
  startAudienceEvaluation,
} from '@caravan/engine/segments/audience-evaluations';
import { z } from 'zod';
import { Deleted, IdParams, ListQuery, pageOf } from './b2b.schemas.ts';
import { errorResponses, sendError } from './errors.ts';
import {
  Audience,
  AudienceInput,
  AudiencePatch,
  Evaluation,
  MembersQuery,
  PreviewBody,
  PreviewCount,
  sendSegmentError,
} from './segments.schemas.ts';
import type { ServerDeps } from './server-deps.ts';

const tags = ['audiences'];
const common = errorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED');
const notFound = errorResponses('AUDIENCE_NOT_FOUND');

type Routes = Parameters<FastifyPluginAsyncZod<ServerDeps>>[0];

function readRoutes(app: Routes, deps: ServerDeps) {
  app.get('/audiences', {
    schema: {
      tags,
      summary: 'List audiences by name, each with its member count',
      querystring: ListQuery,
      response: { 200: pageOf(Audience), ...common, ...errorResponses('INVALID_CURSOR') },
    },
    handler: async (request, reply) => {
      const page = await listAudiences(deps, request.query);
      return page.ok ? page.value : sendSegmentError(reply, page.error);
    },
  });

  app.get('/audiences/:id', {
    schema: {
      tags,
      summary: 'Read an audience',
      params: IdParams,
      response: { 200: Audience, ...common, ...notFound },
    },
    handler: async (request, reply) => {
      const audience = await getAudience(deps, request.params.id);
      return audience.ok ? audience.value : sendSegmentError(reply, audience.error);
    },
  });

  app.get('/audiences/:id/members', {
    schema: {
      tags,
      summary: "One page of the audience's accounts (in id order)",
      params: IdParams,
      querystring: MembersQuery,
      response: {
        200: pageOf(Account),
        ...common,
        ...notFound,
        ...errorResponses('INVALID_CURSOR'),
      },
    },
    handler: async (request, reply) => {
      const page = await audienceMembers(deps, request.params.id, request.query);
      return page.ok ? page.value : sendSegmentError(reply, page.error);
    },
  });

  app.post('/audiences/preview-count', {
    schema: {
      tags,
      summary: 'How many accounts match a condition now (nothing is saved)',
      body: PreviewBody,
      response: { 200: PreviewCount, ...common },
    },
    config: { viewerAllowed: true },
    handler: async (request) => previewAudienceCount(deps, request.body.condition),
  });
}

function writeRoutes(app: Routes, deps: ServerDeps) {
  app.post('/audiences', {
    schema: {
      tags,
      summary: 'Create an audience; its members are evaluated at once',
      body: AudienceInput,
      response: { 201: Audience, ...common, ...errorResponses('AUDIENCE_NAME_TAKEN') },
    },
    handler: async (request, reply) => {
      const audience = await createAudience(deps, request.body);
      return audience.ok
        ? reply.code(201).send(audience.value)
        : sendSegmentError(reply, audience.error);
    },
  });

  app.patch('/audiences/:id', {
    schema: {
      tags,
      summary: 'Change an audience; a new condition is evaluated in full at once',
      params: IdParams,
      body: AudiencePatch,
      response: {
        200: Audience,
        ...common,
        ...notFound,
        ...errorResponses('AUDIENCE_NAME_TAKEN'),
      },
    },
    handler: async (request, reply) => {
      const audience = await patchAudience(deps, request.params.id, request.body);
      return audience.ok ? audience.value : sendSegmentError(reply, audience.error);
    },
  });

  app.delete('/audiences/:id', {
    schema: {
      tags,
      summary: 'Delete an audience (409 while a non-draft journey enrols from it)',
      params: IdParams,
      response: { 204: Deleted, ...common, ...notFound, ...errorResponses('AUDIENCE_IN_USE') },
    },
    handler: async (request, reply) => {
      const deleted = await deleteAudience(deps, request.params.id);
      return deleted.ok ? reply.code(204).send() : sendSegmentError(reply, deleted.error);
    },
  });

  app.post('/audiences/:id/evaluate', {
    schema: {
      tags,
      summary: 'Re-evaluate the audience in full',
      params: IdParams,
      response: { 200: Evaluation, ...common, ...notFound },
    },
    handler: async (request, reply) => {
      const done = await evaluateAudience(deps, request.params.id);
      return done.ok ? done.value : sendSegmentError(reply, done.error);
    },
  });
}

const EvaluationJob = z.object({
  id: z.string(),
  audienceId: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  done: z.number().int(),
  total: z.number().int().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  result: Evaluation.nullable(),
  error: z.string().nullable(),
});

function evaluationRoutes(app: Routes, deps: ServerDeps) {
  app.post('/audiences/:id/evaluations', {
    schema: {
      tags,
      summary: 'Start a full re-evaluation in the background; poll its progress',
      params: IdParams,
      response: { 202: EvaluationJob, ...common, ...notFound },
    },
    handler: async (request, reply) => {
      const started = await startAudienceEvaluation(deps, request.params.id);
      if (!started.ok) return sendSegmentError(reply, started.error);
      return reply.status(202).send(started.value);
    },
  });

  app.get('/audiences/:id/evaluations/:evaluationId', {
    schema: {
      tags,
      summary: 'The progress of a full re-evaluation started on this server',
      params: z.object({
        id: z.string().min(1).max(100),
        evaluationId: z.string().min(1).max(100),
      }),
      response: { 200: EvaluationJob, ...common, ...errorResponses('EVALUATION_NOT_FOUND') },
    },
    handler: async (request, reply) => {
      const job = getAudienceEvaluation(request.params.id, request.params.evaluationId);
      return (
        job ??
        sendError(
          reply,
          'EVALUATION_NOT_FOUND',
          `This server knows no evaluation ${request.params.evaluationId} of audience ${request.params.id}.`,
        )
      );
    },
  });
}

export const audiencesPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  readRoutes(app, deps);
  writeRoutes(app, deps);
  evaluationRoutes(app, deps);
};
