/**
 * `/solution-interests`: what an account may buy, naming the role template and stage model of
 * its buying groups (SPEC §5). Deleting an interest deletes its buying groups.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SolutionInterest } from '@caravan/core/b2b/solution-interest';
import {
  createSolutionInterest,
  deleteSolutionInterest,
  getSolutionInterest,
  listSolutionInterests,
  patchSolutionInterest,
} from '@caravan/engine/buying-groups/solution-interests.service';
import { Deleted, IdParams } from './b2b.schemas.ts';
import {
  SolutionInterestBody,
  SolutionInterestPatchBody,
  sendGroupError,
} from './buying-groups.schemas.ts';
import { errorResponses } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';

const tags = ['buying groups'];
const common = errorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED');
const notFound = errorResponses('SOLUTION_INTEREST_NOT_FOUND');
const nameTaken = errorResponses('SOLUTION_INTEREST_NAME_TAKEN');
// A missing template or model answers 404 with its own code.
const references = errorResponses('ROLE_TEMPLATE_NOT_FOUND', 'STAGE_MODEL_NOT_FOUND');

export const solutionInterestsPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  app.get('/solution-interests', {
    schema: {
      tags,
      summary: 'List solution interests by name',
      response: { 200: z.object({ items: z.array(SolutionInterest) }), ...common },
    },
    handler: async () => ({ items: await listSolutionInterests(deps) }),
  });

  app.get('/solution-interests/:id', {
    schema: {
      tags,
      summary: 'Read a solution interest',
      params: IdParams,
      response: { 200: SolutionInterest, ...common, ...notFound },
    },
    handler: async (request, reply) => {
      const interest = await getSolutionInterest(deps, request.params.id);
      return interest.ok ? interest.value : sendGroupError(reply, interest.error);
    },
  });

  app.post('/solution-interests', {
    schema: {
      tags,
      summary: 'Create a solution interest',
      body: SolutionInterestBody,
      response: { 201: SolutionInterest, ...common, ...nameTaken, ...references },
    },
    handler: async (request, reply) => {
      const interest = await createSolutionInterest(deps, request.body);
      return interest.ok
        ? reply.code(201).send(interest.value)
        : sendGroupError(reply, interest.error);
    },
  });

  app.patch('/solution-interests/:id', {
    schema: {
      tags,
      summary: 'Change a solution interest',
      description: '409 IN_USE when it has buying groups and the template or model would change.',
      params: IdParams,
      body: SolutionInterestPatchBody,
      response: {
        200: SolutionInterest,
        ...common,
        ...notFound,
        ...nameTaken,
        ...references,
        ...errorResponses('IN_USE'),
      },
    },
    handler: async (request, reply) => {
      const interest = await patchSolutionInterest(deps, request.params.id, request.body);
      return interest.ok ? interest.value : sendGroupError(reply, interest.error);
    },
  });

  app.delete('/solution-interests/:id', {
    schema: {
      tags,
      summary: 'Delete a solution interest with its buying groups',
      description: '409 IN_USE while a scheduled, live or closed journey uses it.',
      params: IdParams,
      response: { 204: Deleted, ...common, ...notFound, ...errorResponses('IN_USE') },
    },
    handler: async (request, reply) => {
      const deleted = await deleteSolutionInterest(deps, request.params.id);
      return deleted.ok ? reply.code(204).send() : sendGroupError(reply, deleted.error);
    },
  });
};
