/** `/people`: list, read, create, change, delete, upsert by external id, and a person's accounts. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Account } from '@caravan/core/b2b/account';
import { Person, PersonInput, PersonPatch } from '@caravan/core/b2b/person';
import { personAccounts } from '@caravan/engine/data/account-memberships.service';
import {
  createPerson,
  deletePerson,
  getPerson,
  listPeople,
  patchPerson,
  upsertPersonByExternalId,
} from '@caravan/engine/data/people.service';
import {
  Deleted,
  ExternalIdParams,
  IdParams,
  ListQuery,
  pageOf,
  sendDataError,
} from './b2b.schemas.ts';
import { errorResponses } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';

const tags = ['people'];
const common = errorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED');
const notFound = errorResponses('PERSON_NOT_FOUND');
const writeErrors = errorResponses(
  'PERSON_EXTERNAL_ID_TAKEN',
  'PERSON_EMAIL_TAKEN',
  'ATTRIBUTES_INVALID',
);

type Routes = Parameters<FastifyPluginAsyncZod<ServerDeps>>[0];

function readRoutes(app: Routes, deps: ServerDeps) {
  app.get('/people', {
    schema: {
      tags,
      summary: 'List people by name (search matches email, first or last name)',
      querystring: ListQuery,
      response: { 200: pageOf(Person), ...common, ...errorResponses('INVALID_CURSOR') },
    },
    handler: async (request, reply) => {
      const page = await listPeople(deps, request.query);
      return page.ok ? page.value : sendDataError(reply, page.error);
    },
  });

  app.get('/people/:id', {
    schema: {
      tags,
      summary: 'Read a person',
      params: IdParams,
      response: { 200: Person, ...common, ...notFound },
    },
    handler: async (request, reply) => {
      const person = await getPerson(deps, request.params.id);
      return person.ok ? person.value : sendDataError(reply, person.error);
    },
  });

  app.get('/people/:id/accounts', {
    schema: {
      tags,
      summary: 'The accounts the person belongs to, with their role at each',
      params: IdParams,
      response: {
        200: z.object({
          items: z.array(z.object({ account: Account, role: z.string().nullable() })),
        }),
        ...common,
        ...notFound,
      },
    },
    handler: async (request, reply) => {
      const accounts = await personAccounts(deps, request.params.id);
      return accounts.ok ? { items: accounts.value } : sendDataError(reply, accounts.error);
    },
  });
}

function writeRoutes(app: Routes, deps: ServerDeps) {
  app.post('/people', {
    schema: {
      tags,
      summary: 'Create a person (an email, a mobile phone or an external id is required)',
      body: PersonInput,
      response: { 201: Person, ...common, ...writeErrors },
    },
    handler: async (request, reply) => {
      const person = await createPerson(deps, request.body);
      return person.ok ? reply.code(201).send(person.value) : sendDataError(reply, person.error);
    },
  });

  app.patch('/people/:id', {
    schema: {
      tags,
      summary: 'Change a person; custom attributes are merged (null clears one)',
      params: IdParams,
      body: PersonPatch,
      response: { 200: Person, ...common, ...notFound, ...writeErrors },
    },
    handler: async (request, reply) => {
      const person = await patchPerson(deps, request.params.id, request.body);
      return person.ok ? person.value : sendDataError(reply, person.error);
    },
  });

  app.put('/people/by-external-id/:externalId', {
    schema: {
      tags,
      summary: 'Create or change the person with this external id (201 created, 200 changed)',
      params: ExternalIdParams,
      body: PersonPatch.omit({ externalId: true }),
      response: { 200: Person, 201: Person, ...common, ...writeErrors },
    },
    handler: async (request, reply) => {
      const upserted = await upsertPersonByExternalId(
        deps,
        request.params.externalId,
        request.body,
      );
      if (!upserted.ok) return sendDataError(reply, upserted.error);
      return reply.code(upserted.value.created ? 201 : 200).send(upserted.value.person);
    },
  });

  app.delete('/people/:id', {
    schema: {
      tags,
      summary: 'Delete a person with their memberships',
      params: IdParams,
      response: { 204: Deleted, ...common, ...notFound },
    },
    handler: async (request, reply) => {
      const deleted = await deletePerson(deps, request.params.id);
      return deleted.ok ? reply.code(204).send() : sendDataError(reply, deleted.error);
    },
  });
}

export const peoplePlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  readRoutes(app, deps);
  writeRoutes(app, deps);
};
