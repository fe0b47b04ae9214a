/**
 * `/stage-models`: the stages of buying groups and the moves allowed between them (SPEC §5). A
 * model has exactly one entry stage and its transitions name only its stages (400 otherwise).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { StageModel } from '@caravan/core/b2b/stage-model';
import {
  createStageModel,
  deleteStageModel,
  getStageModel,
  listStageModels,
  patchStageModel,
} from '@caravan/engine/buying-groups/solution-interests.service';
import { Deleted, IdParams } from './b2b.schemas.ts';
import { StageModelBody, StageModelPatchBody, sendGroupError } from './buying-groups.schemas.ts';
import { errorResponses } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';

const tags = ['buying groups'];
const common = errorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED');
const notFound = errorResponses('STAGE_MODEL_NOT_FOUND');
const nameTaken = errorResponses('STAGE_MODEL_NAME_TAKEN');

export const stageModelsPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  app.get('/stage-models', {
    schema: {
      tags,
      summary: 'List stage models by name',
      response: { 200: z.object({ items: z.array(StageModel) }), ...common },
    },
    handler: async () => ({ items: await listStageModels(deps) }),
  });

  app.get('/stage-models/:id', {
    schema: {
      tags,
      summary: 'Read a stage model',
      params: IdParams,
      response: { 200: StageModel, ...common, ...notFound },
    },
    handler: async (request, reply) => {
      const model = await getStageModel(deps, request.params.id);
      return model.ok ? model.value : sendGroupError(reply, model.error);
    },
  });

  app.post('/stage-models', {
    schema: {
      tags,
      summary: 'Create a stage model',
      body: StageModelBody,
      response: { 201: StageModel, ...common, ...nameTaken },
    },
    handler: async (request, reply) => {
      const model = await createStageModel(deps, request.body);
      return model.ok ? reply.code(201).send(model.value) : sendGroupError(reply, model.error);
    },
  });

  app.patch('/stage-models/:id', {
    schema: {
      tags,
      summary: 'Change a stage model (stages and transitions are replaced as a whole)',
      description: '409 IN_USE when buying groups are in a stage the change removes or renames.',
      params: IdParams,
      body: StageModelPatchBody,
      response: {
        200: StageModel,
        ...common,
        ...notFound,
        ...nameTaken,
        ...errorResponses('IN_USE'),
      },
    },
    handler: async (request, reply) => {
      const model = await patchStageModel(deps, request.params.id, request.body);
      return model.ok ? model.value : sendGroupError(reply, model.error);
    },
  });

  app.delete('/stage-models/:id', {
    schema: {
      tags,
      summary: 'Delete a stage model no solution interest uses',
      params: IdParams,
      response: { 204: Deleted, ...common, ...notFound, ...errorResponses('IN_USE') },
    },
    handler: async (request, reply) => {
      const deleted = await deleteStageModel(deps, request.params.id);
      return deleted.ok ? reply.code(204).send() : sendGroupError(reply, deleted.error);
    },
  });
};
