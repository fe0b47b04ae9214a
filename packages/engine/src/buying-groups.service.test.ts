import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { linkPerson } from '@caravan/storage/account-membership.repository';
import { listActivities } from '@caravan/storage/activity.repository';
import { storedAccount, storedPerson } from '@caravan/storage/b2b-fixtures';
import type { Database } from '@caravan/storage/database';
import { openTestDatabase, testDialects } from '@caravan/storage/test-databases';
import {
  assignBuyingGroupMember,
  changeBuyingGroup,
  createBuyingGroups,
} from './buying-groups.service.ts';
import { isAudienceMember } from '@caravan/storage/audience-members.repository';
import { createAudience } from './audiences.service.ts';
import { ManualClock } from './clock.ts';
import {
  createRoleTemplate,
  createSolutionInterest,
  createStageModel,
  deleteSolutionInterest,
} from './solution-interests.service.ts';

const now = new Date('2026-11-29T10:00:00.000Z');

function value<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

describe.each(testDialects)('buying-groups service on %s', (dialect) => {
  let database: Database;
  let deps: { database: Database; clock: ManualClock };
  let interestId: string;

  beforeAll(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
    deps = { database, clock: new ManualClock(now) };
    const template = value(
      await createRoleTemplate(deps, {
        name: 'By account role',
        description: '',
        roles: [
          {
            name: 'Buyer',
            weight: 60,
            membersRequired: 1,
            // The person's role at the account (the membership role) decides here.
            autoAssign: {
              match: 'all',
              rules: [{ kind: 'role', operator: 'equals', value: 'procurement' }],
            },
            requiredForCompleteness: true,
            priority: 1,
          },
          {
            name: 'User',
            weight: 20,
            membersRequired: 3,
            requiredForCompleteness: true,
            priority: 2,
          },
        ],
      }),
    );
    const model = value(
      await createStageModel(deps, {
        name: 'Two stages',
        stages: [
          { name: 'Open', kind: 'entry' },
          { name: 'Closed', kind: 'success' },
        ],
        transitions: [{ from: 'Open', to: 'Closed' }],
      }),
    );
    interestId = value(
      await createSolutionInterest(deps, {
        name: 'Procurement suite',
        description: '',
        roleTemplateId: template.id,
        stageModelId: model.id,
      }),
    ).id;
  });
  afterAll(async () => database.close());

  const accountWith = async (roles: (string | null)[]) => {
    const account = await storedAccount(database.db, { id: crypto.randomUUID() });
    const people = [];
    for (const role of roles) {
      const person = await storedPerson(database.db, {
        id: crypto.randomUUID(),
        email: `${crypto.randomUUID()}@example.com`,
      });
      await linkPerson(database.db, { accountId: account.id, personId: person.id, role, now });
      people.push(person.id);
    }
    return { accountId: account.id, people };
  };

  it('auto-assigns by the membership role and scores (1 + 1/3) / 2 = 67 after a manual user', async () => {
    const { accountId, people } = await accountWith(['procurement', 'it', null]);
    const { created } = value(await createBuyingGroups(deps, interestId, [accountId, accountId]));
    expect(created).toHaveLength(1);
    const group = created[0]!;
    expect(group.members).toEqual([{ personId: people[0], role: 'Buyer', source: 'automatic' }]);
    expect(group.completenessScore).toBe(50);
    const assigned = value(await assignBuyingGroupMember(deps, group.id, people[1]!, 'User'));
    expect(assigned.completenessScore).toBe(67);
  });

  it('records nothing when a change leaves stage and status as they are', async () => {
    const { accountId } = await accountWith([]);
    const group = value(await createBuyingGroups(deps, interestId, [accountId])).created[0]!;
    expect(group.completenessScore).toBe(0);
    const same = value(await changeBuyingGroup(deps, group.id, { stage: 'Open', status: null }));
    expect(same).toEqual(group);
    const activities = await listActivities(database.db, { accountId, limit: 10 });
    expect(activities).toEqual([]);
    const closed = value(await changeBuyingGroup(deps, group.id, { stage: 'Closed' }));
    expect(closed.stage).toBe('Closed');
    const back = await changeBuyingGroup(deps, group.id, { stage: 'Open' });
    expect(back.ok ? 'moved' : back.error.code).toBe('STAGE_TRANSITION_NOT_ALLOWED');
  });

  it('moves the account into an audience on a buying-group stage in the same change', async () => {
    const audience = value(
      await createAudience(deps, {
        name: 'Closed procurement deals',
        condition: {
          match: 'all',
          rules: [
            {
              kind: 'buyingGroup',
              solutionInterestId: interestId,
              attribute: 'stage',
              operator: 'equals',
              value: 'Closed',
            },
          ],
        },
      }),
    );
    const { accountId } = await accountWith([null]);
    const group = value(await createBuyingGroups(deps, interestId, [accountId])).created[0]!;
    expect(await isAudienceMember(database.db, audience.id, accountId)).toBe(false);
    value(await changeBuyingGroup(deps, group.id, { stage: 'Closed' }));
    expect(await isAudienceMember(database.db, audience.id, accountId)).toBe(true);
    const entered = await listActivities(database.db, {
      accountId,
      types: ['audienceEntered'],
      limit: 10,
    });
    expect(entered).toHaveLength(1);
  });

  it('deletes the groups of a deleted solution interest', async () => {
    const template = value(
      await createRoleTemplate(deps, {
        name: 'Throwaway',
        description: '',
        roles: [
          {
            name: 'Anyone',
            weight: 20,
            membersRequired: 1,
            requiredForCompleteness: false,
            priority: 1,
          },
        ],
      }),
    );
    const model = value(
      await createStageModel(deps, {
        name: 'Throwaway',
        stages: [{ name: 'Only', kind: 'entry' }],
        transitions: [],
      }),
    );
    const interest = value(
      await createSolutionInterest(deps, {
        name: 'Throwaway',
        description: '',
        roleTemplateId: template.id,
        stageModelId: model.id,
      }),
    );
    const { accountId } = await accountWith([null]);
    const group = value(await createBuyingGroups(deps, interest.id, [accountId])).created[0]!;
    expect(value(await deleteSolutionInterest(deps, interest.id))).toBe(true);
    const gone = await changeBuyingGroup(deps, group.id, { status: 'x' });
    expect(gone.ok ? 'changed' : gone.error.code).toBe('BUYING_GROUP_NOT_FOUND');
  });
});
