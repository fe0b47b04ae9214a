import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { recordActivities } from './activity.repository.ts';
import { storedAccount } from './b2b-fixtures.ts';
import type { Database } from './database.ts';
import {
  findSeenMessageIds,
  insertPendingCalls,
  recordMessageIds,
} from './ingestion.repository.ts';
import { openTestDatabase, testDialects } from './test-databases.ts';
import { at } from './test-fixtures.ts';

describe.each(testDialects)('ingestion message ids on %s', (dialect) => {
  let database: Database;
  beforeEach(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
  });
  afterEach(async () => {
    await database.close();
  });

  it('finds the message ids stored as an activity, an applied call or a pending call, and no other', async () => {
    const { db } = database;
    const acme = await storedAccount(db);
    await recordActivities(db, [
      {
        id: randomUUID(),
        type: 'Signed Up',
        accountId: acme.id,
        personId: null,
        occurredAt: at(0),
        receivedAt: at(0),
        messageId: 'activity-1',
        properties: {},
      },
    ]);
    await recordMessageIds(db, [{ messageId: 'identify:call-1', type: 'identify' }], at(0));
    await insertPendingCalls(db, [
      {
        id: randomUUID(),
        identity: 'user:nobody-yet',
        messageId: 'pending-1',
        type: 'track',
        payload: { type: 'track', event: 'Signed Up', userId: 'nobody-yet' },
        receivedAt: at(0).toISOString(),
      },
    ]);

    const seen = await findSeenMessageIds(db, [
      'activity-1',
      'identify:call-1',
      'pending-1',
      'pending-1',
      'never-sent',
      "it's; -- not sql",
    ]);

    expect([...seen].sort()).toEqual(['activity-1', 'identify:call-1', 'pending-1']);
    const withoutActivities = await findSeenMessageIds(db, ['activity-1', 'pending-1'], {
      activities: false,
    });
    expect([...withoutActivities]).toEqual(['pending-1']);
    expect(await findSeenMessageIds(db, [])).toEqual(new Set());
  });

  it('checks thousands of message ids at once', async () => {
    const { db } = database;
    const acme = await storedAccount(db);
    const ids = Array.from({ length: 9_000 }, (_, i) => `m-${i}`);
    await recordActivities(
      db,
      ids
        .filter((_, i) => i % 3 === 0)
        .map((messageId) => ({
          id: randomUUID(),
          type: 'Signed Up',
          accountId: acme.id,
          personId: null,
          occurredAt: at(0),
          receivedAt: at(0),
          messageId,
          properties: {},
        })),
    );

    const seen = await findSeenMessageIds(db, ids);

    expect(seen.size).toBe(3_000);
    expect(seen.has('m-8997')).toBe(true);
    expect(seen.has('m-8998')).toBe(false);
  });
});
