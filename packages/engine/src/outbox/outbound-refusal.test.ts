import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { storedAccount } from '@caravan/storage/b2b-fixtures';
import type { Database } from '@caravan/storage/database';
import { openTestDatabase, testDialects } from '@caravan/storage/test-databases';
import { ManualClock } from '../runtime/clock.ts';
import { dispatchDueOutbox, type DispatcherDeps } from './dispatcher.ts';
import { startHttpCapture, type HttpCapture } from './loopback-servers.ts';
import { outboundPolicy } from './outbound-policy.ts';
import { outboxRow, queueMessage, seedEnrollment, seedJourney } from './outbox-fixtures.ts';

const start = new Date('2026-12-01T09:00:00.000Z');

describe.each(testDialects)('outbound requests to internal addresses on %s', (dialect) => {
  let database: Database;
  let clock: ManualClock;
  let receiver: HttpCapture;
  let closed: DispatcherDeps;

  beforeAll(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
    clock = new ManualClock(start);
    receiver = await startHttpCapture(() => ({ status: 200 }));
    closed = { database, clock, secret: 'refusal-test-secret', publicUrl: 'http://caravan.test' };
  });
  afterAll(async () => {
    await receiver.close();
    await database.close();
  });

  async function queueWebhook(url: string) {
    const journeyId = await seedJourney(database.db);
    const account = await storedAccount(database.db, { id: crypto.randomUUID() });
    const enrollmentId = await seedEnrollment(database.db, {
      journeyId,
      accountId: account.id,
      nodeId: 'hook',
      now: clock.now(),
    });
    return queueMessage(database.db, {
      journeyId,
      enrollmentId,
      nodeId: 'hook',
      accountId: account.id,
      personId: null,
      payload: { channel: 'webhook', url, method: 'POST', headers: {} },
      now: clock.now(),
    });
  }

  it('dead-letters webhooks to a loopback receiver in every notation with OUTBOUND_ADDRESS_REFUSED, and the receiver sees no connection', async () => {
    const port = new URL(receiver.url).port;
    const urls = [
      '127.0.0.1',
      '2130706433',
      '0x7f000001',
      '127.1',
      '[::ffff:127.0.0.1]',
      'localhost',
    ].map((host) => `http://${host}:${port}/hook`);
    const queued = [];
    for (const url of urls) queued.push(await queueWebhook(url));
    expect(await dispatchDueOutbox(closed)).toBe(urls.length);
    for (const message of queued) {
      const row = await outboxRow(database.db, message.id);
      expect(row.status).toBe('dead');
      expect(row.attempts).toBe(1);
      expect(row.lastError).toMatch(/^OUTBOUND_ADDRESS_REFUSED: /);
    }
    expect(receiver.connections).toBe(0);
    expect(receiver.requests).toHaveLength(0);
  });

  it('sends once to the same receiver when the operator allows 127.0.0.1/32', async () => {
    const message = await queueWebhook(`${receiver.url}/allowed`);
    const open = { ...closed, outbound: outboundPolicy(['127.0.0.1/32']) };
    expect(await dispatchDueOutbox(open)).toBe(1);
    expect((await outboxRow(database.db, message.id)).status).toBe('sent');
    expect(receiver.requests.map((r) => r.url)).toEqual(['/allowed']);
    expect(receiver.connections).toBe(1);
  });
});
