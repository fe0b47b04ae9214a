/**
 * `/buying-groups` and `/solution-interests/{id}/buying-groups`: list, read and create buying
 * groups (over an audience also as a job with progress, `…/buying-group-jobs`), assign and remove members by hand, move a group's stage and set its status. Member
 * changes answer the group with its recomputed completeness score.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assignBuyingGroupMember,
  changeBuyingGroup,
  getBuyingGroup,
  listBuyingGroups,
  removeBuyingGroupMember,
} from '@caravan/engine/buying-groups/buying-groups.service';
import {
  createBuyingGroups,
  createBuyingGroupsForAudience,
} from '@caravan/engine/buying-groups/buying-group-creation';
import {
  getBuyingGroupJob,
  startBuyingGroupJob,
} from '@caravan/engine/buying-groups/buying-group-jobs';
import { IdParams, pageOf } from './b2b.schemas.ts';
import {
  BuyingGroup,
  BuyingGroupListQuery,
  BuyingGroupPatchBody,
  CreateBuyingGroupsBody,
  CreatedBuyingGroupCounts,
  CreatedBuyingGroups,
  MemberBody,
  MemberParams,
  sendGroupError,
} from './buying-groups.schemas.ts';
import { errorResponses, sendError } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';

const tags = ['buying groups'];
const common = errorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED');
const notFound = errorResponses('BUYING_GROUP_NOT_FOUND');

type Routes = Parameters<FastifyPluginAsyncZod<ServerDeps>>[0];

function groupRoutes(app: Routes, deps: ServerDeps) {
  app.get('/buying-groups', {
    schema: {
      tags,
      summary: 'List buying groups, oldest first (of one solution interest and/or account)',
      querystring: BuyingGroupListQuery,
      response: { 200: pageOf(BuyingGroup), ...common, ...errorResponses('INVALID_CURSOR') },
    },
    handler: async (request, reply) => {
      const page = await listBuyingGroups(deps, request.query);
      return page.ok ? page.value : sendGroupError(reply, page.error);
    },
  });

  app.get('/buying-groups/:id', {
    schema: {
      tags,
      summary: 'Read a buying group with its members, stage, status and scores',
      params: IdParams,
      response: { 200: BuyingGroup, ...common, ...notFound },
    },
    handler: async (request, reply) => {
      const group = await getBuyingGroup(deps, request.params.id);
      return group.ok ? group.value : sendGroupError(reply, group.error);
    },
  });

  app.post('/solution-interests/:id/buying-groups', {
    schema: {
      tags,
      summary:
        'Create buying groups of the interest for accounts or an audience: entry stage, members auto-assigned',
      description:
        'With `accountIds`: all or nothing, an unknown account creates no group; answers the ' +
        'groups. Accounts that already have a group for the interest keep it unchanged; it is ' +
        'answered under `existing`. With `audienceId`: a group for every member of the ' +
        'audience, in pages of 500 accounts (each page one transaction); answers only the ' +
        'counts `{ created, existing }`, since an audience may be very large.',
      params: IdParams,
      body: CreateBuyingGroupsBody,
      response: {
        201: z.union([CreatedBuyingGroups, CreatedBuyingGroupCounts]),
        ...common,
        ...errorResponses('SOLUTION_INTEREST_NOT_FOUND', 'ACCOUNT_NOT_FOUND', 'AUDIENCE_NOT_FOUND'),
      },
    },
    handler: async (request, reply) => {
      const body = request.body;
      if ('audienceId' in body) {
        const counts = await createBuyingGroupsForAudience(
          deps,
          request.params.id,
          body.audienceId,
        );
        return counts.ok
          ? reply.code(201).send(counts.value)
          : sendError(reply, counts.error.code, counts.error.message);
      }
      const created = await createBuyingGroups(deps, request.params.id, body.accountIds);
      return created.ok
        ? reply.code(201).send(created.value)
        : sendGroupError(reply, created.error);
    },
  });

  app.patch('/buying-groups/:id', {
    schema: {
      tags,
      summary: 'Move the group to another stage (as the model allows) and/or set its status',
      params: IdParams,
      body: BuyingGroupPatchBody,
      response: {
        200: BuyingGroup,
        ...common,
        ...notFound,
        ...errorResponses('STAGE_TRANSITION_NOT_ALLOWED'),
      },
    },
    handler: async (request, reply) => {
      const group = await changeBuyingGroup(deps, request.params.id, request.body);
      return group.ok ? group.value : sendGroupError(reply, group.error);
    },
  });
}

function memberRoutes(app: Routes, deps: ServerDeps) {
  app.put('/buying-groups/:id/members/:personId', {
    schema: {
      tags,
      summary: 'Assign a role to a person of the account by hand (overrides automatic and journey)',
      params: MemberParams,
      body: MemberBody,
      response: {
        200: BuyingGroup,
        ...common,
        ...notFound,
        ...errorResponses('PERSON_NOT_FOUND', 'ROLE_NOT_IN_TEMPLATE', 'PERSON_NOT_IN_ACCOUNT'),
      },
    },
    handler: async (request, reply) => {
      const { id, personId } = request.params;
      const group = await assignBuyingGroupMember(deps, id, personId, request.body.role);
      return group.ok ? group.value : sendGroupError(reply, group.error);
    },
  });

  app.delete('/buying-groups/:id/members/:personId', {
    schema: {
      tags,
      summary: 'Remove a member; answers the group with its recomputed completeness',
      params: MemberParams,
      response: {
        200: BuyingGroup,
        ...common,
        ...notFound,
        ...errorResponses('BUYING_GROUP_MEMBER_NOT_FOUND'),
      },
    },
    handler: async (request, reply) => {
      const { id, personId } = request.params;
      const group = await removeBuyingGroupMember(deps, id, personId);
      return group.ok ? group.value : sendGroupError(reply, group.error);
    },
  });
}

const BuyingGroupJob = z.object({
  id: z.string(),
  solutionInterestId: z.string(),
  audienceId: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  processed: z.number().int().describe('Members of the audience looked at so far'),
  total: z.number().int().nullable().describe('Members of the audience; null until read'),
  created: z.number().int().describe('Groups made so far'),
  existing: z.number().int().describe('Members that already had a group for the interest'),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});

function jobRoutes(app: Routes, deps: ServerDeps) {
  app.post('/solution-interests/:id/buying-group-jobs', {
    schema: {
      tags,
      summary: 'Start creating the buying groups of an audience in the background; poll progress',
      description:
        'A group for every member of the audience, as `POST …/buying-groups` with `audienceId` ' +
        'does, but answered at once (202) with a job whose progress ' +
        '`GET …/buying-group-jobs/{jobId}` reports. Progress is kept by the server that started ' +
        'the job, for an hour after it ends.',
      params: IdParams,
      body: z.object({ audienceId: z.string().min(1).max(100) }).strict(),
      response: {
        202: BuyingGroupJob,
        ...common,
        ...errorResponses('SOLUTION_INTEREST_NOT_FOUND', 'AUDIENCE_NOT_FOUND'),
      },
    },
    handler: async (request, reply) => {
      const started = await startBuyingGroupJob(deps, request.params.id, request.body.audienceId);
      if (!started.ok) return sendError(reply, started.error.code, started.error.message);
      return reply.code(202).send(started.value);
    },
  });

  app.get('/solution-interests/:id/buying-group-jobs/:jobId', {
    schema: {
      tags,
      summary: 'The progress of a buying-group creation job started on this server',
      params: z.object({ id: z.string().min(1).max(100), jobId: z.string().min(1).max(100) }),
      response: { 200: BuyingGroupJob, ...common, ...errorResponses('BUYING_GROUP_JOB_NOT_FOUND') },
    },
    handler: async (request, reply) => {
      const { id, jobId } = request.params;
      return (
        getBuyingGroupJob(id, jobId) ??
        sendError(
          reply,
          'BUYING_GROUP_JOB_NOT_FOUND',
          `This server knows no buying-group job ${jobId} of solution interest ${id}.`,
        )
      );
    },
  });
}

export const buyingGroupsPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  groupRoutes(app, deps);
  memberRoutes(app, deps);
  jobRoutes(app, deps);
};
