/**
 * A journey's run, read-only (SPEC §7): metrics per node from the engine's counters, the
 * accounts at or through a node, an account's timeline per pass, and the journeys an account
 * is or was in. Viewers may read all of it.
 */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '@caravan/core/journey/definition';
import { JourneyStatus } from '@caravan/core/journey/status';
import {
  accountJourneys,
  accountTimeline,
  journeyMetrics,
  nodeAccounts,
  type RunQueryError,
} from '@caravan/engine/journeys/journey-run-queries';
import { errorResponses, sendError } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';

const tags = ['journey runs'];
const common = errorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED');
const journeyNotFound = errorResponses('JOURNEY_NOT_FOUND');

const Count = z.number().int();

export const JourneyMetricsResponse = z.object({
  journeyId: z.string(),
  totals: z.object({
    entered: Count,
    inProgress: Count,
    completed: Count,
    aborted: Count,
    removed: Count,
    journeyEnded: Count,
    accountDeleted: Count,
  }),
  nodes: z.array(
    z.object({
      nodeId: z.string(),
      entered: Count,
      current: Count,
      paths: z.record(z.string(), Count).describe('Accounts that left by each port'),
      messages: z
        .object({
          channel: z.enum(['email', 'sms']),
          sent: Count,
          delivered: Count,
          opened: Count.describe('People who opened (email), unique per node'),
          clicked: Count.describe('People who clicked a tracked link, unique per node'),
        })
        .optional()
        .describe('Email and SMS action nodes only: their messages, from the report rollups'),
    }),
  ),
});

const NodeParams = z.object({ id: z.uuid(), nodeId: Id });

const NodeAccountsQuery = z.object({
  state: z.enum(['current', 'entered']).default('current'),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(2000).optional(),
});

export const NodeAccountsResponse = z.object({
  items: z.array(
    z.object({
      accountId: z.string(),
      accountName: z.string().nullable(),
      enrollmentId: z.number().int(),
      pass: z.number().int(),
      since: z.string().describe('current: arrival at the node; entered: entry into the journey'),
    }),
  ),
  nextCursor: z.string().nullable(),
});

const TimelineParams = z.object({ id: z.uuid(), accountId: z.uuid() });

export const TimelineResponse = z.object({
  passes: z.array(
    z.object({
      enrollmentId: z.number().int(),
      pass: z.number().int(),
      status: z.string(),
      enteredAt: z.string(),
      endedAt: z.string().nullable(),
      endReason: z.string().nullable(),
      entries: z.array(
        z.object({
          at: z.string(),
          kind: z.string(),
          nodeId: z.string().nullable(),
          nodeTitle: z.string().nullable(),
          port: z.string().nullable(),
          personId: z.string().nullable(),
          detail: z.record(z.string(), z.unknown()),
        }),
      ),
    }),
  ),
});

export const AccountJourneysResponse = z.object({
  items: z.array(
    z.object({
      journeyId: z.string(),
      journeyName: z.string(),
      journeyStatus: JourneyStatus,
      enrollmentId: z.number().int(),
      pass: z.number().int(),
      passes: z.number().int(),
      status: z.string(),
      nodeId: z.string(),
      nodeTitle: z.string().nullable(),
      enteredAt: z.string(),
      endedAt: z.string().nullable(),
      endReason: z.string().nullable(),
    }),
  ),
});

function sendRunError(reply: FastifyReply, error: RunQueryError) {
  return sendError(reply, error.code, error.message);
}

export const journeyRunsPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  app.get('/journeys/:id/metrics', {
    schema: {
      tags,
      summary: 'Accounts entered, current and per path for every node, and the totals',
      params: z.object({ id: z.uuid() }),
      response: { 200: JourneyMetricsResponse, ...common, ...journeyNotFound },
    },
    handler: async (request, reply) => {
      const metrics = await journeyMetrics(deps, request.params.id);
      return metrics.ok ? metrics.value : sendRunError(reply, metrics.error);
    },
  });

  app.get('/journeys/:id/nodes/:nodeId/accounts', {
    schema: {
      tags,
      summary: 'The accounts at a node now (current) or that reached it (entered, one per pass)',
      params: NodeParams,
      querystring: NodeAccountsQuery,
      response: {
        200: NodeAccountsResponse,
        ...common,
        ...errorResponses('INVALID_CURSOR', 'JOURNEY_NOT_FOUND', 'JOURNEY_NODE_NOT_FOUND'),
      },
    },
    handler: async (request, reply) => {
      const { id, nodeId } = request.params;
      const { state, limit, cursor } = request.query;
      const page = await nodeAccounts(deps, id, nodeId, {
        state,
        ...(limit !== undefined ? { limit } : {}),
        ...(cursor !== undefined ? { cursor } : {}),
      });
      return page.ok ? page.value : sendRunError(reply, page.error);
    },
  });

  app.get('/journeys/:id/accounts/:accountId/timeline', {
    schema: {
      tags,
      summary: "An account's passes through the journey, each with its timeline",
      params: TimelineParams,
      response: {
        200: TimelineResponse,
        ...common,
        ...errorResponses('JOURNEY_NOT_FOUND', 'ACCOUNT_NOT_FOUND'),
      },
    },
    handler: async (request, reply) => {
      const { id, accountId } = request.params;
      const timeline = await accountTimeline(deps, id, accountId);
      return timeline.ok ? timeline.value : sendRunError(reply, timeline.error);
    },
  });

  app.get('/accounts/:id/journeys', {
    schema: {
      tags,
      summary: 'The journeys the account is or was in, with its latest pass in each',
      params: z.object({ id: z.uuid() }),
      response: { 200: AccountJourneysResponse, ...common, ...errorResponses('ACCOUNT_NOT_FOUND') },
    },
    handler: async (request, reply) => {
      const journeys = await accountJourneys(deps, request.params.id);
      return journeys.ok ? journeys.value : sendRunError(reply, journeys.error);
    },
  });
};
