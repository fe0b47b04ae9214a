/**
 * `/outbox`: every message the engine queued, with its state — dead letters above all
 * (`?status=dead`) — and a retry of a dead letter; `/communication-limits`: the per-person limits
 * of sends across journeys. Viewers read; managers and admins change.
 */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CommunicationLimits,
  readCommunicationLimits,
  saveCommunicationLimits,
} from '@caravan/engine/outbox/communication-limits';
import {
  listOutboxMessages,
  retryOutboxMessage,
  type OutboxError,
} from '@caravan/engine/outbox/outbox.service';
import { errorResponses, sendError } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';

const tags = ['outbox'];
const common = errorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED');

const OutboxStatus = z.enum(['pending', 'sending', 'sent', 'suppressed', 'dead', 'cancelled']);

const OutboxMessageResponse = z.object({
  id: z.number().int(),
  idempotencyKey: z.string(),
  channel: z.enum(['email', 'sms', 'webhook', 'salesAlert', 'external']),
  status: OutboxStatus,
  journeyId: z.string().nullable(),
  enrollmentId: z.number().int().nullable(),
  nodeId: z.string().nullable(),
  accountId: z.string().nullable(),
  personId: z.string().nullable(),
  recipient: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

const OutboxQuery = z.object({
  status: OutboxStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(100).optional(),
});

const LimitsBody = z.object({ limits: CommunicationLimits });

function sendOutboxError(reply: FastifyReply, error: OutboxError) {
  return sendError(reply, error.code, error.message);
}

export const outboxPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  app.get('/outbox', {
    schema: {
      tags,
      summary: 'Outbox messages, newest first; `status=dead` lists the dead letters',
      querystring: OutboxQuery,
      response: {
        200: z.object({
          items: z.array(OutboxMessageResponse),
          total: z.number().int(),
          nextCursor: z.string().nullable(),
        }),
        ...common,
        ...errorResponses('INVALID_CURSOR'),
      },
    },
    handler: async (request, reply) => {
      const page = await listOutboxMessages(deps, request.query);
      return page.ok ? page.value : sendOutboxError(reply, page.error);
    },
  });

  app.post('/outbox/:id/retry', {
    schema: {
      tags,
      summary: 'Send a dead letter again: pending, due now, with a fresh count of attempts',
      params: z.object({ id: z.coerce.number().int().positive() }),
      response: {
        200: OutboxMessageResponse,
        ...common,
        ...errorResponses('OUTBOX_MESSAGE_NOT_FOUND', 'OUTBOX_MESSAGE_NOT_DEAD'),
      },
    },
    handler: async (request, reply) => {
      const retried = await retryOutboxMessage(deps, request.params.id);
      return retried.ok ? retried.value : sendOutboxError(reply, retried.error);
    },
  });

  app.get('/communication-limits', {
    schema: {
      tags,
      summary: 'How many emails / SMS a person may get per hour, day, week or month',
      response: { 200: LimitsBody, ...common },
    },
    handler: async () => ({ limits: await readCommunicationLimits(deps.database.db) }),
  });

  app.put('/communication-limits', {
    schema: {
      tags,
      summary: 'Replace the communication limits (an empty list: no limits)',
      body: LimitsBody,
      response: { 200: LimitsBody, ...common },
    },
    handler: async (request) => ({
      limits: await saveCommunicationLimits(deps, request.body.limits),
    }),
  });
};
