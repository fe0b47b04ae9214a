import { randomUUID } from 'node:crypto';
import type { Condition } from '@caravan/core/conditions/condition';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { listActivities } from './activity.repository.ts';
import {
  addAudienceMember,
  isAudienceMember,
  listAudienceIdsOf,
  listAudienceMembers,
  removeAudienceMember,
  replaceAudienceMembers,
} from './audience-members.repository.ts';
import {
  audienceEnteredType,
  audienceExitedType,
  deleteAudience,
  findAudience,
  insertAudience,
  listAudiences,
  updateAudience,
} from './audience.repository.ts';
import { storedAccount } from './b2b-fixtures.ts';
import type { Database } from './database.ts';
import { openTestDatabase, testDialects } from './test-databases.ts';
import { at, t0 } from './test-fixtures.ts';

const condition: Condition = {
  match: 'any',
  rules: [{ kind: 'listMembership', listId: 'vip', isMember: true }],
};

function anAudience(name = `Audience ${randomUUID().slice(0, 8)}`) {
  return { id: randomUUID(), name, description: '', condition, status: 'draft' as const, now: t0 };
}

describe.each(testDialects)('audiences on %s', (dialect) => {
  let database: Database;
  beforeEach(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
  });
  afterEach(async () => {
    await database.close();
  });

  it('round-trips an audience, refuses a taken name and updates, lists and deletes', async () => {
    const { db } = database;
    const input = anAudience('Nordic banks');
    expect(await insertAudience(db, input)).toEqual({
      ok: true,
      value: {
        id: input.id,
        name: 'Nordic banks',
        description: '',
        condition,
        status: 'draft',
        memberCount: 0,
        evaluatedAt: null,
        createdAt: t0.toISOString(),
        updatedAt: t0.toISOString(),
      },
    });
    expect(await insertAudience(db, anAudience('NORDIC BANKS'))).toMatchObject({
      ok: false,
      error: { code: 'NAME_TAKEN' },
    });
    expect(await updateAudience(db, input.id, { status: 'live' }, at(1))).toMatchObject({
      ok: true,
      value: { status: 'live' },
    });
    expect(await updateAudience(db, randomUUID(), { status: 'live' }, at(1))).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect((await listAudiences(db, { search: 'nordic', limit: 10, offset: 0 })).total).toBe(1);
    expect(await deleteAudience(db, input.id)).toBe(true);
    expect(await findAudience(db, input.id)).toBeUndefined();
  });

  it('adds and removes one member, answering whether it changed and counting members', async () => {
    const { db } = database;
    const audience = anAudience();
    await insertAudience(db, audience);
    const acme = await storedAccount(db);
    expect(await addAudienceMember(db, audience.id, acme.id, t0)).toBe(true);
    expect(await addAudienceMember(db, audience.id, acme.id, at(1))).toBe(false);
    expect(await isAudienceMember(db, audience.id, acme.id)).toBe(true);
    expect(await listAudienceIdsOf(db, acme.id)).toEqual([audience.id]);
    expect((await findAudience(db, audience.id))?.memberCount).toBe(1);
    expect(await removeAudienceMember(db, audience.id, acme.id, at(2))).toBe(true);
    expect(await removeAudienceMember(db, audience.id, acme.id, at(3))).toBe(false);
    expect((await findAudience(db, audience.id))?.memberCount).toBe(0);
    const history = await listActivities(db, { accountId: acme.id, limit: 10 });
    expect(history.map((h) => [h.type, h.properties])).toEqual([
      [audienceExitedType, { audienceId: audience.id }],
      [audienceEnteredType, { audienceId: audience.id }],
    ]);
  });

  it('replaces the members set-based with the accounts matching a filter', async () => {
    const { db } = database;
    const audience = anAudience();
    await insertAudience(db, audience);
    const bank1 = await storedAccount(db, { industry: 'Banking' });
    const bank2 = await storedAccount(db, { industry: 'Banking' });
    const shop = await storedAccount(db, { industry: 'Retail' });
    await addAudienceMember(db, audience.id, shop.id, t0);
    await addAudienceMember(db, audience.id, bank1.id, t0);
    const banks = (eb: Parameters<Parameters<typeof replaceAudienceMembers>[2]>[0]) =>
      eb('accounts.industry', '=', 'Banking');
    expect(await replaceAudienceMembers(db, audience.id, banks, at(5))).toEqual({
      entered: 1,
      exited: 1,
      total: 2,
    });
    expect(await listAudienceMembers(db, audience.id, { limit: 10, offset: 0 })).toEqual({
      accountIds: [bank1.id, bank2.id].sort(),
      total: 2,
    });
    expect(await findAudience(db, audience.id)).toMatchObject({
      memberCount: 2,
      evaluatedAt: at(5).toISOString(),
    });
    const [entry] = await listActivities(db, { accountId: bank2.id, limit: 10 });
    expect(entry).toMatchObject({
      type: audienceEnteredType,
      occurredAt: at(5).toISOString(),
      properties: { audienceId: audience.id },
    });
    const [exit] = await listActivities(db, { accountId: shop.id, limit: 1 });
    expect(exit).toMatchObject({ type: audienceExitedType, occurredAt: at(5).toISOString() });
    expect(await replaceAudienceMembers(db, audience.id, banks, at(6))).toEqual({
      entered: 0,
      exited: 0,
      total: 2,
    });
  });
});
