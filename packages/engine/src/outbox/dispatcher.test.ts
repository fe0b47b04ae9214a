import { outboundPolicy } from './outbound-policy.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { storedAccount } from '@caravan/storage/b2b-fixtures';
import type { Database } from '@caravan/storage/database';
import { claimDueOutbox, settleOutbox } from '@caravan/storage/outbox.repository';
import { openTestDatabase, testDialects } from '@caravan/storage/test-databases';
import { listEnrollmentTimeline } from '@caravan/storage/timeline.repository';
import { ManualClock } from '../runtime/clock.ts';
import { createEngineEvents } from '../runtime/engine-events.ts';
import {
  dispatchDueOutbox,
  outboxLeaseMs,
  releaseOutboxLeases,
  runDispatcherUntilIdle,
  type DispatcherDeps,
} from './dispatcher.ts';
import { startHttpCapture, type HttpCapture } from './loopback-servers.ts';
import { outboxRow, queueMessage, seedEnrollment, seedJourney } from './outbox-fixtures.ts';
import { latestRetryDelayMs, retryDelayMs, retryPolicy } from './retry-policy.ts';

const start = new Date('2026-12-01T09:00:00.000Z');

describe.each(testDialects)('the outbox dispatcher on %s', (dialect) => {
  let database: Database;
  let clock: ManualClock;
  let server: HttpCapture;
  let deps: DispatcherDeps;
  let status = 200;
  let retryAfter: string | undefined;
  const dead: string[] = [];

  beforeAll(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
    clock = new ManualClock(start);
    server = await startHttpCapture(() => ({
      status,
      ...(retryAfter === undefined ? {} : { headers: { 'retry-after': retryAfter } }),
    }));
    const events = createEngineEvents();
    events.on('message:dead', ({ error }) => dead.push(error));
    deps = {
      database,
      clock,
      events,
      secret: 'dispatcher-test-secret',
      publicUrl: 'http://127.0.0.1:3000',
      // These tests play the lease's time too; in the product it is the real clock.
      leaseClock: clock,
      // The receiver listens on loopback, which only the operator can open.
      outbound: outboundPolicy(['127.0.0.1/32']),
    };
  });
  beforeEach(() => {
    status = 200;
    retryAfter = undefined;
    server.requests.length = 0;
  });
  afterAll(async () => {
    await server.close();
    await database.close();
  });

  async function queueWebhooks(count: number, nodeId = 'hook') {
    const journeyId = await seedJourney(database.db);
    const ids: Array<{ enrollmentId: number; outboxId: number }> = [];
    for (let i = 0; i < count; i += 1) {
      const account = await storedAccount(database.db, { id: crypto.randomUUID() });
      const enrollmentId = await seedEnrollment(database.db, {
        journeyId,
        accountId: account.id,
        nodeId,
        now: clock.now(),
      });
      const message = await queueMessage(database.db, {
        journeyId,
        enrollmentId,
        nodeId,
        accountId: account.id,
        personId: null,
        payload: {
          channel: 'webhook',
          url: `${server.url}/hook/${i}`,
          method: 'POST',
          headers: {},
        },
        now: clock.now(),
      });
      ids.push({ enrollmentId, outboxId: message.id });
    }
    return ids;
  }

  it('retries with exponential backoff and makes a dead letter after the last attempt, with "failed" on the timeline', async () => {
    const [queued] = await queueWebhooks(1);
    status = 503;
    const waits: number[] = [];
    for (let attempt = 1; attempt <= retryPolicy.maxAttempts; attempt += 1) {
      expect(await dispatchDueOutbox(deps)).toBe(1);
      const row = await outboxRow(database.db, queued!.outboxId);
      expect(row.attempts).toBe(attempt);
      if (attempt === retryPolicy.maxAttempts) break;
      expect(row.status).toBe('pending');
      const wait = new Date(row.nextAttemptAt ?? 0).getTime() - clock.now().getTime();
      waits.push(wait);
      clock.advance(wait - 1);
      expect(await dispatchDueOutbox(deps)).toBe(0);
      clock.advance(1);
    }
    // Each wait is the backoff stretched by a random spread of at most a quarter.
    waits.forEach((wait, i) => {
      expect(wait).toBeGreaterThanOrEqual(retryDelayMs(i + 1));
      expect(wait).toBeLessThanOrEqual(latestRetryDelayMs(i + 1));
    });
    const row = await outboxRow(database.db, queued!.outboxId);
    expect(row).toMatchObject({ status: 'dead', nextAttemptAt: null });
    expect(row.lastError).toContain('503');
    expect(row.lastError).toContain('gave up after 8 attempts');
    expect(server.requests).toHaveLength(retryPolicy.maxAttempts);
    const timeline = await listEnrollmentTimeline(database.db, queued!.enrollmentId);
    expect(timeline.map((e) => [e.kind, e.detail['attempts']])).toEqual([['failed', 8]]);
    expect(dead.at(-1)).toContain('503');
  });

  it('sends again a row whose sender crashed once its lease has expired, not before', async () => {
    const [queued] = await queueWebhooks(1);
    // A process claims the row and dies before sending.
    const claimed = await claimDueOutbox(
      database.db,
      clock.now(),
      new Date(clock.now().getTime() + outboxLeaseMs),
      10,
    );
    expect(claimed.map((m) => m.id)).toEqual([queued!.outboxId]);
    expect(await dispatchDueOutbox(deps)).toBe(0);

    clock.advance(outboxLeaseMs);
    expect(await dispatchDueOutbox(deps)).toBe(1);
    expect(await outboxRow(database.db, queued!.outboxId)).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('does not take over a row in flight when only the test clock jumps past its lease', async () => {
    const [queued] = await queueWebhooks(1);
    const real = { ...deps, leaseClock: undefined };
    // Another dispatcher claims the row (lease on the real clock) and is still sending it.
    const claimed = await claimDueOutbox(
      database.db,
      clock.now(),
      new Date(Date.now() + outboxLeaseMs),
      10,
      new Date(),
    );
    expect(claimed.map((m) => m.id)).toEqual([queued!.outboxId]);
    clock.advance(24 * 60 * 60_000);
    expect(await dispatchDueOutbox(real)).toBe(0);
    expect(server.requests).toHaveLength(0);
    // The other dispatcher finishes; nothing is left for the next test.
    await settleOutbox(database.db, queued!.outboxId, { status: 'sent', sentAt: clock.now() });
  });

  it('answers a 429 with Retry-After no earlier than the provider asked', async () => {
    const [queued] = await queueWebhooks(1);
    retryAfter = '3600';
    status = 429;
    expect(await dispatchDueOutbox(deps)).toBe(1);
    const row = await outboxRow(database.db, queued!.outboxId);
    expect(row.status).toBe('pending');
    const wait = new Date(row.nextAttemptAt ?? 0).getTime() - clock.now().getTime();
    expect(wait).toBeGreaterThanOrEqual(3_600_000);
    expect(wait).toBeLessThanOrEqual(3_600_000 * (1 + retryPolicy.spread));
    clock.advance(60_000);
    expect(await dispatchDueOutbox(deps)).toBe(0);
    expect(server.requests).toHaveLength(1);
    status = 200;
    clock.advance(wait - 60_000);
    expect(await dispatchDueOutbox(deps)).toBe(1);
    expect((await outboxRow(database.db, queued!.outboxId)).status).toBe('sent');
  });

  it('makes a dead letter of a row whose senders kept dying mid-send, without sending it again', async () => {
    const [queued] = await queueWebhooks(1);
    for (let crash = 0; crash < retryPolicy.maxAttempts; crash += 1) {
      const claimed = await claimDueOutbox(
        database.db,
        clock.now(),
        new Date(clock.now().getTime() + outboxLeaseMs),
        10,
      );
      expect(claimed).toHaveLength(1);
      clock.advance(outboxLeaseMs);
    }
    expect(await dispatchDueOutbox(deps)).toBe(1);
    const row = await outboxRow(database.db, queued!.outboxId);
    expect(row).toMatchObject({ status: 'dead', attempts: retryPolicy.maxAttempts + 1 });
    expect(row.lastError).toContain('never finished');
    expect(server.requests).toHaveLength(0);
  });

  it('releases every sending row at once on start of the single SQLite process', async () => {
    const queued = await queueWebhooks(2);
    await claimDueOutbox(
      database.db,
      clock.now(),
      new Date(clock.now().getTime() + outboxLeaseMs),
      10,
    );
    expect(await releaseOutboxLeases(database.db, clock.now())).toBe(2);
    expect(await dispatchDueOutbox(deps)).toBe(2);
    for (const { outboxId } of queued) {
      expect((await outboxRow(database.db, outboxId)).status).toBe('sent');
    }
  });

  it('lets concurrent dispatchers claim disjoint rows, so every message is sent once', async () => {
    await queueWebhooks(30);
    const handled = await Promise.all([dispatchDueOutbox(deps, 20), dispatchDueOutbox(deps, 20)]);
    const rest = await runDispatcherUntilIdle(deps, 20);
    expect(handled[0]! + handled[1]! + rest).toBe(30);
    const urls = server.requests.map((r) => r.url);
    expect(urls).toHaveLength(30);
    expect(new Set(urls).size).toBe(30);
  });
});
