/** `POST /events`: the native batch of up to 1,000 events, stored as activities. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ingestEvents, maxEventsPerBatch } from '@caravan/engine/ingestion/event-ingestion.service';
import { sendDataError } from './b2b.schemas.ts';
import { errorResponses } from './errors.ts';
import { throughGate, type IngestionGate } from './ingestion-gate.ts';
import type { ServerDeps } from './server-deps.ts';

/** What an ingestion answers: counts, and each rejected event with its index and reason. */
export const IngestionSummary = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(z.object({ index: z.number().int(), code: z.string(), message: z.string() })),
});

// Items are checked one by one in the service so that one bad event does not reject the batch.
const EventsBody = z.object({
  events: z
    .array(z.unknown())
    .describe(
      `Up to ${maxEventsPerBatch} of { messageId, type, occurredAt?, accountId? | accountExternalId? | domain?, personId? | personExternalId? | email?, properties }`,
    ),
});

export interface EventsPluginOptions extends ServerDeps {
  /** Shared with the Segment routes: batches are stored one at a time. */
  gate: IngestionGate;
}

export const eventsPlugin: FastifyPluginAsyncZod<EventsPluginOptions> = async (app, deps) => {
  app.post('/events', {
    schema: {
      tags: ['events'],
      summary: 'Ingest a batch of events; valid ones are stored even when others are rejected',
      body: EventsBody,
      response: {
        202: IngestionSummary,
        ...errorResponses(
          'UNAUTHENTICATED',
          'FORBIDDEN',
          'VALIDATION_FAILED',
          'PAYLOAD_TOO_LARGE',
          'INGESTION_BUSY',
        ),
      },
    },
    handler: async (request, reply) => {
      const summary = await throughGate(deps.gate, reply, request.body.events.length, () =>
        ingestEvents(deps, request.body.events),
      );
      if (!summary) return reply;
      return summary.ok ? reply.code(202).send(summary.value) : sendDataError(reply, summary.error);
    },
  });
};
