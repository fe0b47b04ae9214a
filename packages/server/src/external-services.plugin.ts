/**
 * `/external-services`: where external actions and external splits send their calls (SPEC §2).
 * The signing secret is shown in the answer to the create that made it (like an API key) and,
 * afterwards, to admins only: a manager can set up a service but not read its secret back.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canAdminister } from '@caravan/core/user';
import {
  createExternalService,
  deleteExternalService,
  ExternalServiceInput,
  ExternalServicePatch,
  getExternalService,
  listExternalServices,
  patchExternalService,
  type ExternalService,
  type ExternalServiceError,
} from '@caravan/engine/external-services/external-services.service';
import { principalOf } from './authenticate.ts';
import { Deleted, ListQuery, pageOf } from './b2b.schemas.ts';
import { errorResponses, sendError } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';

const ExternalServiceResponse = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  secret: z.string().optional().describe('Only in the answer to the create, and to admins'),
  timeoutSeconds: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

/** Service ids are UUIDs when made by the API, but a definition may name any id: 404, not 400. */
const ServiceParams = z.object({ id: z.string().min(1).max(100) });

const tags = ['external services'];
const common = errorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED');
const notFound = errorResponses('EXTERNAL_SERVICE_NOT_FOUND');
const nameTaken = errorResponses('EXTERNAL_SERVICE_NAME_TAKEN');
const refused = errorResponses('OUTBOUND_ADDRESS_REFUSED');

function sendServiceError(reply: FastifyReply, error: ExternalServiceError) {
  return sendError(reply, error.code, error.message, error.details);
}

/** The service as this caller may see it. */
function shown(service: ExternalService, request: FastifyRequest, withSecret = false) {
  if (withSecret || canAdminister(principalOf(request).role)) return service;
  const { secret: _secret, ...rest } = service;
  return rest;
}

export const externalServicesPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  app.get('/external-services', {
    schema: {
      tags,
      summary: 'List external services by name (search matches the name)',
      querystring: ListQuery,
      response: {
        200: pageOf(ExternalServiceResponse),
        ...common,
        ...errorResponses('INVALID_CURSOR'),
      },
    },
    handler: async (request, reply) => {
      const page = await listExternalServices(deps, request.query);
      if (!page.ok) return sendServiceError(reply, page.error);
      return { ...page.value, items: page.value.items.map((s) => shown(s, request)) };
    },
  });

  app.get('/external-services/:id', {
    schema: {
      tags,
      summary: 'Read an external service (its secret only for admins)',
      params: ServiceParams,
      response: { 200: ExternalServiceResponse, ...common, ...notFound },
    },
    handler: async (request, reply) => {
      const service = await getExternalService(deps, request.params.id);
      return service.ok ? shown(service.value, request) : sendServiceError(reply, service.error);
    },
  });

  app.post('/external-services', {
    schema: {
      tags,
      summary: 'Create an external service; the answer shows its secret',
      body: ExternalServiceInput,
      response: { 201: ExternalServiceResponse, ...common, ...nameTaken, ...refused },
    },
    handler: async (request, reply) => {
      const service = await createExternalService(deps, request.body);
      return service.ok
        ? reply.code(201).send(shown(service.value, request, true))
        : sendServiceError(reply, service.error);
    },
  });

  app.patch('/external-services/:id', {
    schema: {
      tags,
      summary: 'Change an external service (a new `secret` replaces the old one: admins only)',
      params: ServiceParams,
      body: ExternalServicePatch,
      response: {
        200: ExternalServiceResponse,
        ...common,
        ...notFound,
        ...nameTaken,
        ...refused,
      },
    },
    handler: async (request, reply) => {
      // Whoever sets the secret knows it: only those who may read secrets may rotate them.
      if (request.body.secret !== undefined && !canAdminister(principalOf(request).role)) {
        return sendError(reply, 'FORBIDDEN', "Only an admin can change a service's secret.");
      }
      const service = await patchExternalService(deps, request.params.id, request.body);
      return service.ok ? shown(service.value, request) : sendServiceError(reply, service.error);
    },
  });

  app.delete('/external-services/:id', {
    schema: {
      tags,
      summary: 'Delete an external service',
      description: '409 IN_USE while a scheduled, live or closed journey calls it.',
      params: ServiceParams,
      response: { 204: Deleted, ...common, ...notFound, ...errorResponses('IN_USE') },
    },
    handler: async (request, reply) => {
      const deleted = await deleteExternalService(deps, request.params.id);
      return deleted.ok ? reply.code(204).send() : sendServiceError(reply, deleted.error);
    },
  });
};
