/**
 * `POST /callbacks/external/{token}`: where an external service answers a call of an external
 * action or external split (SPEC §2). No session or API key: the token in the URL, signed with
 * the engine secret when the call was made, is the authorization and names the waiting account.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadEngineSecret } from '@caravan/engine/runtime/engine-secret';
import {
  answerExternalCallback,
  ExternalCallbackAnswer,
} from '@caravan/engine/external-services/external-services.service';
import { errorResponses, sendError } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';

const CallbackParams = z.object({ token: z.string().min(1).max(2000) });

export const externalCallbacksPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  // Read once: every process on the database shares the stored secret (see engine-secret.ts).
  const secret = await loadEngineSecret(deps.database, deps.clock, deps.config.secret);

  app.post('/callbacks/external/:token', {
    schema: {
      tags: ['external services'],
      summary: "An external service's answer to a call",
      description:
        'The URL is sent with the call. `success` with `values` routes the account on (an ' +
        'external split decides its path by the values); `success: false` takes ' +
        '`timeoutOrError`. Only the first answer counts; later ones answer 409.',
      security: [],
      params: CallbackParams,
      body: ExternalCallbackAnswer,
      response: {
        202: z.object({ accepted: z.literal(true) }),
        ...errorResponses('VALIDATION_FAILED', 'INVALID_CALLBACK_TOKEN', 'CALLBACK_NOT_EXPECTED'),
      },
    },
    handler: async (request, reply) => {
      const answered = await answerExternalCallback(
        deps,
        secret,
        request.params.token,
        request.body,
      );
      if (!answered.ok) return sendError(reply, answered.error.code, answered.error.message);
      return reply.code(202).send({ accepted: true as const });
    },
  });
};
