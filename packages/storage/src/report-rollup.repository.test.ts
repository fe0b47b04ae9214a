import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Database } from './database.ts';
import { sumMessageRollups, sumNodeMessages } from './report-query.repository.ts';
import {
  bumpMessageRollups,
  insertReportMessages,
  type ReportMessage,
  type RollupBump,
} from './report-rollup.repository.ts';
import { openTestDatabase, testDialects } from './test-databases.ts';

describe.each(testDialects)('report rollups on %s', (dialect) => {
  let database: Database;
  let journeyId: string;
  beforeEach(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
    journeyId = randomUUID();
  });
  afterEach(async () => {
    await database.close();
  });

  const bump = (nodeId: string, day: string, delta: RollupBump['delta']): RollupBump => ({
    key: { journeyId, nodeId, channel: 'email', contentId: 'e1', day },
    delta,
    at: new Date(`${day}T10:00:00.000Z`),
  });

  it('adds a batch of bumps to the per-day rows and to the all-days totals in one call', async () => {
    await bumpMessageRollups(database.db, [
      bump('mail', '2026-12-01', { sent: 1, delivered: 1 }),
      bump('mail', '2026-12-01', { sent: 1, delivered: 1 }),
      bump('mail', '2026-12-02', { sent: 1, opened: 1, opens: 2 }),
      bump('other', '2026-12-02', { sent: 1, bounced: 1 }),
    ]);
    await bumpMessageRollups(database.db, [bump('mail', '2026-12-03', { clicked: 1, clicks: 1 })]);

    const days = await database.db
      .selectFrom('report_message_rollups')
      .select(['node_id', 'day', 'sent'])
      .where('journey_id', '=', journeyId)
      .orderBy('node_id')
      .orderBy('day')
      .execute();
    expect(days.map((d) => [d.node_id, d.day, Number(d.sent)])).toEqual([
      ['mail', '2026-12-01', 2],
      ['mail', '2026-12-02', 1],
      ['mail', '2026-12-03', 0],
      ['other', '2026-12-02', 1],
    ]);
    const all = await sumMessageRollups(database.db, { journeyIds: [journeyId] });
    const mail = all.find((r) => r.nodeId === 'mail');
    expect(mail).toMatchObject({
      sent: 3,
      delivered: 2,
      opened: 1,
      opens: 2,
      clicked: 1,
      firstAt: '2026-12-01T10:00:00.000Z',
      lastAt: '2026-12-03T10:00:00.000Z',
    });
    const secondDay = await sumMessageRollups(database.db, {
      journeyIds: [journeyId],
      from: '2026-12-02',
      to: '2026-12-02',
    });
    expect(secondDay.map((r) => [r.nodeId, r.sent]).sort()).toEqual([
      ['mail', 1],
      ['other', 1],
    ]);
    expect(await sumNodeMessages(database.db, journeyId)).toEqual(
      expect.arrayContaining([
        { nodeId: 'mail', channel: 'email', sent: 3, delivered: 2, opened: 1, clicked: 1 },
        { nodeId: 'other', channel: 'email', sent: 1, delivered: 0, opened: 0, clicked: 0 },
      ]),
    );
  });

  it('stores each report message once and answers only the keys that were new', async () => {
    const message = (key: string, outboxId: number): ReportMessage => ({
      messageKey: `${journeyId}:${key}`,
      outboxId,
      journeyId,
      nodeId: 'mail',
      channel: 'email',
      contentId: 'e1',
      accountId: null,
      personId: null,
      recipient: 'ada@acme.example',
      sentDay: '2026-12-01',
      state: 'delivered',
    });
    const first = await insertReportMessages(database.db, [message('a', 1), message('b', 2)]);
    expect([...first].sort()).toEqual([`${journeyId}:a`, `${journeyId}:b`]);
    const again = await insertReportMessages(database.db, [message('b', 2), message('c', 3)]);
    expect([...again]).toEqual([`${journeyId}:c`]);
  });
});
