import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { linkPerson } from '@caravan/storage/account-membership.repository';
import { listActivities, recordActivities } from '@caravan/storage/activity.repository';
import { isAudienceMember } from '@caravan/storage/audience-members.repository';
import { storedAccount, storedPerson } from '@caravan/storage/b2b-fixtures';
import { findBuyingGroup } from '@caravan/storage/buying-group.repository';
import {
  defaultEngagementSaturation,
  defaultEngagementWeights,
} from '@caravan/core/b2b/engagement-score';
import { setEngineSetting } from '@caravan/storage/engine-settings.repository';
import type { Database } from '@caravan/storage/database';
import { openTestDatabase, testDialects } from '@caravan/storage/test-databases';
import { createAudience } from '../segments/audiences.service.ts';
import { createBuyingGroups } from './buying-group-creation.ts';
import { assignBuyingGroupMember } from './buying-groups.service.ts';
import { ManualClock } from '../runtime/clock.ts';
import {
  readEngagementSettings,
  recomputeEngagementScores,
  saveEngagementSettings,
} from './engagement.service.ts';
import { runDailyEngagement, type DailyRunState } from '../journeys/scheduler.ts';
import {
  createRoleTemplate,
  createSolutionInterest,
  createStageModel,
} from './solution-interests.service.ts';

const start = new Date('2026-11-29T10:00:00.000Z');
const hour = 60 * 60 * 1000;
const day = 24 * hour;

function value<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

describe.each(testDialects)('engagement scores on %s', (dialect) => {
  let database: Database;
  let clock: ManualClock;
  let deps: { database: Database; clock: ManualClock };
  let interestId: string;

  beforeAll(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
    clock = new ManualClock(start);
    deps = { database, clock };
    const template = value(
      await createRoleTemplate(deps, {
        name: 'Anyone',
        description: '',
        roles: [
          {
            name: 'Member',
            weight: 60,
            membersRequired: 1,
            requiredForCompleteness: true,
            priority: 1,
          },
        ],
      }),
    );
    const model = value(
      await createStageModel(deps, {
        name: 'One stage',
        stages: [{ name: 'Open', kind: 'entry' }],
        transitions: [],
      }),
    );
    interestId = value(
      await createSolutionInterest(deps, {
        name: 'Analytics',
        description: '',
        roleTemplateId: template.id,
        stageModelId: model.id,
      }),
    ).id;
  });
  afterAll(async () => database.close());

  /** An account with a member and an outsider (linked, not in the group), and its group. */
  async function groupWithMember() {
    const account = await storedAccount(database.db, { id: crypto.randomUUID() });
    const [member, outsider] = [crypto.randomUUID(), crypto.randomUUID()];
    for (const id of [member, outsider]) {
      await storedPerson(database.db, { id, email: `${id}@example.com` });
      await linkPerson(database.db, {
        accountId: account.id,
        personId: id,
        role: null,
        now: clock.now(),
      });
    }
    const group = value(await createBuyingGroups(deps, interestId, [account.id])).created[0]!;
    value(await assignBuyingGroupMember(deps, group.id, member, 'Member'));
    return { accountId: account.id, groupId: group.id, member, outsider };
  }

  async function record(
    accountId: string,
    personId: string,
    type: string,
    agoMs: number,
    times = 1,
  ) {
    const now = clock.now().getTime();
    await recordActivities(
      database.db,
      Array.from({ length: times }, () => ({
        id: crypto.randomUUID(),
        type,
        accountId,
        personId,
        occurredAt: new Date(now - agoMs),
        receivedAt: new Date(now),
        messageId: null,
        properties: {},
      })),
    );
  }

  /**
   * Default weights: 5 opens on one day (5 → capped 3) + 2 clicks (6) + 3 forms 29.5 days ago
   * (30 → capped 20) + 1 visit (1) = 30. Not counted: an open exactly 30 days old, an unweighted
   * type, and the outsider's form.
   */
  async function fixedHistory(accountId: string, member: string, outsider: string) {
    await record(accountId, member, 'emailOpened', 2 * hour, 5);
    await record(accountId, member, 'emailClicked', 3 * hour, 2);
    await record(accountId, member, 'formFilledOut', 29 * day + 12 * hour, 3);
    await record(accountId, member, 'webPageVisited', 5 * day);
    await record(accountId, member, 'emailOpened', 30 * day);
    await record(accountId, member, 'pageScrolled', hour);
    await record(accountId, outsider, 'formFilledOut', hour);
  }

  it('scores a fixed history of the members as documented and records the change', async () => {
    const { accountId, groupId, member, outsider } = await groupWithMember();
    await fixedHistory(accountId, member, outsider);
    expect(await recomputeEngagementScores(deps, { accountId })).toEqual({ groups: 1, changed: 1 });
    expect((await findBuyingGroup(database.db, groupId))?.engagementScore).toBe(30);
    const changes = await listActivities(database.db, {
      accountId,
      types: ['engagementScoreChanged'],
      limit: 10,
    });
    expect(changes.map((c) => c.properties)).toEqual([
      { buyingGroupId: groupId, solutionInterestId: interestId, old: 0, new: 30 },
    ]);
    expect(await recomputeEngagementScores(deps, { accountId })).toEqual({ groups: 1, changed: 0 });
  });

  it('scores with the weights and saturation given for the run instead of the defaults', async () => {
    const { accountId, groupId, member, outsider } = await groupWithMember();
    await fixedHistory(accountId, member, outsider);
    // Only scrolling counts now (10 points), and 20 raw points make 100: 50.
    const custom = { weights: { pageScrolled: { points: 10, dailyCap: 10 } }, saturation: 20 };
    expect(await recomputeEngagementScores(deps, { accountId }, custom)).toEqual({
      groups: 1,
      changed: 1,
    });
    expect((await findBuyingGroup(database.db, groupId))?.engagementScore).toBe(50);
    await recomputeEngagementScores(deps, { accountId });
    expect((await findBuyingGroup(database.db, groupId))?.engagementScore).toBe(30);
  });

  it('limits a recompute to the groups of the interest asked for', async () => {
    const { accountId } = await groupWithMember();
    const other = await recomputeEngagementScores(deps, {
      accountId,
      solutionInterestId: 'no-such-interest',
    });
    expect(other).toEqual({ groups: 0, changed: 0 });
    const own = await recomputeEngagementScores(deps, {
      accountId,
      solutionInterestId: interestId,
    });
    expect(own).toEqual({ groups: 1, changed: 0 });
  });

  it('reruns once per UTC day and drops what aged out of the window', async () => {
    const { accountId, groupId, member, outsider } = await groupWithMember();
    await fixedHistory(accountId, member, outsider);
    const state: DailyRunState = { lastEngagementDay: undefined };
    expect(await runDailyEngagement(database, clock, state)).toBeDefined();
    expect((await findBuyingGroup(database.db, groupId))?.engagementScore).toBe(30);
    await record(accountId, member, 'formFilledOut', 0);
    expect(await runDailyEngagement(database, clock, state)).toBeUndefined();
    expect((await findBuyingGroup(database.db, groupId))?.engagementScore).toBe(30);
    // A day on: the three old forms (20) have dropped out; the new one (10) counts.
    clock.advance(day);
    expect(await runDailyEngagement(database, clock, state)).toBeDefined();
    expect((await findBuyingGroup(database.db, groupId))?.engagementScore).toBe(20);
    clock.set(start);
  });

  it('moves the account into an audience on the engagement score in the same run', async () => {
    const audience = value(
      await createAudience(deps, {
        name: 'Engaged analytics buyers',
        condition: {
          match: 'all',
          rules: [
            {
              kind: 'buyingGroup',
              solutionInterestId: interestId,
              attribute: 'engagementScore',
              operator: 'greaterThan',
              value: 25,
            },
          ],
        },
      }),
    );
    const { accountId, member, outsider } = await groupWithMember();
    expect(await isAudienceMember(database.db, audience.id, accountId)).toBe(false);
    await fixedHistory(accountId, member, outsider);
    await recomputeEngagementScores(deps, { accountId });
    expect(await isAudienceMember(database.db, audience.id, accountId)).toBe(true);
  });
  it('scores the daily run and a plain recompute with the stored weights, a request with its own', async () => {
    const { accountId, groupId, member, outsider } = await groupWithMember();
    await fixedHistory(accountId, member, outsider);
    expect(await readEngagementSettings(database.db)).toEqual({
      weights: defaultEngagementWeights,
      saturation: defaultEngagementSaturation,
    });
    // Only form fills count, 10 each capped at 10 a day (one day: 10), and 40 raw points make 100.
    const stored = { weights: { formFilledOut: { points: 10, dailyCap: 10 } }, saturation: 40 };
    await saveEngagementSettings(deps, stored);
    expect(await readEngagementSettings(database.db)).toEqual(stored);
    const state: DailyRunState = { lastEngagementDay: undefined };
    expect(await runDailyEngagement(database, clock, state)).toBeDefined();
    expect((await findBuyingGroup(database.db, groupId))?.engagementScore).toBe(25);
    // Given weights win over the stored ones; the missing saturation is the stored one (40).
    const own = { weights: { emailClicked: { points: 4, dailyCap: 20 } } };
    await recomputeEngagementScores(deps, { accountId }, own);
    expect((await findBuyingGroup(database.db, groupId))?.engagementScore).toBe(20);
    await recomputeEngagementScores(deps, { accountId });
    expect((await findBuyingGroup(database.db, groupId))?.engagementScore).toBe(25);
    await saveEngagementSettings(deps, {
      weights: defaultEngagementWeights,
      saturation: defaultEngagementSaturation,
    });
  });

  it('falls back to the default weights when the stored setting is unreadable', async () => {
    await setEngineSetting(database.db, 'engagementWeights', { weights: 'all' }, clock.now());
    expect(await readEngagementSettings(database.db)).toEqual({
      weights: defaultEngagementWeights,
      saturation: defaultEngagementSaturation,
    });
    const { accountId, groupId, member, outsider } = await groupWithMember();
    await fixedHistory(accountId, member, outsider);
    await recomputeEngagementScores(deps, { accountId });
    expect((await findBuyingGroup(database.db, groupId))?.engagementScore).toBe(30);
    await saveEngagementSettings(deps, {
      weights: defaultEngagementWeights,
      saturation: defaultEngagementSaturation,
    });
  });
});
