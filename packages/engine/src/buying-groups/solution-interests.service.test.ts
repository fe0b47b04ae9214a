import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TemplateRole } from '@caravan/core/b2b/role-template';
import { linkPerson } from '@caravan/storage/account-membership.repository';
import { listActivities } from '@caravan/storage/activity.repository';
import { storedAccount, storedPerson } from '@caravan/storage/b2b-fixtures';
import { findBuyingGroup } from '@caravan/storage/buying-group.repository';
import type { Database } from '@caravan/storage/database';
import { openTestDatabase, testDialects } from '@caravan/storage/test-databases';
import { createBuyingGroups } from './buying-group-creation.ts';
import { ManualClock } from '../runtime/clock.ts';
import {
  createRoleTemplate,
  createSolutionInterest,
  createStageModel,
  patchRoleTemplate,
  patchSolutionInterest,
  patchStageModel,
} from './solution-interests.service.ts';

const now = new Date('2026-11-29T10:00:00.000Z');

function value<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

const role = (name: string, overrides: Partial<TemplateRole> = {}): TemplateRole => ({
  name,
  weight: 60,
  membersRequired: 1,
  requiredForCompleteness: true,
  priority: 1,
  ...overrides,
});

const everyone = { match: 'all' as const, rules: [] };

describe.each(testDialects)('solution-interests service on %s', (dialect) => {
  let database: Database;
  let deps: { database: Database; clock: ManualClock };
  let templateId: string;
  let modelId: string;
  let interestId: string;
  let groupId: string;
  let accountId: string;

  beforeAll(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
    deps = { database, clock: new ManualClock(now) };
    // Everyone is auto-assigned "Member"; "Approver" stays empty: (1 + 0) / 2 = 50.
    templateId = value(
      await createRoleTemplate(deps, {
        name: 'Committee',
        description: '',
        roles: [role('Member', { autoAssign: everyone }), role('Approver', { priority: 2 })],
      }),
    ).id;
    modelId = value(
      await createStageModel(deps, {
        name: 'Funnel',
        stages: [
          { name: 'Start', kind: 'entry' },
          { name: 'Done', kind: 'success' },
        ],
        transitions: [{ from: 'Start', to: 'Done' }],
      }),
    ).id;
    interestId = value(
      await createSolutionInterest(deps, {
        name: 'Platform',
        description: '',
        roleTemplateId: templateId,
        stageModelId: modelId,
      }),
    ).id;
    accountId = (await storedAccount(database.db, { id: crypto.randomUUID() })).id;
    const person = await storedPerson(database.db, { id: crypto.randomUUID() });
    await linkPerson(database.db, { accountId, personId: person.id, role: null, now });
    const group = value(await createBuyingGroups(deps, interestId, [accountId])).created[0]!;
    expect(group.completenessScore).toBe(50);
    groupId = group.id;
  });
  afterAll(async () => database.close());

  it('rescores the groups of a template whose roles change, recording the change', async () => {
    value(await patchRoleTemplate(deps, templateId, { roles: [role('Member')] }));
    expect((await findBuyingGroup(database.db, groupId))?.completenessScore).toBe(100);
    const changes = await listActivities(database.db, {
      accountId,
      types: ['completenessScoreChanged'],
      limit: 10,
    });
    expect(changes.map((a) => [a.properties.old, a.properties.new])).toEqual(
      expect.arrayContaining([[50, 100]]),
    );
  });

  it('refuses (IN_USE) a stage model change that removes a stage groups are in', async () => {
    const dropped = await patchStageModel(deps, modelId, {
      stages: [{ name: 'Begin', kind: 'entry' }],
      transitions: [],
    });
    expect(dropped.ok ? 'changed' : dropped.error.code).toBe('IN_USE');
    const added = await patchStageModel(deps, modelId, {
      stages: [
        { name: 'Start', kind: 'entry' },
        { name: 'Done', kind: 'success' },
        { name: 'Lost', kind: 'failure' },
      ],
    });
    expect(value(added).transitions).toEqual([{ from: 'Start', to: 'Done' }]);
  });

  it('refuses (IN_USE) another template for an interest that has groups, but allows a rename', async () => {
    const other = value(
      await createRoleTemplate(deps, { name: 'Other', description: '', roles: [role('Solo')] }),
    );
    const rewired = await patchSolutionInterest(deps, interestId, { roleTemplateId: other.id });
    expect(rewired.ok ? 'changed' : rewired.error.code).toBe('IN_USE');
    const renamed = await patchSolutionInterest(deps, interestId, {
      name: 'Platform suite',
      roleTemplateId: templateId,
    });
    expect(value(renamed).name).toBe('Platform suite');
  });
});
