/**
 * `/segment/identify|group|track|batch`: Segment-spec compatible ingestion, so that existing CDPs
 * and SDKs can feed Caravan. Authenticated by a write key sent as Segment sends it (HTTP Basic,
 * the key as username, no password); a write key is an API key with a role that may write.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canWrite } from '@caravan/core/user';
import {
  segmentBatch,
  segmentGroup,
  segmentIdentify,
  segmentTrack,
} from '@caravan/engine/ingestion/segment-ingestion.service';
import {
  SegmentBatch,
  SegmentGroup,
  SegmentIdentify,
  SegmentTrack,
} from '@caravan/engine/ingestion/segment-message';
import { principalFromApiKey } from './auth.service.ts';
import { sendDataError } from './b2b.schemas.ts';
import { errorResponses, sendError } from './errors.ts';
import { IngestionSummary } from './events.plugin.ts';
import type { ServerDeps } from './server-deps.ts';

const tags = ['segment'];
const common = errorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED');
const Success = z.object({ success: z.literal(true), duplicate: z.boolean().optional() });

/** The write key of `Authorization: Basic base64(key:)`, or of `Bearer key`. */
export function writeKeyOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer?.[1]) return bearer[1];
  const basic = /^Basic\s+(\S+)$/i.exec(header);
  if (!basic?.[1]) return undefined;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const key = decoded.split(':')[0];
  return key ? key : undefined;
}

function requireWriteKey(deps: ServerDeps) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const key = writeKeyOf(request.headers.authorization);
    const principal = key ? await principalFromApiKey(deps, key) : undefined;
    if (!principal)
      return sendError(reply, 'UNAUTHENTICATED', 'Send a write key as HTTP Basic username.');
    if (!canWrite(principal.role)) {
      return sendError(reply, 'FORBIDDEN', "A viewer's API key cannot be a write key.");
    }
    request.principal = principal;
  };
}

export const segmentPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  app.addHook('preHandler', requireWriteKey(deps));
  const security = [{ writeKey: [] }];

  app.post('/segment/identify', {
    schema: {
      tags,
      security,
      summary: 'Segment identify: upsert a person by userId (external id), else traits.email',
      body: SegmentIdentify,
      response: {
        200: Success,
        ...common,
        ...errorResponses('PERSON_EMAIL_TAKEN', 'ATTRIBUTES_INVALID'),
      },
    },
    handler: async (request, reply) => {
      const done = await segmentIdentify(deps, request.body);
      return done.ok ? { success: true as const } : sendDataError(reply, done.error);
    },
  });

  app.post('/segment/group', {
    schema: {
      tags,
      security,
      summary:
        "Segment group: upsert the account by groupId (external id) and link the user's person",
      body: SegmentGroup,
      response: {
        200: Success,
        ...common,
        ...errorResponses(
          'ACCOUNT_EXTERNAL_ID_TAKEN',
          'ACCOUNT_DOMAIN_INVALID',
          'ACCOUNT_NOT_FOUND',
          'ATTRIBUTES_INVALID',
        ),
      },
    },
    handler: async (request, reply) => {
      const done = await segmentGroup(deps, request.body);
      return done.ok ? { success: true as const } : sendDataError(reply, done.error);
    },
  });

  app.post('/segment/track', {
    schema: {
      tags,
      security,
      summary:
        "Segment track: store an activity on context.groupId's account or the user's account",
      body: SegmentTrack,
      response: { 200: Success, ...common, ...errorResponses('EVENT_UNRESOLVED') },
    },
    handler: async (request, reply) => {
      const done = await segmentTrack(deps, request.body);
      if (!done.ok) return sendDataError(reply, done.error);
      return { success: true as const, duplicate: done.value.duplicate };
    },
  });

  app.post('/segment/batch', {
    schema: {
      tags,
      security,
      summary: 'Segment batch of identify, group and track calls (up to 1,000)',
      body: SegmentBatch,
      response: {
        200: IngestionSummary.extend({ success: z.literal(true) }),
        ...common,
        ...errorResponses('PAYLOAD_TOO_LARGE'),
      },
    },
    handler: async (request, reply) => {
      const summary = await segmentBatch(deps, request.body);
      return summary.ok
        ? { success: true as const, ...summary.value }
        : sendDataError(reply, summary.error);
    },
  });
};
