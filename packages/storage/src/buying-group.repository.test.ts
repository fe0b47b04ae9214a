import { randomUUID } from 'node:crypto';
import type { RoleTemplate } from '@caravan/core/b2b/role-template';
import type { StageModel } from '@caravan/core/b2b/stage-model';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { deleteAccount } from './account.repository.ts';
import { storedAccount, storedPerson } from './b2b-fixtures.ts';
import {
  deleteBuyingGroup,
  findBuyingGroup,
  findBuyingGroupFor,
  insertBuyingGroup,
  listAccountBuyingGroups,
  listBuyingGroups,
  listPersonBuyingGroupIds,
  replaceBuyingGroupMembers,
  updateBuyingGroup,
} from './buying-group.repository.ts';
import type { Database } from './database.ts';
import type { Db } from './database.ts';
import {
  deleteRoleTemplate,
  findRoleTemplate,
  insertRoleTemplate,
  listRoleTemplates,
  updateRoleTemplate,
} from './role-template.repository.ts';
import {
  deleteSolutionInterest,
  findSolutionInterest,
  insertSolutionInterest,
  listSolutionInterests,
  updateSolutionInterest,
} from './solution-interest.repository.ts';
import {
  deleteStageModel,
  findStageModel,
  insertStageModel,
  listStageModels,
  updateStageModel,
} from './stage-model.repository.ts';
import { openTestDatabase, testDialects } from './test-databases.ts';
import { at, t0 } from './test-fixtures.ts';

const template: RoleTemplate = {
  id: randomUUID(),
  name: 'Software purchase',
  description: 'Who buys software',
  roles: [
    {
      name: 'Decision maker',
      weight: 100,
      membersRequired: 1,
      requiredForCompleteness: true,
      priority: 1,
    },
    {
      name: 'User',
      weight: 20,
      membersRequired: 2,
      requiredForCompleteness: false,
      priority: 2,
      autoAssign: { match: 'all', rules: [] },
    },
  ],
};

const model: StageModel = {
  id: randomUUID(),
  name: 'Sales stages',
  stages: [
    { name: 'New', kind: 'entry' },
    { name: 'Won', kind: 'success' },
  ],
  transitions: [{ from: 'New', to: 'Won' }],
};

async function storedInterest(db: Db) {
  await insertRoleTemplate(db, { ...template, now: t0 });
  await insertStageModel(db, { ...model, now: t0 });
  const interest = {
    id: randomUUID(),
    name: 'CRM',
    description: '',
    roleTemplateId: template.id,
    stageModelId: model.id,
  };
  await insertSolutionInterest(db, { ...interest, now: t0 });
  return interest;
}

function aGroup(solutionInterestId: string, accountId: string) {
  return {
    id: randomUUID(),
    solutionInterestId,
    accountId,
    stage: 'New',
    status: null,
    completenessScore: 0,
    engagementScore: 0,
    now: t0,
  };
}

describe.each(testDialects)('solution interests and buying groups on %s', (dialect) => {
  let database: Database;
  beforeEach(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
  });
  afterEach(async () => {
    await database.close();
  });

  it('round-trips role templates, stage models and solution interests', async () => {
    const { db } = database;
    const interest = await storedInterest(db);
    expect(await findRoleTemplate(db, template.id)).toEqual(template);
    expect(await findStageModel(db, model.id)).toEqual(model);
    expect(await findSolutionInterest(db, interest.id)).toEqual(interest);
    expect(await listRoleTemplates(db)).toEqual([template]);
    expect(await listStageModels(db)).toEqual([model]);
    expect(await listSolutionInterests(db)).toEqual([interest]);
    expect(await updateRoleTemplate(db, template.id, { description: 'x' }, at(1))).toEqual({
      ok: true,
      value: { ...template, description: 'x' },
    });
    expect(await updateStageModel(db, model.id, { name: 'Stages' }, at(1))).toMatchObject({
      ok: true,
      value: { name: 'Stages' },
    });
    expect(await updateSolutionInterest(db, interest.id, { name: 'ERP' }, at(1))).toMatchObject({
      ok: true,
      value: { name: 'ERP' },
    });
  });

  it('answers NAME_TAKEN, NOT_FOUND and IN_USE for templates, models and interests', async () => {
    const { db } = database;
    const interest = await storedInterest(db);
    expect(
      await insertRoleTemplate(db, {
        ...template,
        id: randomUUID(),
        name: 'SOFTWARE purchase',
        now: t0,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NAME_TAKEN' },
    });
    expect(
      await insertStageModel(db, { ...model, id: randomUUID(), name: 'sales STAGES', now: t0 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NAME_TAKEN' },
    });
    const other = { ...interest, id: randomUUID(), name: 'Other', now: t0 };
    expect(
      await insertSolutionInterest(db, { ...other, roleTemplateId: randomUUID() }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await insertSolutionInterest(db, { ...other, name: 'crm' })).toMatchObject({
      ok: false,
      error: { code: 'NAME_TAKEN' },
    });
    expect(await deleteRoleTemplate(db, template.id)).toMatchObject({
      ok: false,
      error: { code: 'IN_USE' },
    });
    expect(await deleteStageModel(db, model.id)).toMatchObject({
      ok: false,
      error: { code: 'IN_USE' },
    });
    expect(await deleteSolutionInterest(db, interest.id)).toBe(true);
    expect(await deleteRoleTemplate(db, template.id)).toEqual({ ok: true, value: undefined });
    expect(await deleteStageModel(db, model.id)).toEqual({ ok: true, value: undefined });
    expect(await deleteStageModel(db, model.id)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('keeps one buying group per solution interest and account', async () => {
    const { db } = database;
    const interest = await storedInterest(db);
    const acme = await storedAccount(db);
    const group = aGroup(interest.id, acme.id);
    const { now: _now, ...fields } = group;
    expect(await insertBuyingGroup(db, group)).toEqual({
      ok: true,
      value: { ...fields, members: [] },
    });
    expect(await insertBuyingGroup(db, aGroup(interest.id, acme.id))).toMatchObject({
      ok: false,
      error: { code: 'BUYING_GROUP_EXISTS' },
    });
    expect(await insertBuyingGroup(db, aGroup(interest.id, randomUUID()))).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await findBuyingGroupFor(db, interest.id, acme.id)).toEqual({ ...fields, members: [] });
  });

  it('stores members, stage and scores and finds groups by account and by person', async () => {
    const { db } = database;
    const interest = await storedInterest(db);
    const acme = await storedAccount(db);
    const ada = await storedPerson(db, { email: 'ada@example.com' });
    const bob = await storedPerson(db, { email: 'bob@example.com' });
    const group = aGroup(interest.id, acme.id);
    await insertBuyingGroup(db, group);
    const first = await replaceBuyingGroupMembers(
      db,
      group.id,
      [
        { personId: ada.id, role: 'Decision maker', source: 'manual' },
        { personId: bob.id, role: 'User', source: 'automatic' },
      ],
      100,
      at(1),
    );
    expect(first.ok && first.value.members).toHaveLength(2);
    const second = await replaceBuyingGroupMembers(
      db,
      group.id,
      [{ personId: ada.id, role: 'User', source: 'journey' }],
      0,
      at(2),
    );
    expect(second).toMatchObject({
      ok: true,
      value: {
        completenessScore: 0,
        members: [{ personId: ada.id, role: 'User', source: 'journey' }],
      },
    });
    expect(
      await updateBuyingGroup(
        db,
        group.id,
        { stage: 'Won', status: 'Hot', engagementScore: 42 },
        at(3),
      ),
    ).toMatchObject({
      ok: true,
      value: { stage: 'Won', status: 'Hot', engagementScore: 42 },
    });
    expect(await updateBuyingGroup(db, randomUUID(), { stage: 'Won' }, at(3))).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect((await listAccountBuyingGroups(db, acme.id)).map((g) => g.id)).toEqual([group.id]);
    expect(await listPersonBuyingGroupIds(db, ada.id)).toEqual([group.id]);
    expect(await listPersonBuyingGroupIds(db, bob.id)).toEqual([]);
    expect(
      await listBuyingGroups(db, { solutionInterestId: interest.id, limit: 10, offset: 0 }),
    ).toMatchObject({ total: 1 });
    await deleteAccount(db, acme.id);
    expect(await findBuyingGroup(db, group.id)).toBeUndefined();
    expect(await deleteBuyingGroup(db, group.id)).toBe(false);
  });
});
