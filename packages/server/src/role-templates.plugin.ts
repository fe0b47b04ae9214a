/** `/role-templates`: the roles buying groups of a solution interest should fill (SPEC §5). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RoleTemplate } from '@caravan/core/b2b/role-template';
import {
  createRoleTemplate,
  deleteRoleTemplate,
  getRoleTemplate,
  listRoleTemplates,
  patchRoleTemplate,
} from '@caravan/engine/buying-groups/solution-interests.service';
import { Deleted, IdParams } from './b2b.schemas.ts';
import {
  RoleTemplateBody,
  RoleTemplatePatchBody,
  sendGroupError,
} from './buying-groups.schemas.ts';
import { errorResponses } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';

const tags = ['buying groups'];
const common = errorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED');
const notFound = errorResponses('ROLE_TEMPLATE_NOT_FOUND');
const nameTaken = errorResponses('ROLE_TEMPLATE_NAME_TAKEN');

export const roleTemplatesPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  app.get('/role-templates', {
    schema: {
      tags,
      summary: 'List role templates by name',
      response: { 200: z.object({ items: z.array(RoleTemplate) }), ...common },
    },
    handler: async () => ({ items: await listRoleTemplates(deps) }),
  });

  app.get('/role-templates/:id', {
    schema: {
      tags,
      summary: 'Read a role template',
      params: IdParams,
      response: { 200: RoleTemplate, ...common, ...notFound },
    },
    handler: async (request, reply) => {
      const template = await getRoleTemplate(deps, request.params.id);
      return template.ok ? template.value : sendGroupError(reply, template.error);
    },
  });

  app.post('/role-templates', {
    schema: {
      tags,
      summary: 'Create a role template',
      body: RoleTemplateBody,
      response: { 201: RoleTemplate, ...common, ...nameTaken },
    },
    handler: async (request, reply) => {
      const template = await createRoleTemplate(deps, request.body);
      return template.ok
        ? reply.code(201).send(template.value)
        : sendGroupError(reply, template.error);
    },
  });

  app.patch('/role-templates/:id', {
    schema: {
      tags,
      summary: 'Change a role template (roles are replaced as a whole)',
      params: IdParams,
      body: RoleTemplatePatchBody,
      response: { 200: RoleTemplate, ...common, ...notFound, ...nameTaken },
    },
    handler: async (request, reply) => {
      const template = await patchRoleTemplate(deps, request.params.id, request.body);
      return template.ok ? template.value : sendGroupError(reply, template.error);
    },
  });

  app.delete('/role-templates/:id', {
    schema: {
      tags,
      summary: 'Delete a role template no solution interest uses',
      params: IdParams,
      response: { 204: Deleted, ...common, ...notFound, ...errorResponses('IN_USE') },
    },
    handler: async (request, reply) => {
      const deleted = await deleteRoleTemplate(deps, request.params.id);
      return deleted.ok ? reply.code(204).send() : sendGroupError(reply, deleted.error);
    },
  });
};
