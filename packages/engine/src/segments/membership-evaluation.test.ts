import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Condition } from '@caravan/core/conditions/condition';
import { insertAudience } from '@caravan/storage/audience.repository';
import { listActivities } from '@caravan/storage/activity.repository';
import { storedAccount } from '@caravan/storage/b2b-fixtures';
import type { Database } from '@caravan/storage/database';
import { openTestDatabase, testDialects } from '@caravan/storage/test-databases';
import {
  evaluateAudienceInFull,
  factsWindow,
  matchingAccountIds,
  reevaluateAccount,
} from './membership-evaluation.ts';

const now = new Date('2026-11-29T10:00:00.000Z');

const industry = (value: string, attribute = 'industry'): Condition => ({
  match: 'any',
  rules: [{ kind: 'account', attribute, operator: 'equals', value }],
});

describe('the facts window', () => {
  it('reaches back to the longest lookback, and to the beginning when a rule has none', () => {
    const week: Condition = {
      match: 'all',
      rules: [
        {
          kind: 'eventHistory',
          eventType: 'Visit',
          constraints: [],
          lookback: { amount: 7, unit: 'days' },
          minCount: 1,
          didNotDo: false,
        },
      ],
    };
    expect(factsWindow([week], now).eventsSince).toEqual(new Date('2026-11-22T10:00:00.000Z'));
    const ever: Condition = {
      match: 'all',
      rules: [{ ...week.rules[0]!, lookback: undefined } as Condition['rules'][number]],
    };
    expect(factsWindow([week, ever], now).eventsSince).toEqual(new Date(0));
    expect(factsWindow([industry('Software')], now).eventsSince).toEqual(now);
  });
});

describe.each(testDialects)('membership evaluation on %s', (dialect) => {
  let database: Database;

  beforeAll(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
  });
  afterAll(async () => database.close());

  it('finds the same accounts in memory as in SQL, reporting progress', async () => {
    const db = database.db;
    const a = await storedAccount(db, { name: 'Alpha', industry: 'Optics' });
    await storedAccount(db, { name: 'Beta', industry: 'Acoustics' });
    const inSql = await matchingAccountIds(db, industry('Optics'), now);
    // An `any` with a rule SQL cannot compile (a double quote in the name) falls back to memory.
    const fallback: Condition = {
      match: 'any',
      rules: [...industry('Optics').rules, ...industry('x', 'odd"name').rules],
    };
    const progress: Array<[number, number]> = [];
    const inMemory = await matchingAccountIds(db, fallback, now, (done, total) =>
      progress.push([done, total]),
    );
    expect(inSql).toEqual([a.id]);
    expect(inMemory).toEqual([a.id]);
    expect(progress.at(-1)).toEqual([2, 2]);
  });

  it('records entries and exits when an audience is evaluated in memory, and stamps it', async () => {
    const db = database.db;
    const c = await storedAccount(db, { name: 'Gamma', industry: 'Lasers' });
    const condition: Condition = {
      match: 'all',
      rules: [
        ...industry('Lasers').rules,
        { kind: 'account', attribute: 'q"x', operator: 'notExists' },
      ],
    };
    const inserted = await insertAudience(db, {
      id: crypto.randomUUID(),
      name: 'Lasers',
      description: '',
      condition,
      status: 'live',
      now,
    });
    if (!inserted.ok) throw new Error(inserted.error.message);
    const first = await evaluateAudienceInFull(db, inserted.value, now);
    expect(first).toEqual({ entered: 1, exited: 0, memberCount: 1 });
    const entries = await listActivities(db, {
      accountId: c.id,
      types: ['audienceEntered'],
      limit: 5,
    });
    expect(entries).toHaveLength(1);
    const again = await evaluateAudienceInFull(db, inserted.value, now);
    expect(again).toEqual({ entered: 0, exited: 0, memberCount: 1 });
  });

  it('leaves an account that matches nothing untouched and answers what moved', async () => {
    const db = database.db;
    const d = await storedAccount(db, { name: 'Delta', industry: 'Nothing at all' });
    const moved = await reevaluateAccount(db, d.id, now);
    expect(moved).toEqual({
      enteredAudiences: [],
      exitedAudiences: [],
      enteredLists: [],
      exitedLists: [],
    });
  });
});
