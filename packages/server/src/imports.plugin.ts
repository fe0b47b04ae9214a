/**
 * `POST /imports/{entity}`: a CSV file of accounts or people (`text/csv`), streamed into the
 * import as it arrives, answered 201 with the counts and the rejected rows when the whole file is
 * in. Synchronous for now; a later issue turns it into a job whose progress the upload page
 * polls (the engine already reports progress per batch).
 */
import { Transform, pipeline, type Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { importCsv } from '@caravan/engine/import/csv-import.service';
import { errorResponses, sendError } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';

/** 200 MiB: a million-row CSV, far above the 1 MiB every other route accepts. */
export const importBodyLimit = 200 * 1024 * 1024;

const tags = ['imports'];

const ImportParams = z.object({ entity: z.enum(['accounts', 'people']) });

/**
 * `mapping`: a JSON object from the file's headers to a column, a custom attribute or "" (skip),
 * e.g. `{"Company Name":"name","Notes":""}`; headers it leaves out are matched by name and
 * common synonyms.
 */
const ImportQuery = z.object({
  mapping: z
    .string()
    .max(20_000)
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON object' });
        return z.NEVER;
      }
    })
    .pipe(z.record(z.string().max(500), z.string().max(255)))
    .optional(),
});

export const ImportResultBody = z.object({
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Ordered by line; lines are physical lines of the file, the header being line 1. */
  rejected: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  /** Rejected rows beyond the first 10,000, counted only. */
  rejectedNotListed: z.number().int(),
});

class BodyTooLarge extends Error {
  constructor() {
    super(`The CSV is larger than ${importBodyLimit / 1024 / 1024} MiB.`);
  }
}

/** Passes the body through, failing the stream once it exceeds the limit (chunked uploads). */
function limitBytes(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      done(seen > limit ? new BodyTooLarge() : null, chunk);
    },
  });
}

function isStream(body: unknown): body is Readable {
  return typeof body === 'object' && body !== null && 'pipe' in body;
}

export const importsPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  // Scoped to this plugin: the body reaches the handler as the raw stream, unbuffered.
  app.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));

  app.post('/imports/:entity', {
    schema: {
      tags,
      summary:
        'Import a CSV of accounts or people (text/csv, ≤ 200 MiB): upsert by external id, else ' +
        'domain (accounts) or email (people); bad rows are reported by line, the rest imports',
      consumes: ['text/csv'],
      params: ImportParams,
      querystring: ImportQuery,
      // For OpenAPI only: the body arrives as a stream, which the handler checks itself.
      body: z.any().describe('The CSV file: a header row naming the columns, then one row each'),
      response: {
        201: ImportResultBody,
        ...errorResponses(
          'UNAUTHENTICATED',
          'FORBIDDEN',
          'VALIDATION_FAILED',
          'PAYLOAD_TOO_LARGE',
          'UNSUPPORTED_MEDIA_TYPE',
          'CSV_HEADER_INVALID',
        ),
      },
    },
    handler: async (request, reply) => {
      if (!isStream(request.body)) {
        return sendError(reply, 'UNSUPPORTED_MEDIA_TYPE', 'Send the file as text/csv.');
      }
      const declared = Number(request.headers['content-length'] ?? Number.NaN);
      if (declared > importBodyLimit) {
        return sendError(reply, 'PAYLOAD_TOO_LARGE', new BodyTooLarge().message);
      }
      try {
        const result = await importCsv(deps, {
          entity: request.params.entity,
          // pipeline() carries a client's abort into the import, which then fails.
          input: pipeline(request.body, limitBytes(importBodyLimit), () => {}),
          ...(Number.isFinite(declared) ? { totalBytes: declared } : {}),
          ...(request.query.mapping ? { mapping: request.query.mapping } : {}),
        });
        if (!result.ok) {
          return sendError(reply, result.error.code, result.error.message, result.error.details);
        }
        return reply.code(201).send(result.value);
      } catch (error) {
        // Rows already written stay written: each batch commits on its own.
        if (error instanceof BodyTooLarge) {
          return sendError(reply, 'PAYLOAD_TOO_LARGE', error.message);
        }
        throw error;
      }
    },
  });
};
