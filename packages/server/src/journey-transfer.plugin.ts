/** Journeys as code: `GET /journeys/{id}/export` and `POST /journeys/import`. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { JourneyName } from '@caravan/core/journey/journey';
import {
  exportJourney,
  importJourney,
  journeyFileName,
  JourneyFile,
} from '@caravan/engine/journeys/journey-transfer.service';
import { z } from 'zod';
import { principalOf } from './authenticate.ts';
import { errorResponses, sendError } from './errors.ts';
import { JourneyParams, JourneyResponse, toJourneyResponse } from './journey.schemas.ts';
import type { ServerDeps } from './server-deps.ts';

const tags = ['journeys'];
const common = errorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED');

const ImportQuery = z.object({
  name: JourneyName.optional().describe("Overrides the file's name, e.g. to import a copy"),
});

export const journeyTransferPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  app.get('/journeys/:id/export', {
    schema: {
      tags,
      summary: 'Export a journey as a file (no ids, audit fields or status)',
      params: JourneyParams,
      response: { 200: JourneyFile, ...common, ...errorResponses('JOURNEY_NOT_FOUND') },
    },
    handler: async (request, reply) => {
      const exported = await exportJourney(deps, request.params.id);
      if (!exported.ok) {
        const { code, message, details } = exported.error;
        return sendError(reply, code, message, details);
      }
      const fileName = journeyFileName(exported.value.name);
      return reply
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(exported.value);
    },
  });

  app.post('/journeys/import', {
    schema: {
      tags,
      summary: 'Import a journey file as a new draft',
      querystring: ImportQuery,
      body: JourneyFile,
      response: { 201: JourneyResponse, ...common, ...errorResponses('JOURNEY_NAME_TAKEN') },
    },
    handler: async (request, reply) => {
      const imported = await importJourney(
        deps,
        principalOf(request).id,
        request.body,
        request.query.name,
      );
      if (!imported.ok) {
        const { code, message, details } = imported.error;
        return sendError(reply, code, message, details);
      }
      return reply.code(201).send(toJourneyResponse(imported.value));
    },
  });
};
