import { outboundPolicy } from '@caravan/engine/outbox/outbound-policy';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runDispatcherUntilIdle, type DispatcherDeps } from '@caravan/engine/outbox/dispatcher';
import { startHttpCapture, type HttpCapture } from '@caravan/engine/outbox/loopback-servers';
import { queueMessage, seedEnrollment, seedJourney } from '@caravan/engine/outbox/outbox-fixtures';
import { latestRetryDelayMs, retryPolicy } from '@caravan/engine/outbox/retry-policy';
import { storedAccount } from '@caravan/storage/b2b-fixtures';
import { testDialects } from '@caravan/storage/test-databases';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

describe.each(testDialects)('the outbox API on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;
  let viewer: Client;
  let hook: HttpCapture;
  let status = 503;
  let dispatcher: DispatcherDeps;

  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    manager = (await t.signIn('manager')).client;
    viewer = (await t.signIn('viewer')).client;
    hook = await startHttpCapture(() => ({ status }));
    dispatcher = {
      database: t.database,
      clock: t.clock,
      secret: 'outbox-api-secret',
      publicUrl: 'http://127.0.0.1:3000',
      // The receiver listens on loopback, which only the operator can open.
      outbound: outboundPolicy(['127.0.0.1/32']),
    };
  });
  afterAll(async () => {
    await hook.close();
    await t.close();
  });

  /** A webhook that fails every attempt until it is a dead letter. */
  async function deadLetter(): Promise<number> {
    const journeyId = await seedJourney(t.database.db);
    const account = await storedAccount(t.database.db, { id: crypto.randomUUID() });
    const enrollmentId = await seedEnrollment(t.database.db, {
      journeyId,
      accountId: account.id,
      nodeId: 'hook',
      now: t.clock.now(),
    });
    const message = await queueMessage(t.database.db, {
      journeyId,
      enrollmentId,
      nodeId: 'hook',
      accountId: account.id,
      personId: null,
      payload: { channel: 'webhook', url: `${hook.url}/crm`, method: 'POST', headers: {} },
      now: t.clock.now(),
    });
    status = 503;
    for (let attempt = 1; attempt <= retryPolicy.maxAttempts; attempt += 1) {
      await runDispatcherUntilIdle(dispatcher);
      t.clock.advance(latestRetryDelayMs(attempt));
    }
    return message.id;
  }

  it('lists dead letters with channel, recipient, attempts, last error and ids; viewers may read', async () => {
    const id = await deadLetter();
    const response = await viewer.get('/outbox?status=dead');
    expect(response.status).toBe(200);
    const item = response.body.items.find((m: { id: number }) => m.id === id);
    expect(item).toMatchObject({
      channel: 'webhook',
      status: 'dead',
      attempts: 8,
      nodeId: 'hook',
      recipient: null,
    });
    expect(item.lastError).toContain('503');
    expect(item.journeyId).toEqual(expect.any(String));
    expect(item.accountId).toEqual(expect.any(String));
    expect(response.body.total).toBeGreaterThanOrEqual(1);
    expect(
      (await viewer.get('/outbox?status=sent')).body.items.some((m: { id: number }) => m.id === id),
    ).toBe(false);
  });

  it('pages the outbox newest first with a cursor', async () => {
    await deadLetter();
    const first = await manager.get('/outbox?limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await manager.get(`/outbox?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id).toBeLessThan(first.body.items[0].id);
    expect((await manager.get('/outbox?cursor=abc')).body.error.code).toBe('INVALID_CURSOR');
  });

  it('retries a dead letter: pending and due now, then sent once the receiver answers', async () => {
    const id = await deadLetter();
    expect((await viewer.post(`/outbox/${id}/retry`)).status).toBe(403);
    const retried = await manager.post(`/outbox/${id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({
      id,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: t.clock.now().toISOString(),
    });

    status = 200;
    await runDispatcherUntilIdle(dispatcher);
    const sent = await manager.get('/outbox?status=sent');
    expect(sent.body.items.find((m: { id: number }) => m.id === id)).toMatchObject({
      status: 'sent',
      attempts: 1,
    });
  });

  it('answers 409 OUTBOX_MESSAGE_NOT_DEAD for a message that is not dead and 404 for an unknown one', async () => {
    const id = await deadLetter();
    await manager.post(`/outbox/${id}/retry`);
    const again = await manager.post(`/outbox/${id}/retry`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('OUTBOX_MESSAGE_NOT_DEAD');
    const unknown = await manager.post('/outbox/999999/retry');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('OUTBOX_MESSAGE_NOT_FOUND');
  });

  it('reads and replaces the communication limits; only admins change them; bad limits answer 400', async () => {
    const admin = (await t.signIn('admin')).client;
    expect((await viewer.get('/communication-limits')).body).toEqual({ limits: [] });
    const limits = [
      { channel: 'email', amount: 3, per: 'week' },
      { channel: 'sms', amount: 1, per: 'day' },
    ];
    expect((await viewer.put('/communication-limits', { limits })).status).toBe(403);
    expect((await manager.put('/communication-limits', { limits })).status).toBe(403);
    const saved = await admin.put('/communication-limits', { limits });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ limits });
    expect((await viewer.get('/communication-limits')).body).toEqual({ limits });
    const bad = await admin.put('/communication-limits', {
      limits: [{ channel: 'fax', amount: -1, per: 'year' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('answers 401 without credentials', async () => {
    expect((await t.anonymous.get('/outbox')).status).toBe(401);
    expect((await t.anonymous.get('/communication-limits')).status).toBe(401);
  });
});
