/**
 * `POST /buying-groups/engagement/recompute`: recomputes buying-group engagement scores now
 * (the scheduler also does so daily), for one solution interest and/or account or for all.
 * Viewers are refused by the shared write rule; managers and admins may run it.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EngagementWeights } from '@caravan/core/b2b/engagement-score';
import { recomputeEngagementScores } from '@caravan/engine/engagement.service';
import { errorResponses } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';

const RecomputeBody = z
  .object({
    solutionInterestId: z.string().min(1).optional(),
    accountId: z.string().min(1).optional(),
    weights: EngagementWeights.optional().describe(
      'Points and daily cap per activity type for this run (default: docs/engagement-score.md); ' +
        'types left out count 0. Not stored: persisted weights come with a settings page.',
    ),
    saturation: z
      .number()
      .positive()
      .optional()
      .describe('Raw points that make a score of 100 for this run (default 100)'),
  })
  .strict();

const RecomputeResult = z.object({
  groups: z.number().int().describe('Buying groups recomputed'),
  changed: z.number().int().describe('Of those, groups whose score changed'),
});

export const engagementPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  app.post('/buying-groups/engagement/recompute', {
    schema: {
      tags: ['buying groups'],
      summary: 'Recompute engagement scores of all groups, or of one interest and/or account',
      description:
        'Each group in one transaction: the score from its members\u2019 activities of the last ' +
        '30 days (docs/engagement-score.md), an `engagementScoreChanged` activity when it moved, ' +
        'and the account\u2019s audiences re-evaluated. An unknown interest or account has no ' +
        'groups and answers `{ groups: 0, changed: 0 }`.',
      body: RecomputeBody,
      response: {
        200: RecomputeResult,
        ...errorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED'),
      },
    },
    handler: async (request) => {
      const { weights, saturation, ...scope } = request.body;
      return recomputeEngagementScores(deps, scope, { weights, saturation });
    },
  });
};
