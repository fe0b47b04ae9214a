import type { Rule } from '@caravan/core/conditions/condition';
import { describe, it } from 'vitest';
import { testDialects } from '../test-databases.ts';
import { all, useExampleDatabase } from './condition-examples.test-support.ts';

describe.each(testDialects)('compiled event-history rules on %s', (dialect) => {
  const { expectMatches } = useExampleDatabase(dialect);

  describe('event history', () => {
    const opened = (extra: Partial<Extract<Rule, { kind: 'eventHistory' }>> = {}): Rule => ({
      kind: 'eventHistory',
      eventType: 'emailOpened',
      constraints: [],
      minCount: 1,
      didNotDo: false,
      ...extra,
    });
    const monthEnd = new Date('2030-03-31T12:00:00.000Z');

    it('counts events from the calendar month start up to now, not the future', async () => {
      await expectMatches(
        all(opened({ lookback: { amount: 1, unit: 'months' } })),
        ['globex'],
        monthEnd,
      );
      await expectMatches(
        all(opened({ lookback: { amount: 1, unit: 'months' }, minCount: 2 })),
        [],
        monthEnd,
      );
      await expectMatches(all(opened({ minCount: 2 })), ['globex'], monthEnd);
      await expectMatches(all(opened({ minCount: 2 })), ['acme', 'globex']);
      await expectMatches(all(opened({ minCount: 3 })), []);
      await expectMatches(all(opened({ lookback: { amount: 3, unit: 'hours' } })), []);
    });

    it('holds didNotDo when fewer than minCount events count', async () => {
      await expectMatches(all(opened({ minCount: 2, didNotDo: true })), ['initech', 'umbrella']);
      await expectMatches(all(opened({ lookback: { amount: 1, unit: 'weeks' }, didNotDo: true })), [
        'globex',
        'initech',
        'umbrella',
      ]);
    });

    it('applies is and isNot constraints with coercion, a missing property passing isNot', async () => {
      await expectMatches(
        all(
          opened({
            constraints: [{ field: 'campaign', operator: 'is', values: ['SPRING'] }],
            minCount: 2,
          }),
        ),
        ['acme'],
      );
      await expectMatches(
        all(opened({ constraints: [{ field: 'score', operator: 'is', values: [5] }] })),
        ['globex'],
      );
      await expectMatches(
        all(
          opened({ constraints: [{ field: 'campaign', operator: 'isNot', values: ['spring'] }] }),
        ),
        ['globex'],
      );
      await expectMatches(
        all({
          ...opened(),
          eventType: 'formFilledOut',
          constraints: [{ field: 'score', operator: 'is', values: ['5'] }],
        } as Rule),
        ['acme'],
      );
    });

    it('reads event properties whose names hold dots, dashes or spaces', async () => {
      await expectMatches(
        all(opened({ constraints: [{ field: 'utm.source', operator: 'is', values: ['ads'] }] })),
        ['globex'],
      );
      await expectMatches(
        all(opened({ constraints: [{ field: 'utm', operator: 'is', values: ['ads'] }] })),
        [],
      );
    });

    it('matches event types exactly, case and all', async () => {
      await expectMatches(all(opened({ eventType: 'EMAILOPENED' })), []);
    });
  });
});
