/**
 * `/account-lists`: static lists (members added and removed explicitly) and dynamic lists
 * (members follow a condition), draft until published.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Account } from '@caravan/core/b2b/account';
import {
  accountListMembers,
  changeStaticMembers,
  createAccountList,
  deleteAccountList,
  evaluateAccountList,
  getAccountList,
  listAccountLists,
  patchAccountList,
  publishAccountList,
} from '@caravan/engine/segments/account-lists.service';
import { Deleted, IdParams, ListQuery, pageOf } from './b2b.schemas.ts';
import { errorResponses } from './errors.ts';
import {
  AccountList,
  AccountListInput,
  AccountListPatch,
  Evaluation,
  MemberChange,
  MembersBody,
  MembersQuery,
  sendSegmentError,
} from './segments.schemas.ts';
import type { ServerDeps } from './server-deps.ts';

const tags = ['account lists'];
const common = errorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED');
const notFound = errorResponses('ACCOUNT_LIST_NOT_FOUND');

type Routes = Parameters<FastifyPluginAsyncZod<ServerDeps>>[0];

function readRoutes(app: Routes, deps: ServerDeps) {
  app.get('/account-lists', {
    schema: {
      tags,
      summary: 'List account lists by name, each with its member count',
      querystring: ListQuery,
      response: { 200: pageOf(AccountList), ...common, ...errorResponses('INVALID_CURSOR') },
    },
    handler: async (request, reply) => {
      const page = await listAccountLists(deps, request.query);
      return page.ok ? page.value : sendSegmentError(reply, page.error);
    },
  });

  app.get('/account-lists/:id', {
    schema: {
      tags,
      summary: 'Read an account list',
      params: IdParams,
      response: { 200: AccountList, ...common, ...notFound },
    },
    handler: async (request, reply) => {
      const list = await getAccountList(deps, request.params.id);
      return list.ok ? list.value : sendSegmentError(reply, list.error);
    },
  });

  app.get('/account-lists/:id/members', {
    schema: {
      tags,
      summary: "One page of the list's accounts (in id order)",
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
      const page = await accountListMembers(deps, request.params.id, request.query);
      return page.ok ? page.value : sendSegmentError(reply, page.error);
    },
  });
}

function writeRoutes(app: Routes, deps: ServerDeps) {
  app.post('/account-lists', {
    schema: {
      tags,
      summary: 'Create a list; a dynamic one is evaluated at once',
      body: AccountListInput,
      response: { 201: AccountList, ...common, ...errorResponses('LIST_NAME_TAKEN') },
    },
    handler: async (request, reply) => {
      const list = await createAccountList(deps, request.body);
      return list.ok ? reply.code(201).send(list.value) : sendSegmentError(reply, list.error);
    },
  });

  app.patch('/account-lists/:id', {
    schema: {
      tags,
      summary: "Change a list; a dynamic list's new condition is evaluated in full at once",
      params: IdParams,
      body: AccountListPatch,
      response: {
        200: AccountList,
        ...common,
        ...notFound,
        ...errorResponses('LIST_NAME_TAKEN', 'LIST_NOT_STATIC'),
      },
    },
    handler: async (request, reply) => {
      const list = await patchAccountList(deps, request.params.id, request.body);
      return list.ok ? list.value : sendSegmentError(reply, list.error);
    },
  });

  app.post('/account-lists/:id/publish', {
    schema: {
      tags,
      summary: 'Make the list live (a dynamic list is evaluated at once)',
      params: IdParams,
      response: { 200: AccountList, ...common, ...notFound },
    },
    handler: async (request, reply) => {
      const list = await publishAccountList(deps, request.params.id);
      return list.ok ? list.value : sendSegmentError(reply, list.error);
    },
  });

  app.post('/account-lists/:id/evaluate', {
    schema: {
      tags,
      summary: 'Re-evaluate a dynamic list in full',
      params: IdParams,
      response: { 200: Evaluation, ...common, ...notFound },
    },
    handler: async (request, reply) => {
      const done = await evaluateAccountList(deps, request.params.id);
      return done.ok ? done.value : sendSegmentError(reply, done.error);
    },
  });

  app.delete('/account-lists/:id', {
    schema: {
      tags,
      summary: 'Delete a list (409 while a journey depends on it)',
      params: IdParams,
      response: { 204: Deleted, ...common, ...notFound, ...errorResponses('LIST_IN_USE') },
    },
    handler: async (request, reply) => {
      const deleted = await deleteAccountList(deps, request.params.id);
      return deleted.ok ? reply.code(204).send() : sendSegmentError(reply, deleted.error);
    },
  });
}

function memberRoutes(app: Routes, deps: ServerDeps) {
  const responses = {
    200: MemberChange,
    ...common,
    ...notFound,
    ...errorResponses('LIST_NOT_STATIC', 'LIST_MEMBERS_UNKNOWN'),
  };
  app.put('/account-lists/:id/members', {
    schema: {
      tags,
      summary: 'Add accounts to a static list (idempotent)',
      params: IdParams,
      body: MembersBody,
      response: responses,
    },
    handler: async (request, reply) => {
      const done = await changeStaticMembers(
        deps,
        request.params.id,
        'add',
        request.body.accountIds,
      );
      return done.ok ? done.value : sendSegmentError(reply, done.error);
    },
  });

  app.delete('/account-lists/:id/members', {
    schema: {
      tags,
      summary: 'Remove accounts from a static list (idempotent)',
      params: IdParams,
      body: MembersBody,
      response: responses,
    },
    handler: async (request, reply) => {
      const done = await changeStaticMembers(
        deps,
        request.params.id,
        'remove',
        request.body.accountIds,
      );
      return done.ok ? done.value : sendSegmentError(reply, done.error);
    },
  });
}

export const accountListsPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  readRoutes(app, deps);
  writeRoutes(app, deps);
  memberRoutes(app, deps);
};
