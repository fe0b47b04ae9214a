/**
 * `/accounts`: list, read, create, change, delete, upsert by external id, and the people linked
 * to an account (with their role there).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Account, AccountInput, AccountPatch } from '@caravan/core/b2b/account';
import { Person } from '@caravan/core/b2b/person';
import {
  accountPeople,
  linkPerson,
  unlinkPerson,
} from '@caravan/engine/data/account-memberships.service';
import {
  accountSegments,
  createAccount,
  deleteAccount,
  getAccount,
  listAccounts,
  patchAccount,
  upsertAccountByExternalId,
} from '@caravan/engine/data/accounts.service';
import {
  Deleted,
  ExternalIdParams,
  IdParams,
  ListQuery,
  MembershipBody,
  MembershipParams,
  pageOf,
  sendDataError,
} from './b2b.schemas.ts';
import { errorResponses } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';

const tags = ['accounts'];
const common = errorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED');
const notFound = errorResponses('ACCOUNT_NOT_FOUND');
const writeErrors = errorResponses(
  'ACCOUNT_EXTERNAL_ID_TAKEN',
  'ACCOUNT_DOMAIN_INVALID',
  'ATTRIBUTES_INVALID',
);

type Routes = Parameters<FastifyPluginAsyncZod<ServerDeps>>[0];

function accountRoutes(app: Routes, deps: ServerDeps) {
  app.get('/accounts', {
    schema: {
      tags,
      summary: 'List accounts by name (search matches name or domain)',
      querystring: ListQuery,
      response: { 200: pageOf(Account), ...common, ...errorResponses('INVALID_CURSOR') },
    },
    handler: async (request, reply) => {
      const page = await listAccounts(deps, request.query);
      return page.ok ? page.value : sendDataError(reply, page.error);
    },
  });

  app.get('/accounts/:id', {
    schema: {
      tags,
      summary: 'Read an account',
      params: IdParams,
      response: { 200: Account, ...common, ...notFound },
    },
    handler: async (request, reply) => {
      const account = await getAccount(deps, request.params.id);
      return account.ok ? account.value : sendDataError(reply, account.error);
    },
  });

  app.post('/accounts', {
    schema: {
      tags,
      summary: 'Create an account',
      body: AccountInput,
      response: { 201: Account, ...common, ...writeErrors },
    },
    handler: async (request, reply) => {
      const account = await createAccount(deps, request.body);
      return account.ok ? reply.code(201).send(account.value) : sendDataError(reply, account.error);
    },
  });

  app.patch('/accounts/:id', {
    schema: {
      tags,
      summary: 'Change an account; custom attributes are merged (null clears one)',
      params: IdParams,
      body: AccountPatch,
      response: { 200: Account, ...common, ...notFound, ...writeErrors },
    },
    handler: async (request, reply) => {
      const account = await patchAccount(deps, request.params.id, request.body);
      return account.ok ? account.value : sendDataError(reply, account.error);
    },
  });

  app.put('/accounts/by-external-id/:externalId', {
    schema: {
      tags,
      summary: 'Create or change the account with this external id (201 created, 200 changed)',
      params: ExternalIdParams,
      body: AccountPatch.omit({ externalId: true }),
      response: { 200: Account, 201: Account, ...common, ...writeErrors },
    },
    handler: async (request, reply) => {
      const upserted = await upsertAccountByExternalId(
        deps,
        request.params.externalId,
        request.body,
      );
      if (!upserted.ok) return sendDataError(reply, upserted.error);
      return reply.code(upserted.value.created ? 201 : 200).send(upserted.value.account);
    },
  });

  app.delete('/accounts/:id', {
    schema: {
      tags,
      summary: 'Delete an account with its memberships and activities',
      params: IdParams,
      response: { 204: Deleted, ...common, ...notFound },
    },
    handler: async (request, reply) => {
      const deleted = await deleteAccount(deps, request.params.id);
      return deleted.ok ? reply.code(204).send() : sendDataError(reply, deleted.error);
    },
  });
}

const Member = Person.extend({ role: z.string().nullable() });
const Membership = z.object({
  accountId: z.string(),
  personId: z.string(),
  role: z.string().nullable(),
});

const Segments = z.object({
  lists: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
  audiences: z.array(z.object({ id: z.string(), name: z.string() })),
});

function membershipRoutes(app: Routes, deps: ServerDeps) {
  app.get('/accounts/:id/segments', {
    schema: {
      tags,
      summary: 'The account lists and audiences the account is in',
      params: IdParams,
      response: { 200: Segments, ...common, ...notFound },
    },
    handler: async (request, reply) => {
      const segments = await accountSegments(deps, request.params.id);
      return segments.ok ? segments.value : sendDataError(reply, segments.error);
    },
  });

  app.get('/accounts/:id/people', {
    schema: {
      tags,
      summary: "The account's people with their role there",
      params: IdParams,
      response: { 200: z.object({ items: z.array(Member) }), ...common, ...notFound },
    },
    handler: async (request, reply) => {
      const people = await accountPeople(deps, request.params.id);
      return people.ok ? { items: people.value } : sendDataError(reply, people.error);
    },
  });

  app.put('/accounts/:id/people/:personId', {
    schema: {
      tags,
      summary: 'Link a person to the account, or change their role there',
      params: MembershipParams,
      body: MembershipBody,
      response: {
        200: Membership,
        ...common,
        ...notFound,
        ...errorResponses('PERSON_NOT_FOUND'),
      },
    },
    handler: async (request, reply) => {
      const { id, personId } = request.params;
      const linked = await linkPerson(deps, {
        accountId: id,
        personId,
        role: request.body.role ?? null,
      });
      return linked.ok ? linked.value : sendDataError(reply, linked.error);
    },
  });

  app.delete('/accounts/:id/people/:personId', {
    schema: {
      tags,
      summary: 'Unlink a person from the account',
      params: MembershipParams,
      response: { 204: Deleted, ...common, ...errorResponses('MEMBERSHIP_NOT_FOUND') },
    },
    handler: async (request, reply) => {
      const { id, personId } = request.params;
      const unlinked = await unlinkPerson(deps, id, personId);
      return unlinked.ok ? reply.code(204).send() : sendDataError(reply, unlinked.error);
    },
  });
}

export const accountsPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  accountRoutes(app, deps);
  membershipRoutes(app, deps);
};
