import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { linkPerson } from '@caravan/storage/account-membership.repository';
import { listActivities } from '@caravan/storage/activity.repository';
import { storedAccount, storedPerson } from '@caravan/storage/b2b-fixtures';
import type { Database } from '@caravan/storage/database';
import { openTestDatabase, testDialects } from '@caravan/storage/test-databases';
import { createBuyingGroups, createBuyingGroupsForAudience } from './buying-group-creation.ts';
import {
  assignBuyingGroupMember,
  changeBuyingGroup,
  removeBuyingGroupMember,
} from './buying-groups.service.ts';
import { patchPerson } from '../data/people.service.ts';
import { isAudienceMember } from '@caravan/storage/audience-members.repository';
import { createAudience } from '../segments/audiences.service.ts';
import { ManualClock } from '../runtime/clock.ts';
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

describe.each(testDialects)('buying-group creation job and maintenance on %s', (dialect) => {
  let database: Database;
  let deps: { database: Database; clock: ManualClock };
  let interestId: string;

  beforeAll(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
    deps = { database, clock: new ManualClock(now) };
    const template = value(
      await createRoleTemplate(deps, {
        name: 'By job title',
        description: '',
        roles: [
          {
            name: 'Decider',
            weight: 60,
            membersRequired: 1,
            autoAssign: {
              match: 'all',
              rules: [{ kind: 'person', attribute: 'jobTitle', operator: 'equals', value: 'CTO' }],
            },
            requiredForCompleteness: true,
            priority: 1,
          },
          {
            name: 'Champion',
            weight: 40,
            membersRequired: 1,
            requiredForCompleteness: true,
            priority: 2,
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
        name: 'Platform',
        description: '',
        roleTemplateId: template.id,
        stageModelId: model.id,
      }),
    ).id;
  });
  afterAll(async () => database.close());

  const personAt = async (accountId: string, jobTitle: string | null) => {
    const person = await storedPerson(database.db, {
      id: crypto.randomUUID(),
      email: `${crypto.randomUUID()}@example.com`,
      jobTitle,
    });
    await linkPerson(database.db, { accountId, personId: person.id, role: null, now });
    return person.id;
  };

  it('creates a group for every audience member and counts the ones that had one', async () => {
    const industry = `Shipbuilding ${crypto.randomUUID()}`;
    const accounts = [];
    for (let i = 0; i < 3; i += 1) {
      accounts.push((await storedAccount(database.db, { id: crypto.randomUUID(), industry })).id);
    }
    await personAt(accounts[0]!, 'CTO');
    value(await createBuyingGroups(deps, interestId, [accounts[2]!]));
    const audience = value(
      await createAudience(deps, {
        name: `Shipyards ${industry}`,
        condition: {
          match: 'all',
          rules: [{ kind: 'account', attribute: 'industry', operator: 'equals', value: industry }],
        },
      }),
    );
    const counts = value(await createBuyingGroupsForAudience(deps, interestId, audience.id));
    expect(counts).toEqual({ created: 2, existing: 1 });
    const again = value(await createBuyingGroupsForAudience(deps, interestId, audience.id));
    expect(again).toEqual({ created: 0, existing: 3 });
    const groups = value(await createBuyingGroups(deps, interestId, [accounts[0]!])).existing;
    expect(groups[0]?.members.map((m) => m.role)).toEqual(['Decider']);
  });

  it('answers AUDIENCE_NOT_FOUND for an unknown audience', async () => {
    const missing = await createBuyingGroupsForAudience(deps, interestId, crypto.randomUUID());
    expect(missing.ok ? 'created' : missing.error.code).toBe('AUDIENCE_NOT_FOUND');
  });

  it('auto-assigns a person whose job title comes to match and removes them when it no longer does, keeping a manual member', async () => {
    const accountId = (await storedAccount(database.db, { id: crypto.randomUUID() })).id;
    const engineer = await personAt(accountId, 'Engineer');
    const champion = await personAt(accountId, 'CTO');
    const group = value(await createBuyingGroups(deps, interestId, [accountId])).created[0]!;
    expect(group.members).toEqual([{ personId: champion, role: 'Decider', source: 'automatic' }]);
    value(await assignBuyingGroupMember(deps, group.id, champion, 'Champion'));

    value(await patchPerson(deps, engineer, { jobTitle: 'CTO' }));
    const promoted = value(await createBuyingGroups(deps, interestId, [accountId])).existing[0]!;
    expect(promoted.members).toEqual(
      expect.arrayContaining([
        { personId: champion, role: 'Champion', source: 'manual' },
        { personId: engineer, role: 'Decider', source: 'automatic' },
      ]),
    );
    expect(promoted.members).toHaveLength(2);
    expect(promoted.completenessScore).toBe(100);

    value(await patchPerson(deps, engineer, { jobTitle: 'Engineer' }));
    value(await patchPerson(deps, champion, { jobTitle: 'Intern' }));
    const demoted = value(await createBuyingGroups(deps, interestId, [accountId])).existing[0]!;
    expect(demoted.members).toEqual([{ personId: champion, role: 'Champion', source: 'manual' }]);
    expect(demoted.completenessScore).toBe(50);
    const removed = await listActivities(database.db, {
      accountId,
      types: ['removedFromBuyingGroup'],
      limit: 10,
    });
    expect(removed.map((a) => a.personId)).toEqual([engineer]);
  });

  it('does not auto-assign again a matching person who was removed by hand', async () => {
    const accountId = (await storedAccount(database.db, { id: crypto.randomUUID() })).id;
    const cto = await personAt(accountId, 'CTO');
    const group = value(await createBuyingGroups(deps, interestId, [accountId])).created[0]!;
    expect(group.members.map((m) => m.personId)).toEqual([cto]);
    value(await removeBuyingGroupMember(deps, group.id, cto));
    value(await patchPerson(deps, cto, { city: 'Oslo' }));
    const after = value(await createBuyingGroups(deps, interestId, [accountId])).existing[0]!;
    expect(after.members).toEqual([]);
  });
});
