/** `/event-types`: the kinds of events ingestion stores (name, label, entity and fields). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AttributeEntity, AttributeName, AttributeType } from '@caravan/core/b2b/custom-attribute';
import {
  changeEventType,
  createEventType,
  getEventType,
  listEventTypes,
  removeEventType,
} from '@caravan/engine/data/event-types.service';
import { Deleted, sendDataError } from './b2b.schemas.ts';
import { errorResponses } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';

const tags = ['event-types'];
const common = errorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED');
const notFound = errorResponses('EVENT_TYPE_NOT_FOUND');

/** Event names as sources send them (`Form Submitted`, `webinar.attended`). */
const EventTypeName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^\S(.*\S)?$/, 'no leading or trailing spaces');
const Label = z.string().trim().min(1).max(100);

const EventField = z.object({ name: AttributeName, label: Label, type: AttributeType });
const Fields = z
  .array(EventField)
  .max(100)
  .refine((fields) => new Set(fields.map((f) => f.name)).size === fields.length, {
    message: 'field names must be unique',
  });

const EventType = z.object({
  name: EventTypeName,
  label: Label,
  entity: AttributeEntity,
  fields: z.array(EventField),
});
const CreateEventTypeBody = EventType.extend({ fields: Fields.default([]) });
const NameParams = z.object({ name: EventTypeName });

export const eventTypesPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  app.get('/event-types', {
    schema: {
      tags,
      summary: 'Every event type by name',
      response: { 200: z.object({ items: z.array(EventType) }), ...common },
    },
    handler: async () => ({ items: await listEventTypes(deps) }),
  });

  app.get('/event-types/:name', {
    schema: {
      tags,
      summary: 'Read an event type',
      params: NameParams,
      response: { 200: EventType, ...common, ...notFound },
    },
    handler: async (request, reply) => {
      const found = await getEventType(deps, request.params.name);
      return found.ok ? found.value : sendDataError(reply, found.error);
    },
  });

  app.post('/event-types', {
    schema: {
      tags,
      summary: 'Create an event type',
      body: CreateEventTypeBody,
      response: { 201: EventType, ...common, ...errorResponses('EVENT_TYPE_NAME_TAKEN') },
    },
    handler: async (request, reply) => {
      const created = await createEventType(deps, request.body);
      return created.ok ? reply.code(201).send(created.value) : sendDataError(reply, created.error);
    },
  });

  app.patch('/event-types/:name', {
    schema: {
      tags,
      summary: 'Change the label or the fields of an event type (its name and entity stay)',
      params: NameParams,
      body: z.object({ label: Label.optional(), fields: Fields.optional() }),
      response: { 200: EventType, ...common, ...notFound },
    },
    handler: async (request, reply) => {
      const changed = await changeEventType(deps, request.params.name, request.body);
      return changed.ok ? changed.value : sendDataError(reply, changed.error);
    },
  });

  app.delete('/event-types/:name', {
    schema: {
      tags,
      summary: 'Delete an event type (activities of that type stay)',
      params: NameParams,
      response: { 204: Deleted, ...common, ...notFound },
    },
    handler: async (request, reply) => {
      const removed = await removeEventType(deps, request.params.name);
      return removed.ok ? reply.code(204).send() : sendDataError(reply, removed.error);
    },
  });
};
