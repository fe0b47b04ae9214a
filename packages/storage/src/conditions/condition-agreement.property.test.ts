/**
 * The SQL compiler agrees with the in-memory reference (core `evaluateForAccount`) on random
 * conditions over random accounts, on SQLite and PostgreSQL. Seeds are fixed so that a failure
 * replays: the message names the dataset seed and the condition's index in it.
 */
import type { AccountFacts } from '@caravan/core/conditions/account-facts';
import { evaluateForAccount } from '@caravan/core/conditions/evaluate';
import {
  createRng,
  randomAccountFacts,
  randomCondition,
  randomNow,
} from '@caravan/core/conditions/random-condition.test-support';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../database.ts';
import { openTestDatabase, testDialects } from '../test-databases.ts';
import { storableFacts, storeFacts, storeReferences } from './condition-facts.test-support.ts';
import { selectMatchingAccountIds } from './condition.sql.ts';

/** 20 datasets × 50 conditions = 1,000 random conditions per dialect. */
const datasetSeeds = Array.from({ length: 20 }, (_, i) => 1000 + i);
const conditionsPerDataset = 50;
const accountsPerDataset = 20;

function dataset(seed: number): AccountFacts[] {
  const rng = createRng(seed);
  return Array.from({ length: accountsPerDataset }, (_, i) =>
    randomAccountFacts(rng, `d${seed}-a${String(i).padStart(2, '0')}`),
  );
}

describe.each(testDialects)('SQL and memory agree on random conditions on %s', (dialect) => {
  let database: Database;
  const datasets = new Map<number, AccountFacts[]>();

  beforeAll(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
    await storeReferences(database.db, {
      solutionInterests: ['si-1', 'si-2'],
      lists: ['list-1', 'list-2', 'list-3'],
    });
    // One database holds every dataset; each account id names its dataset, so results are split
    // by prefix. Emails are made unique across all of them (a schema constraint).
    const all = storableFacts(datasetSeeds.flatMap(dataset));
    for (const facts of all) await storeFacts(database.db, facts);
    for (const seed of datasetSeeds) {
      datasets.set(
        seed,
        all.filter((f) => f.account.id.startsWith(`d${seed}-`)),
      );
    }
  }, 240_000);

  afterAll(async () => {
    await database.close();
  });

  it.each(datasetSeeds)(
    'matches the same accounts as evaluateForAccount for the conditions of seed %i',
    async (seed) => {
      const facts = datasets.get(seed) ?? [];
      const rng = createRng(seed * 7919);
      let matchedSomewhere = 0;
      for (let index = 0; index < conditionsPerDataset; index += 1) {
        const condition = randomCondition(rng);
        // Whole conditions of several rules mostly match all or nothing; each rule alone is
        // checked too, so that every rule kind and operator is exercised on its own.
        const cases = [
          { label: `#${index}`, condition },
          ...condition.rules.map((rule, r) => ({
            label: `#${index} rule ${r}`,
            condition: { match: 'all' as const, rules: [rule] },
          })),
        ];
        for (const { label, condition: tried } of cases) {
          const expected = facts
            .filter((f) => evaluateForAccount(tried, f, randomNow).matched)
            .map((f) => f.account.id)
            .sort();
          const selected = await selectMatchingAccountIds(database.db, tried, randomNow);
          if (!selected.ok) throw new Error(`seed ${seed} ${label}: ${selected.error.message}`);
          const actual = selected.value.filter((id) => id.startsWith(`d${seed}-`));
          expect(actual, `seed ${seed}, condition ${label}: ${JSON.stringify(tried)}`).toEqual(
            expected,
          );
          if (expected.length > 0 && expected.length < facts.length) matchedSomewhere += 1;
        }
      }
      // The conditions must discriminate, else agreement would be vacuous.
      expect(matchedSomewhere).toBeGreaterThan(conditionsPerDataset / 10);
    },
  );
});
