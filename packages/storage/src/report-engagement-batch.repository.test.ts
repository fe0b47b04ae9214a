import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Database } from './database.ts';
import { recordEngagements, type Engagement } from './report-engagement-batch.repository.ts';
import { recordEngagement } from './report-rollup.repository.ts';
import { openTestDatabase, testDialects } from './test-databases.ts';

const at = new Date('2026-03-02T09:00:00.000Z');
const event = (journeyId: string, accountId: string, personId: string | null): Engagement => ({
  journeyId,
  accountId,
  personId,
  kind: 'event',
  at,
});

async function totals(database: Database, journeyId: string): Promise<Record<string, number>> {
  const rows = await database.db
    .selectFrom('report_journey_totals')
    .select(['metric', 'value'])
    .where('journey_id', '=', journeyId)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.metric, Number(r.value)]));
}

describe.each(testDialects)('engagement recorded per batch on %s', (dialect) => {
  let database: Database;
  beforeEach(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
  });
  afterEach(async () => {
    await database.close();
  });

  it('counts each account and person once however often they engage in one batch', async () => {
    await recordEngagements(database.db, [
      event('j1', 'a1', 'p1'),
      event('j1', 'a1', 'p1'),
      event('j1', 'a1', 'p2'),
      event('j1', 'a2', null),
      event('j2', 'a1', null),
    ]);
    expect(await totals(database, 'j1')).toEqual({
      engagedAccounts: 2,
      engagedPeople: 2,
      'engagement:event': 3,
    });
    expect(await totals(database, 'j2')).toEqual({ engagedAccounts: 1, 'engagement:event': 1 });
  });

  it('does not count again what an earlier batch or a single record already counted', async () => {
    await recordEngagement(database.db, { ...event('j1', 'a1', 'p1'), kind: 'emailOpened' });
    await recordEngagements(database.db, [event('j1', 'a1', 'p1')]);
    await recordEngagements(database.db, [event('j1', 'a1', 'p1'), event('j1', 'a3', 'p3')]);
    expect(await totals(database, 'j1')).toEqual({
      engagedAccounts: 2,
      engagedPeople: 2,
      'engagement:emailOpened': 1,
      'engagement:event': 2,
    });
  });

  it('writes the same rows as recording the engagements one by one', async () => {
    const batch = [event('j1', 'a1', 'p1'), event('j1', 'a2', null)];
    await recordEngagements(database.db, batch);
    const batched = await database.db
      .selectFrom('report_engagement')
      .selectAll()
      .orderBy('account_id')
      .orderBy('person_id')
      .orderBy('kind')
      .execute();
    await database.db.deleteFrom('report_engagement').execute();
    for (const e of batch) await recordEngagement(database.db, e);
    const single = await database.db
      .selectFrom('report_engagement')
      .selectAll()
      .orderBy('account_id')
      .orderBy('person_id')
      .orderBy('kind')
      .execute();
    expect(batched).toEqual(single);
    expect(batched).toHaveLength(5);
  });

  it('records thousands of engagements in one call (past one insert statement)', async () => {
    const many = Array.from({ length: 1_500 }, (_, i) => event('j1', `a${i}`, `p${i}`));
    await recordEngagements(database.db, many);
    expect(await totals(database, 'j1')).toEqual({
      engagedAccounts: 1_500,
      engagedPeople: 1_500,
      'engagement:event': 1_500,
    });
  });
});
