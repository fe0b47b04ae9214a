/**
 * Segment-spec ingestion where the SDKs look for it: under `/api/v1/segment/*` and at the root
 * paths the SDKs use by default (`/v1/batch`, `/v1/b`, `/v1/identify`, …), so that setting the
 * SDK's `host` (Segment) or `dataPlaneUrl` (RudderStack) alone works. Bodies are read as JSON
 * whatever their declared content type, gzip or deflate bodies are decompressed with the size
 * cap applied afterwards, and the limits are Segment's: 32 KB a call, 500 KB a batch. The write
 * key is an API key with a role that may write, sent as HTTP Basic username (as the SDKs do),
 * as a bearer token or as `writeKey` in the body.
 */
import { gunzip, inflate } from 'node:zlib';
import { promisify } from 'node:util';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canWrite } from '@caravan/core/user';
import {
  ingestSegmentCalls,
  type SegmentSummary,
} from '@caravan/engine/ingestion/segment-batch.service';
import {
  maxBatchBytes,
  maxCallBytes,
  type SegmentCallType,
} from '@caravan/engine/ingestion/segment-message';
import { principalFromApiKey } from './auth.service.ts';
import {
  errorCatalogue,
  errorResponses,
  handleError,
  sendError,
  type ErrorCode,
} from './errors.ts';
import {
  throughGate,
  type CallMix,
  type IngestionGate,
  type IngestionTally,
} from './ingestion-gate.ts';
import type { ServerDeps } from './server-deps.ts';

export interface SegmentPluginOptions extends ServerDeps {
  gate: IngestionGate;
  tally: IngestionTally;
  /** At the root (`/v1/*`): hidden from OpenAPI, which documents `/api/v1/segment/*`. */
  hidden?: boolean;
}

/** The parsed body: the JSON and its decompressed size. */
interface RawBody {
  json: unknown;
  bytes: number;
}

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);

class BodyError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

async function decode(encoding: string | undefined, body: Buffer): Promise<Buffer> {
  const options = { maxOutputLength: maxBatchBytes };
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip') return await gunzipAsync(body, options);
    if (encoding === 'deflate') return await inflateAsync(body, options);
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new BodyError('PAYLOAD_TOO_LARGE', `A batch holds at most ${maxBatchBytes / 1024} KB.`);
    }
    throw new BodyError('BAD_REQUEST', `The body is not valid ${encoding} data.`);
  }
  if (encoding === undefined || encoding === 'identity') return body;
  throw new BodyError('UNSUPPORTED_MEDIA_TYPE', `Content-Encoding ${encoding} is not supported.`);
}

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

function bodyObject(request: FastifyRequest): Record<string, unknown> | undefined {
  const json = (request.body as RawBody | undefined)?.json;
  return typeof json === 'object' && json !== null && !Array.isArray(json)
    ? (json as Record<string, unknown>)
    : undefined;
}

function requireWriteKey(deps: ServerDeps) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const inBody = bodyObject(request)?.writeKey;
    const key =
      writeKeyOf(request.headers.authorization) ??
      (typeof inBody === 'string' ? inBody : undefined);
    const principal = key ? await principalFromApiKey(deps, key) : undefined;
    if (!principal) {
      return sendError(
        reply,
        'UNAUTHENTICATED',
        'Send a write key as HTTP Basic username, a bearer token or writeKey in the body.',
      );
    }
    if (!canWrite(principal.role)) {
      return sendError(reply, 'FORBIDDEN', "A viewer's API key cannot be a write key.");
    }
    request.principal = principal;
  };
}

const Summary = z.object({
  success: z.literal(true),
  accepted: z.number().int(),
  duplicates: z.number().int(),
  pending: z.number().int(),
  rejected: z.array(z.object({ index: z.number().int(), code: z.string(), message: z.string() })),
});
const Single = z.object({
  success: z.literal(true),
  duplicate: z.boolean().optional(),
  pending: z.boolean().optional(),
});
const common = errorResponses(
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'INGESTION_BUSY',
);

const singleRoutes: ReadonlyArray<{ type: SegmentCallType; summary: string }> = [
  { type: 'identify', summary: 'identify: upsert a person by userId (external id), else email' },
  { type: 'group', summary: "group: upsert the account by groupId and link the user's person" },
  { type: 'track', summary: 'track: an activity on context.groupId’s account or the user’s' },
  { type: 'page', summary: 'page: a webPageVisited activity (name, properties, url)' },
  { type: 'screen', summary: 'screen: a screenViewed activity (name, properties)' },
  { type: 'alias', summary: 'alias: previousId becomes another id of the userId’s person' },
];

const identityCallTypes: readonly SegmentCallType[] = ['identify', 'group', 'alias'];

/** How many of a batch's calls are identity calls (for the gate's estimate of its cost). */
function mixOf(calls: readonly unknown[]): CallMix {
  let identities = 0;
  for (const call of calls) {
    const type = typeof call === 'object' && call !== null ? (call as { type?: unknown }).type : '';
    if ((identityCallTypes as readonly unknown[]).includes(type)) identities += 1;
  }
  return { events: calls.length - identities, identities };
}

/** A per-call code as the single route's error (every code a call can get is catalogued). */
function catalogued(code: string): ErrorCode {
  return code in errorCatalogue ? (code as ErrorCode) : 'INVALID_EVENT';
}

export const segmentPlugin: FastifyPluginAsyncZod<SegmentPluginOptions> = async (app, options) => {
  const { gate, tally } = options;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: maxBatchBytes },
    (request, body, done) => {
      const encoding = request.headers['content-encoding']?.toLowerCase().trim();
      decode(encoding, body as Buffer)
        .then((plain) => {
          try {
            done(null, { json: JSON.parse(plain.toString('utf8')), bytes: plain.length });
          } catch {
            done(new BodyError('BAD_REQUEST', 'The body is not JSON.'), undefined);
          }
        })
        .catch((error: unknown) => done(error as Error, undefined));
    },
  );
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof BodyError) return sendError(reply, error.code, error.message);
    return handleError(error as FastifyError, request, reply);
  });
  app.addHook('preHandler', requireWriteKey(options));
  const security = [{ writeKey: [] }];
  const hide = options.hidden === true;

  /** Runs a request through the gate (429 at once when saturated) and tallies its calls. */
  const run = async (
    request: FastifyRequest,
    reply: FastifyReply,
    calls: CallMix,
    work: () => Promise<SegmentSummary>,
  ): Promise<SegmentSummary | undefined> => {
    const summary = await throughGate(gate, reply, calls, work);
    const entries = summary
      ? summary.calls.map((c) => ({ type: c.type, outcome: c.outcome, code: c.code ?? '' }))
      : [{ type: 'request', outcome: 'busy', code: 'INGESTION_BUSY' }];
    tally.record(entries, request.log);
    return summary;
  };

  const batch = async (request: FastifyRequest, reply: FastifyReply) => {
    const body = bodyObject(request);
    const bytes = (request.body as RawBody | undefined)?.bytes ?? 0;
    if (!body || !Array.isArray(body.batch)) {
      return sendError(reply, 'VALIDATION_FAILED', 'body.batch: an array of calls is required', [
        { path: 'body.batch', message: 'an array of calls is required' },
      ]);
    }
    if (bytes > maxBatchBytes) {
      return sendError(
        reply,
        'PAYLOAD_TOO_LARGE',
        `A batch holds at most ${maxBatchBytes / 1024} KB.`,
      );
    }
    const calls = body.batch as unknown[];
    const context = body.context;
    const summary = await run(request, reply, mixOf(calls), () =>
      ingestSegmentCalls(options, {
        calls,
        bodyBytes: bytes,
        ...(typeof context === 'object' && context !== null
          ? { batchContext: context as Record<string, unknown> }
          : {}),
      }),
    );
    if (!summary) return reply;
    const { calls: _calls, ...counts } = summary;
    return { success: true as const, ...counts };
  };

  for (const path of ['/batch', '/b']) {
    app.post(path, {
      schema: {
        hide: hide || path === '/b',
        tags: ['segment'],
        security,
        summary: `Segment batch: { batch: [calls], context? } up to ${maxBatchBytes / 1024} KB`,
        response: { 200: Summary, ...common, ...errorResponses('VALIDATION_FAILED') },
      },
      handler: batch,
    });
  }

  for (const route of singleRoutes) {
    app.post(`/${route.type}`, {
      schema: {
        hide,
        tags: ['segment'],
        security,
        summary: `Segment ${route.summary} (up to ${maxCallBytes / 1024} KB)`,
        response: {
          200: Single,
          ...common,
          ...errorResponses('INVALID_EVENT', 'IDENTITY_CONFLICT', 'ATTRIBUTES_INVALID'),
        },
      },
      handler: async (request, reply) => {
        const bytes = (request.body as RawBody | undefined)?.bytes ?? 0;
        if (bytes > maxCallBytes) {
          return sendError(
            reply,
            'PAYLOAD_TOO_LARGE',
            `A call holds at most ${maxCallBytes / 1024} KB.`,
          );
        }
        const json = (request.body as RawBody | undefined)?.json;
        const identity = (identityCallTypes as readonly string[]).includes(route.type);
        const mix = { events: identity ? 0 : 1, identities: identity ? 1 : 0 };
        const summary = await run(request, reply, mix, () =>
          ingestSegmentCalls(options, { calls: [json], type: route.type, bodyBytes: bytes }),
        );
        if (!summary) return reply;
        const [call] = summary.calls;
        if (call?.outcome === 'rejected') {
          const code = call.code ?? 'INVALID_EVENT';
          return sendError(reply, catalogued(code), call.message);
        }
        return {
          success: true as const,
          ...(call?.outcome === 'duplicate' ? { duplicate: true } : {}),
          ...(call?.outcome === 'pending' ? { pending: true } : {}),
        };
      },
    });
  }
};
