/**
 * `POST /buying-groups/engagement/recompute`: recomputes buying-group engagement scores now
 * (the scheduler also does so daily), for one solution interest and/or account or for all.
 * `GET/PUT /buying-groups/engagement/weights`: the stored weights and saturation that the daily
 * run and every recompute without its own use. Viewers may read them; writes are refused to
 * viewers by the shared write rule.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EngagementWeights } from '@caravan/core/b2b/engagement-score';
import {
  EngagementSettings,
  readEngagementSettings,
  recomputeEngagementScores,
  saveEngagementSettings,
} from '@caravan/engine/buying-groups/engagement.service';
import { errorResponses } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';

const RecomputeBody = z
  .object({
    solutionInterestId: z.string().min(1).optional(),
    accountId: z.string().min(1).optional(),
    weights: EngagementWeights.optional().describe(
      'Points and daily cap per activity type for this run only (default: the stored weights, ' +
        'GET /buying-groups/engagement/weights); types left out count 0.',
    ),
    saturation: z
      .number()
      .positive()
      .optional()
      .describe('Raw points that make a score of 100 for this run (default: the stored one)'),
  })
  .strict();

const RecomputeResult = z.object({
  groups: z.number().int().describe('Buying groups recomputed'),
  changed: z.number().int().describe('Of those, groups whose score changed'),
});

export const engagementPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  app.get('/buying-groups/engagement/weights', {
    schema: {
      tags: ['buying groups'],
      summary: 'Read the stored engagement weights and saturation (the defaults while unset)',
      response: { 200: EngagementSettings, ...errorResponses('UNAUTHENTICATED') },
    },
    handler: async () => readEngagementSettings(deps.database.db),
  });

  app.put('/buying-groups/engagement/weights', {
    schema: {
      tags: ['buying groups'],
      summary: 'Store the engagement weights and saturation (used from the next recompute)',
      description:
        'Replaces both as a whole; activity types left out count 0. Scores are not ' +
        'recomputed now: the daily run or POST /buying-groups/engagement/recompute does that.',
      body: EngagementSettings.strict(),
      response: {
        200: EngagementSettings,
        ...errorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED'),
      },
    },
    handler: async (request) => saveEngagementSettings(deps, request.body),
  });

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
