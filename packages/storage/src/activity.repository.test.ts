import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import {
  listActivities,
  listActivitiesReceivedSinceByAccount,
  recordActivities,
  type NewActivity,
} from './activity.repository.ts';
import { storedAccount, storedPerson } from './b2b-fixtures.ts';
import type { Database } from './database.ts';
import { openTestDatabase, testDialects } from './test-databases.ts';
import { at } from './test-fixtures.ts';

function anActivity(accountId: string, overrides: Partial<NewActivity> = {}): NewActivity {
  return {
    id: randomUUID(),
    type: 'webPageVisited',
    accountId,
    personId: null,
    occurredAt: at(0),
    receivedAt: at(0),
    messageId: null,
    properties: {},
    ...overrides,
  };
}

describe.each(testDialects)('activities on %s', (dialect) => {
  let database: Database;
  beforeEach(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
  });
  afterEach(async () => {
    await database.close();
  });

  it('stores an event sent twice with the same message id once', async () => {
    const { db } = database;
    const acme = await storedAccount(db);
    const first = anActivity(acme.id, { messageId: 'm-1', properties: { url: '/pricing' } });
    expect(await recordActivities(db, [first, anActivity(acme.id, { messageId: 'm-2' })])).toBe(2);
    expect(
      await recordActivities(db, [
        anActivity(acme.id, { messageId: 'm-1' }),
        anActivity(acme.id, { messageId: 'm-3' }),
        anActivity(acme.id, { messageId: 'm-3' }),
        anActivity(acme.id),
        anActivity(acme.id),
      ]),
    ).toBe(3);
    const stored = await listActivities(db, { accountId: acme.id, limit: 100 });
    expect(stored).toHaveLength(5);
    expect(stored.filter((a) => a.messageId === 'm-1')).toEqual([
      {
        id: first.id,
        type: 'webPageVisited',
        accountId: acme.id,
        personId: null,
        occurredAt: at(0).toISOString(),
        receivedAt: at(0).toISOString(),
        messageId: 'm-1',
        properties: { url: '/pricing' },
      },
    ]);
  });

  it('stores a batch larger than one statement holds, skipping the repeated message ids', async () => {
    const { db } = database;
    const acme = await storedAccount(db);
    const ada = await storedPerson(db, { email: 'ada@example.com' });
    const batch = Array.from({ length: 9_000 }, (_, i) =>
      anActivity(acme.id, {
        personId: i % 2 ? ada.id : null,
        messageId: `m-${i % 8_500}`,
        properties: { value: i, url: `/page/${i}`, ok: true, none: null },
      }),
    );
    expect(await recordActivities(db, batch)).toBe(8_500);
    expect(await recordActivities(db, batch.slice(0, 10))).toBe(0);
    const stored = await listActivities(db, { accountId: acme.id, limit: 10_000 });
    expect(stored).toHaveLength(8_500);
    expect(stored.find((a) => a.messageId === 'm-8499')).toMatchObject({
      id: batch[8_499]?.id,
      personId: ada.id,
      occurredAt: at(0).toISOString(),
      properties: { value: 8_499, url: '/page/8499', ok: true, none: null },
    });
  });

  it('lists newest first, filtered by account, person, types and time window', async () => {
    const { db } = database;
    const acme = await storedAccount(db);
    const beta = await storedAccount(db);
    const ada = await storedPerson(db, { email: 'ada@example.com' });
    await recordActivities(db, [
      anActivity(acme.id, { type: 'emailOpened', personId: ada.id, occurredAt: at(1) }),
      anActivity(acme.id, { type: 'emailClicked', personId: ada.id, occurredAt: at(2) }),
      anActivity(acme.id, { type: 'emailOpened', occurredAt: at(3) }),
      anActivity(beta.id, { type: 'emailOpened', occurredAt: at(4) }),
    ]);
    const times = (list: { occurredAt: string }[]) => list.map((a) => a.occurredAt);
    expect(times(await listActivities(db, { accountId: acme.id, limit: 10 }))).toEqual(
      [at(3), at(2), at(1)].map((d) => d.toISOString()),
    );
    expect(
      times(await listActivities(db, { personId: ada.id, types: ['emailOpened'], limit: 10 })),
    ).toEqual([at(1).toISOString()]);
    expect(
      times(
        await listActivities(db, { accountId: acme.id, since: at(2), until: at(2), limit: 10 }),
      ),
    ).toEqual([at(2).toISOString()]);
    expect(await listActivities(db, { types: ['emailOpened'], limit: 2 })).toHaveLength(2);
  });

  it('reads the activities received since a time for many accounts at once, oldest first and capped per account', async () => {
    const { db } = database;
    const acme = await storedAccount(db);
    const beta = await storedAccount(db);
    const quiet = await storedAccount(db);
    await recordActivities(db, [
      anActivity(acme.id, { type: 'ping', receivedAt: at(0) }),
      anActivity(acme.id, { type: 'ping', receivedAt: at(3) }),
      anActivity(acme.id, { type: 'ping', receivedAt: at(2) }),
      anActivity(acme.id, { type: 'ping', receivedAt: at(4) }),
      anActivity(acme.id, { type: 'other', receivedAt: at(2) }),
      anActivity(beta.id, { type: 'ping', receivedAt: at(5) }),
    ]);
    const read = await listActivitiesReceivedSinceByAccount(
      db,
      [acme.id, beta.id, quiet.id],
      ['ping'],
      at(1),
      2,
    );
    const received = (id: string) => (read.get(id) ?? []).map((a) => a.receivedAt);
    expect(received(acme.id)).toEqual([at(2), at(3)].map((d) => d.toISOString()));
    expect(received(beta.id)).toEqual([at(5).toISOString()]);
    expect(read.has(quiet.id)).toBe(false);
  });
});
