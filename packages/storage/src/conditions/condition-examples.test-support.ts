/**
 * Four hand-written accounts that differ in what each rule kind reads, stored once per dialect,
 * and an assertion that SQL and memory both select the expected accounts (not a test file).
 */
import type { AccountFacts } from '@caravan/core/conditions/account-facts';
import type { Condition, Rule } from '@caravan/core/conditions/condition';
import { evaluateForAccount } from '@caravan/core/conditions/evaluate';
import { account, facts, now, person } from '@caravan/core/conditions/facts.test-support';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import type { Database, DialectName } from '../database.ts';
import { openTestDatabase } from '../test-databases.ts';
import { storeFacts, storeReferences } from './condition-facts.test-support.ts';
import { selectMatchingAccountIds } from './condition.sql.ts';

export { now };

/** Four accounts that differ in what each rule kind reads. */
export const exampleAccounts: AccountFacts[] = [
  // acme: Software, 250 employees, people ann (CTO, Decision maker) and bob, a crm group, in vip.
  facts(),
  {
    account: account({
      id: 'globex',
      name: 'Globex',
      industry: 'SOFTWARE',
      employees: null,
      annualRevenue: 120,
      country: 'Norway',
      sicCode: null,
      attributes: { tier: 'gold', seats: 7, active: false, renewalDate: '2030-06-15' },
    }),
    people: [person('cy', { jobTitle: 'cto', role: 'Champion', attributes: { score: 10 } })],
    buyingGroups: [
      {
        id: 'bg-2',
        solutionInterestId: 'erp',
        accountId: 'globex',
        stage: 'Won',
        status: null,
        members: [{ personId: 'cy', role: 'decision MAKER', source: 'manual' }],
        completenessScore: 100,
        engagementScore: 90,
      },
    ],
    listIds: ['old'],
    events: [
      {
        type: 'emailOpened',
        occurredAt: '2030-02-28T12:00:00.000Z',
        personId: 'cy',
        properties: { campaign: 'spring', score: '5', 'utm.source': 'Ads' },
      },
      {
        type: 'emailOpened',
        occurredAt: '2030-02-28T11:59:59.999Z',
        personId: null,
        properties: { campaign: null },
      },
      {
        type: 'emailOpened',
        occurredAt: '2030-06-15T12:00:00.001Z',
        personId: null,
        properties: {},
      },
    ],
  },
  {
    account: account({
      id: 'initech',
      name: 'Åland AB',
      industry: null,
      employees: 10,
      annualRevenue: null,
      city: null,
      country: null,
      sicCode: '5411',
      attributes: {},
    }),
    people: [],
    buyingGroups: [],
    listIds: [],
    events: [],
  },
  {
    account: account({
      id: 'umbrella',
      name: 'åland AB',
      industry: 'Retail',
      employees: 1000,
      annualRevenue: 0,
      country: 'US',
      attributes: { tier: '', seats: 0, renewalDate: '2029-12-31T23:00:00.000Z' },
    }),
    people: [
      person('dee', { jobTitle: 'CTO', email: null, role: null }),
      person('eve', { jobTitle: 'Engineer', role: 'Influencer', attributes: { vip: true } }),
    ],
    buyingGroups: [],
    listIds: ['vip', 'old'],
    events: [],
  },
];

export function all(...rules: Rule[]): Condition {
  return { match: 'all', rules };
}

export interface ExampleDatabase {
  database(): Database;
  /** SQL selects exactly `ids`, and memory (`evaluateForAccount`) agrees. */
  expectMatches(condition: Condition, ids: string[], at?: Date): Promise<void>;
}

/** Call inside a `describe`: a fresh database holding `exampleAccounts` for its tests. */
export function useExampleDatabase(dialect: DialectName): ExampleDatabase {
  let database: Database | undefined;
  beforeAll(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
    await storeReferences(database.db, {
      solutionInterests: ['crm', 'erp'],
      lists: ['vip', 'old'],
    });
    for (const f of exampleAccounts) await storeFacts(database.db, f);
  });
  afterAll(async () => {
    await database?.close();
  });
  const current = (): Database => {
    if (database === undefined) throw new Error('the example database is not open yet');
    return database;
  };
  return {
    database: current,
    async expectMatches(condition, ids, at = now) {
      const selected = await selectMatchingAccountIds(current().db, condition, at);
      expect(selected).toEqual({ ok: true, value: [...ids].sort() });
      const inMemory = exampleAccounts
        .filter((f) => evaluateForAccount(condition, f, at).matched)
        .map((f) => f.account.id);
      expect(inMemory.sort()).toEqual([...ids].sort());
    },
  };
}
