import type { Rule } from '@caravan/core/conditions/condition';
import { describe, expect, it } from 'vitest';
import { testDialects } from '../test-databases.ts';
import { all, now, useExampleDatabase } from './condition-examples.test-support.ts';
import { compileAccountCondition, selectMatchingAccountIds } from './condition.sql.ts';

describe.each(testDialects)('compiled account conditions on %s', (dialect) => {
  const { database, expectMatches } = useExampleDatabase(dialect);

  describe('match', () => {
    it('selects every account for all of no rules and none for any of no rules', async () => {
      await expectMatches({ match: 'all', rules: [] }, ['acme', 'globex', 'initech', 'umbrella']);
      await expectMatches({ match: 'any', rules: [] }, []);
    });

    it('needs every rule for all and one rule for any', async () => {
      const software = {
        kind: 'account',
        attribute: 'industry',
        operator: 'equals',
        value: 'software',
      } as const;
      const big = {
        kind: 'account',
        attribute: 'employees',
        operator: 'greaterOrEqual',
        value: 1000,
      } as const;
      await expectMatches(all(software, big), []);
      await expectMatches({ match: 'any', rules: [software, big] }, ['acme', 'globex', 'umbrella']);
    });
  });

  describe('account rules', () => {
    it('compares standard text fields A–Z case-insensitively, but not Å and å', async () => {
      await expectMatches(
        all({ kind: 'account', attribute: 'industry', operator: 'equals', value: 'Software' }),
        ['acme', 'globex'],
      );
      await expectMatches(
        all({ kind: 'account', attribute: 'name', operator: 'equals', value: 'ÅLAND ab' }),
        ['initech'],
      );
      await expectMatches(
        all({ kind: 'account', attribute: 'name', operator: 'startsWith', value: 'å' }),
        ['umbrella'],
      );
    });

    it('lets a missing value match only notExists, notEquals and notIn', async () => {
      const rule = (
        operator: 'notExists' | 'notEquals' | 'notIn' | 'contains' | 'lessThan',
        value?: string | string[],
      ) =>
        all({
          kind: 'account',
          attribute: 'industry',
          operator,
          ...(value === undefined ? {} : { value }),
        });
      await expectMatches(rule('notExists'), ['initech']);
      await expectMatches(rule('notEquals', 'software'), ['initech', 'umbrella']);
      await expectMatches(rule('notIn', ['Retail', 'SOFTWARE']), ['initech']);
      await expectMatches(rule('contains', ''), ['acme', 'globex', 'umbrella']);
      await expectMatches(rule('lessThan', 'zzz'), ['acme', 'globex', 'umbrella']);
    });

    it('orders numbers numerically and coerces number-like text, inclusive between', async () => {
      await expectMatches(
        all({ kind: 'account', attribute: 'employees', operator: 'between', value: ['10', 250] }),
        ['acme', 'initech'],
      );
      await expectMatches(
        all({ kind: 'account', attribute: 'employees', operator: 'greaterThan', value: '1e2' }),
        ['acme', 'umbrella'],
      );
      await expectMatches(
        all({ kind: 'account', attribute: 'employees', operator: 'between', value: [250, 10] }),
        [],
      );
      await expectMatches(
        all({ kind: 'account', attribute: 'employees', operator: 'equals', value: 'ten' }),
        [],
      );
      await expectMatches(
        all({ kind: 'account', attribute: 'annualRevenue', operator: 'lessOrEqual', value: 120 }),
        ['globex', 'umbrella'],
      );
    });

    it('never lets a number contain text, and compares text fields with numbers as text', async () => {
      await expectMatches(
        all({ kind: 'account', attribute: 'employees', operator: 'contains', value: '25' }),
        [],
      );
      await expectMatches(
        all({ kind: 'account', attribute: 'sicCode', operator: 'in', value: [7372, 5411] }),
        ['acme', 'initech', 'umbrella'],
      );
    });

    it('reads custom attributes by the type of the stored value', async () => {
      await expectMatches(
        all({ kind: 'account', attribute: 'seats', operator: 'lessThan', value: '10' }),
        ['globex', 'umbrella'],
      );
      await expectMatches(
        all({ kind: 'account', attribute: 'active', operator: 'equals', value: 'FALSE' }),
        ['globex'],
      );
      await expectMatches(
        all({ kind: 'account', attribute: 'active', operator: 'greaterThan', value: false }),
        [],
      );
      await expectMatches(
        all({ kind: 'account', attribute: 'tier', operator: 'equals', value: 'GOLD' }),
        ['acme', 'globex'],
      );
      await expectMatches(all({ kind: 'account', attribute: 'tier', operator: 'exists' }), [
        'acme',
        'globex',
        'umbrella',
      ]);
      await expectMatches(all({ kind: 'account', attribute: 'seats', operator: 'notExists' }), [
        'initech',
      ]);
    });

    it('orders ISO dates and date-times of a date attribute by time', async () => {
      await expectMatches(
        all({
          kind: 'account',
          attribute: 'renewalDate',
          operator: 'greaterOrEqual',
          value: '2030-06-15',
        }),
        ['acme', 'globex'],
      );
      await expectMatches(
        all({
          kind: 'account',
          attribute: 'renewalDate',
          operator: 'lessThan',
          value: '2030-01-01',
        }),
        ['umbrella'],
      );
    });

    it('treats a name that is no field and no stored attribute as missing', async () => {
      await expectMatches(
        all({ kind: 'account', attribute: 'constructor', operator: 'notExists' }),
        ['acme', 'globex', 'initech', 'umbrella'],
      );
    });

    it('never matches an incomplete rule, even notEquals', async () => {
      await expectMatches(
        all({ kind: 'account', attribute: 'industry', operator: 'notEquals' }),
        [],
      );
      await expectMatches(
        all({ kind: 'account', attribute: 'employees', operator: 'between', value: [1] }),
        [],
      );
      await expectMatches(
        all({ kind: 'account', attribute: 'industry', operator: 'equals', value: ['Software'] }),
        [],
      );
    });
  });

  it('answers NOT_COMPILABLE for an attribute name no JSON path can hold safely', () => {
    const rule: Rule = { kind: 'account', attribute: 'a"b', operator: 'exists' };
    const compiled = compileAccountCondition(database().db, all(rule), now);
    expect(compiled.ok ? 'compiled' : compiled.error.code).toBe('NOT_COMPILABLE');
  });

  it('stops at the limit, in id order', async () => {
    expect(await selectMatchingAccountIds(database().db, all(), now, { limit: 2 })).toEqual({
      ok: true,
      value: ['acme', 'globex'],
    });
  });

  it('composes with other filters on accounts', async () => {
    const compiled = compileAccountCondition(
      database().db,
      all({ kind: 'listMembership', listId: 'old', isMember: true }),
      now,
    );
    if (!compiled.ok) throw new Error(compiled.error.message);
    const rows = await database()
      .db.selectFrom('accounts')
      .select('id')
      .where(compiled.value)
      .where('employees', '>', 100)
      .execute();
    expect(rows.map((r) => r.id)).toEqual(['umbrella']);
  });
});
