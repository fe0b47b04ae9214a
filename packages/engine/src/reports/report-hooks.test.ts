import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { OutboxPayload } from '@caravan/core/engine/outbox';
import { storedAccount } from '@caravan/storage/b2b-fixtures';
import type { Database } from '@caravan/storage/database';
import { claimDueOutbox } from '@caravan/storage/outbox.repository';
import { sumMessageRollups, sumNodeMessages } from '@caravan/storage/report-query.repository';
import { openTestDatabase, testDialects } from '@caravan/storage/test-databases';
import { queueMessage, seedEnrollment, seedJourney } from '../outbox/outbox-fixtures.ts';
import { settleAttempts } from '../outbox/settle-attempt.ts';

const now = new Date('2026-12-01T09:00:00.000Z');
const email: OutboxPayload = {
  channel: 'email',
  content: { subject: 'Hello', text: 'Hi', fromEmail: 'team@example.com' },
};

describe.each(testDialects)('report rollups of a settled group on %s', (dialect) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
  });
  afterAll(async () => {
    await database.close();
  });

  it('counts every send of a group settled together once, in the day rows and the totals', async () => {
    const db = database.db;
    const journeyId = await seedJourney(db);
    for (let i = 0; i < 3; i++) {
      const account = await storedAccount(db, { id: crypto.randomUUID() });
      const enrollmentId = await seedEnrollment(db, {
        journeyId,
        accountId: account.id,
        nodeId: 'mail',
        now,
      });
      await queueMessage(db, {
        journeyId,
        enrollmentId,
        nodeId: 'mail',
        accountId: account.id,
        personId: null,
        recipient: `p${i}@acme.example`,
        payload: email,
        now,
      });
    }
    const claimed = await claimDueOutbox(db, now, new Date(now.getTime() + 60_000), 10);
    const group = claimed
      .filter((m) => m.journeyId === journeyId)
      .map((message, i) => ({
        message,
        outcome: { kind: 'sent' as const, messageId: `<group-${journeyId}-${i}@relay>` },
        now,
      }));
    expect(group).toHaveLength(3);

    await settleAttempts({ database }, group);
    // Settled again (a repeated settle): rows already sent are not counted twice.
    await settleAttempts({ database }, group);

    const reportMessages = await db
      .selectFrom('report_messages')
      .select('state')
      .where('journey_id', '=', journeyId)
      .execute();
    expect(reportMessages.map((m) => m.state)).toEqual(['delivered', 'delivered', 'delivered']);
    const byDay = await sumMessageRollups(db, {
      journeyIds: [journeyId],
      from: '2026-12-01',
      to: '2026-12-01',
    });
    const all = await sumMessageRollups(db, { journeyIds: [journeyId] });
    expect(byDay).toEqual(all);
    expect(all).toMatchObject([{ nodeId: 'mail', channel: 'email', sent: 3, delivered: 3 }]);
    expect(await sumNodeMessages(db, journeyId)).toEqual([
      { nodeId: 'mail', channel: 'email', sent: 3, delivered: 3, opened: 0, clicked: 0 },
    ]);
  });
});
