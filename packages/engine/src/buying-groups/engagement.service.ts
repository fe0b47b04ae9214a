/**
 * Recomputes buying-group engagement scores (docs/engagement-score.md) from the activities of
 * each group's members over the last 30 days, daily (the scheduler) and on demand (the API).
 * Each group is one transaction: the new score, an `engagementScoreChanged` activity when it
 * moved, and the account's audience and list memberships re-evaluated, since audiences may
 * test the score. The weights and saturation are stored in `engine_settings` under
 * `engagementWeights` (the defaults while unset) and used by every run that is not given its own.
 */
import { z } from 'zod';
import type { BuyingGroup } from '@caravan/core/b2b/buying-group';
import {
  defaultEngagementSaturation,
  defaultEngagementWeights,
  engagementScore,
  engagementWindowDays,
  EngagementWeights,
} from '@caravan/core/b2b/engagement-score';
import { listActivities, recordActivities } from '@caravan/storage/activity.repository';
import {
  findBuyingGroup,
  listAccountBuyingGroups,
  listBuyingGroups,
  updateBuyingGroup,
} from '@caravan/storage/buying-group.repository';
import type { Db } from '@caravan/storage/database';
import { getEngineSetting, setEngineSetting } from '@caravan/storage/engine-settings.repository';
import type { DataDeps } from '../data/attribute-definitions.service.ts';
import { reevaluateAccount } from '../segments/membership-evaluation.ts';
import { groupActivity } from './solution-interests.service.ts';

export interface EngagementScope {
  solutionInterestId?: string | undefined;
  accountId?: string | undefined;
}

/** Weights and saturation of one run; the stored ones (`readEngagementSettings`) when absent. */
export interface EngagementScoring {
  weights?: EngagementWeights | undefined;
  saturation?: number | undefined;
}

/** The scoring configuration an admin keeps: what the daily run and a plain recompute use. */
export const EngagementSettings = z.object({
  weights: EngagementWeights.refine((w) => Object.keys(w).length <= 200, {
    message: 'at most 200 activity types',
  }).describe('Points and daily cap per activity type; types left out count 0'),
  saturation: z.number().positive().max(1_000_000).describe('Raw points that make a score of 100'),
});
export type EngagementSettings = z.infer<typeof EngagementSettings>;

export const engagementSettingsKey = 'engagementWeights';

type Scoring = EngagementSettings;

export interface EngagementRecompute {
  /** Groups looked at. */
  groups: number;
  /** Groups whose stored score changed. */
  changed: number;
}

export const engagementScoreChangedType = 'engagementScoreChanged';

const dayMs = 24 * 60 * 60 * 1000;
const pageSize = 200;

/**
 * Most activities read per group. The daily caps bound what counts (a few dozen points a day per
 * type), so a group with more weighted activities than this in 30 days is saturated long before
 * the limit matters.
 */
const activityLimit = 20_000;

/** Weighted activity types of the group's members in the window; one query per group. */
async function memberActivities(db: Db, group: BuyingGroup, weights: EngagementWeights, now: Date) {
  const members = new Set(group.members.map((m) => m.personId));
  if (members.size === 0) return [];
  // Read by account (indexed) and keep the members': the repository filters one person at a time.
  const activities = await listActivities(db, {
    accountId: group.accountId,
    types: Object.keys(weights),
    since: new Date(now.getTime() - engagementWindowDays * dayMs),
    until: now,
    limit: activityLimit,
  });
  return activities.filter((a) => a.personId !== null && members.has(a.personId));
}

/** Recomputes one group in `db` (a transaction); answers whether its score changed. */
async function recomputeGroup(
  db: Db,
  groupId: string,
  scoring: Scoring,
  now: Date,
): Promise<boolean> {
  // Re-read in the transaction so that `old` is the score this change replaces.
  const group = await findBuyingGroup(db, groupId);
  if (group === undefined) return false;
  const activities = await memberActivities(db, group, scoring.weights, now);
  const score = engagementScore(activities, scoring.weights, now, scoring.saturation);
  if (score === group.engagementScore) return false;
  const updated = await updateBuyingGroup(db, group.id, { engagementScore: score }, now);
  if (!updated.ok) return false;
  await recordActivities(db, [
    groupActivity(group, engagementScoreChangedType, now, null, {
      old: group.engagementScore,
      new: score,
    }),
  ]);
  await reevaluateAccount(db, group.accountId, now);
  return true;
}

/** The groups in scope, page by page (of one account: all at once, an account has few). */
async function* groupsInScope(db: Db, scope: EngagementScope): AsyncGenerator<BuyingGroup[]> {
  if (scope.accountId !== undefined) {
    const groups = await listAccountBuyingGroups(db, scope.accountId);
    yield scope.solutionInterestId === undefined
      ? groups
      : groups.filter((g) => g.solutionInterestId === scope.solutionInterestId);
    return;
  }
  for (let offset = 0; ; offset += pageSize) {
    const { items } = await listBuyingGroups(db, {
      ...(scope.solutionInterestId !== undefined && {
        solutionInterestId: scope.solutionInterestId,
      }),
      limit: pageSize,
      offset,
    });
    yield items;
    if (items.length < pageSize) return;
  }
}

/**
 * The stored weights and saturation; the documented defaults when unset. A stored value that no
 * longer parses (written by an older version) also falls back to the defaults rather than
 * stopping the daily run.
 */
export async function readEngagementSettings(db: Db): Promise<EngagementSettings> {
  const parsed = EngagementSettings.safeParse(await getEngineSetting(db, engagementSettingsKey));
  return parsed.success
    ? parsed.data
    : { weights: defaultEngagementWeights, saturation: defaultEngagementSaturation };
}

/** Stores the weights and saturation; scores change at the next recompute, not now. */
export async function saveEngagementSettings(
  deps: DataDeps,
  settings: EngagementSettings,
): Promise<EngagementSettings> {
  await setEngineSetting(deps.database.db, engagementSettingsKey, settings, deps.clock.now());
  return settings;
}

/**
 * Recomputes the engagement score of every group in scope (all groups when the scope is empty),
 * one transaction per group, with the weights and saturation of `custom` where given and the
 * stored ones otherwise. An unknown interest or account has no groups: `{0, 0}`.
 */
export async function recomputeEngagementScores(
  deps: DataDeps,
  scope: EngagementScope = {},
  custom: EngagementScoring = {},
): Promise<EngagementRecompute> {
  const now = deps.clock.now();
  const stored =
    custom.weights !== undefined && custom.saturation !== undefined
      ? undefined
      : await readEngagementSettings(deps.database.db);
  const scoring: Scoring = {
    weights: custom.weights ?? stored?.weights ?? defaultEngagementWeights,
    saturation: custom.saturation ?? stored?.saturation ?? defaultEngagementSaturation,
  };
  const done: EngagementRecompute = { groups: 0, changed: 0 };
  for await (const page of groupsInScope(deps.database.db, scope)) {
    for (const listed of page) {
      done.groups += 1;
      const changed = await deps.database.db
        .transaction()
        .execute((trx) => recomputeGroup(trx, listed.id, scoring, now));
      if (changed) done.changed += 1;
    }
  }
  return done;
}
