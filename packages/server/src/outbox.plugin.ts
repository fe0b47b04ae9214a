/**
 * `/outbox`: the delivery log — every message the engine queued, with its state, searchable by
 * status, channel, journey, recipient and date — and retries of dead letters, one or many;
 * `/communication-limits`: the per-person limits of sends across journeys. Viewers read (a failed
 * call's error only as a short reason, never the provider's body); managers retry; only admins
 * change the limits.
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
  retryDeadLetters,
  retryOutboxMessage,
  searchDeliveries,
  type OutboxError,
} from '@caravan/engine/outbox/outbox.service';
import { canWrite } from '@caravan/core/user';
import type { OutboxMessage } from '@caravan/storage/outbox.repository';
import { principalOf, requireAdmin } from './authenticate.ts';
import { errorResponses, sendError } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';

const tags = ['outbox'];
const common = errorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED');

const OutboxStatus = z.enum(['pending', 'sending', 'sent', 'suppressed', 'dead', 'cancelled']);
/** The status as people read it: `retrying` is a pending message that failed before. */
const DeliveryState = z.enum([
  'pending',
  'retrying',
  'sending',
  'sent',
  'suppressed',
  'dead',
  'cancelled',
]);
const Channel = z.enum(['email', 'sms', 'webhook', 'salesAlert', 'external']);

const OutboxMessageResponse = z.object({
  id: z.number().int(),
  idempotencyKey: z.string(),
  channel: Channel,
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

const DeliveryResponse = OutboxMessageResponse.extend({
  state: DeliveryState,
  journeyName: z.string().nullable(),
});

const OutboxQuery = z.object({
  status: DeliveryState.optional(),
  channel: Channel.optional(),
  journeyId: z.string().max(100).optional(),
  recipient: z.string().max(320).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(100).optional(),
});

/**
 * What a viewer may see of a failed send: the first clause of the error (who answered what
 * status), never the body a provider or webhook receiver sent back, nor the webhook's headers.
 */
function forViewer<T extends Pick<OutboxMessage, 'lastError' | 'payload'>>(message: T): T {
  const reason = message.lastError?.split(/:\s/)[0]?.slice(0, 120) ?? null;
  return {
    ...message,
    lastError: reason,
    payload: { channel: message.payload.channel } as T['payload'],
  };
}

const LimitsBody = z.object({ limits: CommunicationLimits });

function sendOutboxError(reply: FastifyReply, error: OutboxError) {
  return sendError(reply, error.code, error.message);
}

export const outboxPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  app.get('/outbox', {
    schema: {
      tags,
      summary:
        'The delivery log, newest first, filtered by status (`dead`: the dead letters), channel, journey, recipient (part of) and creation date',
      querystring: OutboxQuery,
      response: {
        200: z.object({
          items: z.array(DeliveryResponse),
          total: z.number().int(),
          nextCursor: z.string().nullable(),
        }),
        ...common,
        ...errorResponses('INVALID_CURSOR'),
      },
    },
    handler: async (request, reply) => {
      const { status, from, to, ...rest } = request.query;
      const page = await searchDeliveries(deps, {
        ...rest,
        ...(status === undefined ? {} : { state: status }),
        ...(from === undefined ? {} : { from: new Date(from) }),
        ...(to === undefined ? {} : { to: new Date(to) }),
      });
      if (!page.ok) return sendOutboxError(reply, page.error);
      if (canWrite(principalOf(request).role)) return page.value;
      return { ...page.value, items: page.value.items.map(forViewer) };
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

  app.post('/outbox/retry', {
    schema: {
      tags,
      summary: 'Send many dead letters again; ids that are not dead letters are skipped',
      body: z.object({ ids: z.array(z.number().int().positive()).min(1).max(500) }),
      response: {
        200: z.object({ retried: z.array(z.number().int()), skipped: z.array(z.number().int()) }),
        ...common,
      },
    },
    handler: async (request) => retryDeadLetters(deps, request.body.ids),
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
    preHandler: requireAdmin,
    schema: {
      tags,
      summary: 'Replace the communication limits (admin; an empty list: no limits)',
      body: LimitsBody,
      response: { 200: LimitsBody, ...common },
    },
    handler: async (request) => ({
      limits: await saveCommunicationLimits(deps, request.body.limits, principalOf(request).id),
    }),
  });
};
