import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Database } from './database.ts';
import { insertJourney } from './journey.repository.ts';
import {
  claimDueOutbox,
  releaseClaimedOutbox,
  countSentOutbox,
  enqueueOutbox,
  findOutboxMessage,
  listOutbox,
  releaseSendingOutbox,
  retryDeadOutbox,
  settleOutbox,
  type NewOutboxMessage,
} from './outbox.repository.ts';
import { settleOutboxSent } from './outbox-settlement.repository.ts';
import { openTestDatabase, testDialects } from './test-databases.ts';
import { aJourney, aUser, at, t0 } from './test-fixtures.ts';

describe.each(testDialects)('the outbox on %s', (dialect) => {
  let database: Database;
  let journeyId: string;
  beforeEach(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
    const user = await aUser(database.db);
    const journey = await insertJourney(database.db, aJourney(user.id));
    if (!journey.ok) throw new Error(journey.error.message);
    journeyId = journey.value.id;
  });
  afterEach(async () => database.close());

  const message = (n: number, now: Date, personId = 'p1'): NewOutboxMessage => ({
    idempotencyKey: `${n}:mail:${personId}`,
    channel: 'email',
    journeyId,
    enrollmentId: n,
    nodeId: 'mail',
    accountId: 'a1',
    personId,
    recipient: 'ada@example.com',
    payload: { channel: 'email', emailId: 'e1' },
    now,
  });

  it('claims due pending rows once, counting an attempt, and leaves rows not yet due', async () => {
    const { db } = database;
    await enqueueOutbox(db, [message(1, t0), message(2, at(10))]);
    const claimed = await claimDueOutbox(db, at(1), at(2), 10);
    expect(claimed.map((m) => [m.enrollmentId, m.status, m.attempts, m.leaseUntil])).toEqual([
      [1, 'sending', 1, at(2).toISOString()],
    ]);
    expect(await claimDueOutbox(db, at(1), at(2), 10)).toEqual([]);
  });

  it('claims a sending row again once its lease has expired', async () => {
    const { db } = database;
    await enqueueOutbox(db, [message(1, t0)]);
    await claimDueOutbox(db, t0, at(1), 10);
    expect(await claimDueOutbox(db, at(0.5), at(1.5), 10)).toEqual([]);
    const again = await claimDueOutbox(db, at(1), at(2), 10);
    expect(again.map((m) => m.attempts)).toEqual([2]);
  });

  it('measures an expired lease on the lease clock, not on the due-time clock', async () => {
    const { db } = database;
    await enqueueOutbox(db, [message(1, t0)]);
    // Claimed at real time t0 with a lease to t0 + 1 min; the (test) due-time clock then jumps ahead.
    await claimDueOutbox(db, t0, at(1), 10, t0);
    expect(await claimDueOutbox(db, at(24), at(25), 10, at(0.5))).toEqual([]);
    const again = await claimDueOutbox(db, at(24), at(25), 10, at(1));
    expect(again.map((m) => m.attempts)).toEqual([2]);
  });

  it('gives back claimed rows that were never sent, without the attempt of the claim', async () => {
    const { db } = database;
    await enqueueOutbox(db, [message(1, t0), message(2, t0)]);
    const claimed = await claimDueOutbox(db, t0, at(1), 10);
    expect(
      await releaseClaimedOutbox(
        db,
        claimed.map((m) => m.id),
      ),
    ).toBe(2);
    expect(await releaseClaimedOutbox(db, [])).toBe(0);
    const again = await claimDueOutbox(db, t0, at(1), 10);
    expect(again.map((m) => [m.enrollmentId, m.attempts])).toEqual([
      [1, 1],
      [2, 1],
    ]);
  });

  it('settles only a row that is still sending', async () => {
    const { db } = database;
    await enqueueOutbox(db, [message(1, t0)]);
    const [claimed] = await claimDueOutbox(db, t0, at(1), 10);
    expect(await settleOutbox(db, claimed!.id, { status: 'sent', sentAt: at(0.5) })).toBe(true);
    expect(await settleOutbox(db, claimed!.id, { status: 'dead', error: 'late' })).toBe(false);
    expect(await findOutboxMessage(db, claimed!.id)).toMatchObject({
      status: 'sent',
      sentAt: at(0.5).toISOString(),
      nextAttemptAt: null,
      leaseUntil: null,
    });
  });

  it('settles many sent rows at once, only those still sending, with their recipients', async () => {
    const { db } = database;
    await enqueueOutbox(db, [message(1, t0), message(2, t0, 'p2'), message(3, t0, 'p3')]);
    const [first, second, third] = await claimDueOutbox(db, t0, at(1), 10);
    await settleOutbox(db, third!.id, { status: 'dead', error: 'taken over' });
    const settled = await settleOutboxSent(db, [
      { id: first!.id, sentAt: at(0.5), recipient: 'grace@example.com' },
      { id: second!.id, sentAt: at(0.6) },
      { id: third!.id, sentAt: at(0.7) },
    ]);
    expect([...settled].sort()).toEqual([first!.id, second!.id].sort());
    expect(await findOutboxMessage(db, first!.id)).toMatchObject({
      status: 'sent',
      sentAt: at(0.5).toISOString(),
      recipient: 'grace@example.com',
      nextAttemptAt: null,
      leaseUntil: null,
      lastError: null,
    });
    expect(await findOutboxMessage(db, second!.id)).toMatchObject({
      status: 'sent',
      sentAt: at(0.6).toISOString(),
      recipient: 'ada@example.com',
    });
    expect(await findOutboxMessage(db, third!.id)).toMatchObject({ status: 'dead', sentAt: null });
  });

  it('counts sent messages of a person and channel since a time', async () => {
    const { db } = database;
    await enqueueOutbox(db, [message(1, t0), message(2, t0), message(3, t0, 'p2')]);
    for (const m of await claimDueOutbox(db, t0, at(1), 10)) {
      await settleOutbox(db, m.id, { status: 'sent', sentAt: at(m.enrollmentId ?? 0) });
    }
    expect(await countSentOutbox(db, 'p1', 'email', at(0))).toBe(2);
    expect(await countSentOutbox(db, 'p1', 'email', at(2))).toBe(1);
    expect(await countSentOutbox(db, 'p1', 'sms', at(0))).toBe(0);
  });

  it('releases sending rows and retries only dead ones', async () => {
    const { db } = database;
    await enqueueOutbox(db, [message(1, t0), message(2, t0)]);
    const [first, second] = await claimDueOutbox(db, t0, at(1), 10);
    await settleOutbox(db, first!.id, { status: 'dead', error: 'boom' });
    expect(await releaseSendingOutbox(db, at(0.2))).toBe(1);
    expect((await findOutboxMessage(db, second!.id))?.status).toBe('pending');
    expect(await retryDeadOutbox(db, second!.id, at(1))).toBe('notDead');
    expect(await retryDeadOutbox(db, 987654, at(1))).toBe('notFound');
    expect(await retryDeadOutbox(db, first!.id, at(1))).toBe('retried');
    expect(await findOutboxMessage(db, first!.id)).toMatchObject({
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at(1).toISOString(),
    });
    const dead = await listOutbox(db, { status: 'pending', limit: 1 });
    expect(dead.total).toBe(2);
    expect(dead.items.map((m) => m.id)).toEqual([second!.id]);
  });
});
