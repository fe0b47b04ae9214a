import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  startHttpCapture,
  startSmtpCapture,
  type HttpCapture,
  type SmtpCapture,
} from '@caravan/engine/outbox/loopback-servers';
import { queueMessage, seedEnrollment, seedJourney } from '@caravan/engine/outbox/outbox-fixtures';
import { startHeartbeat } from '@caravan/engine/runtime/heartbeat';
import { storedAccount } from '@caravan/storage/b2b-fixtures';
import { testDialects } from '@caravan/storage/test-databases';
import { createPublishable } from './test-support/journey.factory.ts';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

describe.each(testDialects)(
  'keys, settings, audit, system status and delivery log on %s',
  (dialect) => {
    let t: TestApp;
    let admin: Client;
    let manager: Client;
    let viewer: Client;
    let smtp: SmtpCapture;
    let sms: HttpCapture;

    beforeAll(async () => {
      smtp = await startSmtpCapture();
      sms = await startHttpCapture(() => ({
        status: 201,
        body: '{"sid":"SM123","status":"queued"}',
      }));
      t = await startTestApp(dialect, inject('postgresUrl'), {
        smtpUrl: smtp.url,
        smsProviderUrl: sms.url,
      });
      admin = (await t.signIn('admin', 'Ada Admin')).client;
      manager = (await t.signIn('manager')).client;
      viewer = (await t.signIn('viewer')).client;
    });
    afterAll(async () => {
      await t.close();
      await smtp.close();
      await sms.close();
    });

    it('creates a Segment write key (201, shown once), lists it and refuses it after revocation (401)', async () => {
      const created = await admin.post('/api-keys', {
        name: 'Website',
        role: 'manager',
        purpose: 'segment',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        purpose: 'segment',
        key: expect.stringMatching(/^cvn_/),
      });
      const bot = t.clientWith({ authorization: `Bearer ${created.body.key}` });
      expect((await bot.get('/journeys')).status).toBe(200);
      const listed = (await admin.get('/api-keys')).body.items.find(
        (k: { id: string }) => k.id === created.body.id,
      );
      expect(listed).toMatchObject({
        name: 'Website',
        purpose: 'segment',
        lastUsedAt: expect.any(String),
      });
      expect(listed.key).toBeUndefined();
      expect((await admin.delete(`/api-keys/${created.body.id}`)).status).toBe(204);
      expect((await bot.get('/journeys')).status).toBe(401);
      const audit = (await admin.get(`/audit?entityType=apiKey&entityId=${created.body.id}`)).body;
      expect(audit.items.map((e: { action: string }) => e.action)).toEqual([
        'apiKey.revoked',
        'apiKey.created',
      ]);
    });

    it('reads the sending settings and saves sender identity defaults (admin only), audited with before and after', async () => {
      const read = await viewer.get('/settings/sending');
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({
        trackingDomain: expect.any(String),
        channels: { email: { configured: true }, sms: { configured: true } },
      });
      expect((await viewer.get('/settings/channels')).body).toEqual({
        email: { configured: true },
        sms: { configured: true },
      });
      const identity = { fromName: 'Acme', fromEmail: 'news@acme.test', replyTo: 'help@acme.test' };
      for (const client of [manager, viewer]) {
        expect((await client.put('/settings/sender-identity', identity)).status).toBe(403);
      }
      expect((await admin.put('/settings/sender-identity', identity)).status).toBe(200);
      expect((await admin.get('/settings/sending')).body.senderIdentity).toEqual(identity);
      const bad = await admin.put('/settings/sender-identity', { ...identity, fromEmail: 'nope' });
      expect(bad.status).toBe(400);
      const audit = (await admin.get('/audit?entityType=settings&entityId=senderIdentity')).body;
      expect(audit.items[0]).toMatchObject({
        action: 'settings.changed',
        actor: { name: 'Ada Admin' },
        before: { fromName: '', fromEmail: '', replyTo: '' },
        after: identity,
      });
    });

    it('audits a change of the communication limits with before and after', async () => {
      const limits = [{ channel: 'email', amount: 2, per: 'day' }];
      expect((await admin.put('/communication-limits', { limits })).status).toBe(200);
      const audit = (await admin.get('/audit?entityId=communicationLimits')).body;
      expect(audit.items[0]).toMatchObject({ before: [], after: limits });
      await admin.put('/communication-limits', { limits: [] });
    });

    it("sends a test email through SMTP (200 with the server's reply) and a test SMS (200 with the provider's answer)", async () => {
      const mail = await admin.post('/settings/test-email', { to: 'ops@acme.test' });
      expect(mail.status).toBe(200);
      expect(mail.body.response).toMatch(/^250/);
      expect(smtp.messages.at(-1)).toMatchObject({ from: 'news@acme.test', to: ['ops@acme.test'] });
      const text = await admin.post('/settings/test-sms', { to: '+46701234567' });
      expect(text.status).toBe(200);
      expect(text.body.response).toContain('SM123');
      expect(sms.requests.at(-1)?.body).toContain('To=%2B46701234567');
      expect((await manager.post('/settings/test-email', { to: 'x@acme.test' })).status).toBe(403);
    });

    it('answers 409 EMAIL_NOT_CONFIGURED / SMS_NOT_CONFIGURED and 502 TEST_SEND_FAILED with the answer', async () => {
      const bare = await startTestApp(dialect, inject('postgresUrl'));
      try {
        const ops = (await bare.signIn('admin')).client;
        const mail = await ops.post('/settings/test-email', { to: 'ops@acme.test' });
        expect([mail.status, mail.body.error.code]).toEqual([409, 'EMAIL_NOT_CONFIGURED']);
        const text = await ops.post('/settings/test-sms', { to: '+46701234567' });
        expect([text.status, text.body.error.code]).toEqual([409, 'SMS_NOT_CONFIGURED']);
      } finally {
        await bare.close();
      }
      smtp.refuseWith = 550;
      try {
        const refused = await admin.post('/settings/test-email', { to: 'ops@acme.test' });
        expect(refused.status).toBe(502);
        expect(refused.body.error).toMatchObject({ code: 'TEST_SEND_FAILED' });
        expect(refused.body.error.message).toContain('550');
      } finally {
        smtp.refuseWith = undefined;
      }
    });

    it('audits who created, changed, published, closed, aborted and deleted a journey', async () => {
      const journey = await createPublishable(t, manager);
      await manager.patch(`/journeys/${journey.id}`, { description: 'changed' });
      await manager.post(`/journeys/${journey.id}/publish`);
      await manager.post(`/journeys/${journey.id}/close`);
      await manager.post(`/journeys/${journey.id}/abort`);
      expect((await manager.delete(`/journeys/${journey.id}`)).status).toBe(204);
      const audit = await admin.get(`/audit?entityType=journey&entityId=${journey.id}`);
      expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
        'journey.deleted',
        'journey.aborted',
        'journey.closed',
        'journey.published',
        'journey.changed',
        'journey.created',
      ]);
      expect(audit.body.items[3]).toMatchObject({
        entityName: journey.name,
        before: { status: 'draft' },
        after: { status: 'live' },
        actor: { kind: 'user' },
      });
      const byPrefix = await admin.get(`/audit?action=journey.&entityId=${journey.id}&limit=2`);
      expect(byPrefix.body).toMatchObject({ total: 6, nextCursor: expect.any(String) });
      expect((await admin.get('/audit?cursor=zz')).status).toBe(400);
    });

    it('refuses the audit log and the system status to managers and viewers (403)', async () => {
      for (const client of [manager, viewer]) {
        expect((await client.get('/audit')).status).toBe(403);
        expect((await client.get('/system/status')).status).toBe(403);
      }
    });

    it('shows live workers with their heartbeat, the database and the outbox by channel', async () => {
      const stop = await startHeartbeat(
        t.database.db,
        { kind: 'worker', version: '9.9.9' },
        () => {},
      );
      try {
        const status = await admin.get('/system/status');
        expect(status.status).toBe(200);
        expect(status.body).toMatchObject({
          version: expect.any(String),
          database: { kind: dialect, sizeBytes: expect.any(Number) },
          dueLagSeconds: expect.any(Number),
          ingestion: { lastMinute: expect.any(Number), lastHour: expect.any(Number) },
        });
        expect(status.body.database.sizeBytes).toBeGreaterThan(0);
        expect(status.body.workers).toEqual([
          expect.objectContaining({ kind: 'worker', version: '9.9.9', alive: true }),
        ]);
      } finally {
        await stop();
      }
      expect((await admin.get('/system/status')).body.workers).toEqual([]);
    });

    async function deadWebhook(url: string): Promise<number> {
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
        payload: { channel: 'webhook', url, method: 'POST', headers: { authorization: 'secret' } },
        now: t.clock.now(),
      });
      await t.database.db
        .updateTable('outbox')
        .set({
          status: 'dead',
          attempts: 8,
          last_error: 'The webhook answered 500: {"internal":"stack trace"}',
        })
        .where('id', '=', message.id)
        .execute();
      return message.id;
    }

    it('filters the delivery log; viewers see only the short reason; bulk retry skips what is not dead', async () => {
      const a = await deadWebhook('http://127.0.0.1:9/a');
      const b = await deadWebhook('http://127.0.0.1:9/b');
      const dead = await manager.get('/outbox?status=dead&channel=webhook');
      expect(dead.status).toBe(200);
      const row = dead.body.items.find((m: { id: number }) => m.id === a);
      expect(row).toMatchObject({ state: 'dead', journeyName: expect.any(String) });
      expect(row.lastError).toContain('stack trace');
      const seen = (await viewer.get('/outbox?status=dead')).body.items.find(
        (m: { id: number }) => m.id === a,
      );
      expect(seen.lastError).toBe('The webhook answered 500');
      expect(seen.payload).toEqual({ channel: 'webhook' });
      expect((await manager.get('/outbox?channel=sms&status=dead')).body.items).toEqual([]);
      expect((await manager.get('/outbox?from=2099-01-01T00:00:00Z')).body.total).toBe(0);
      const retried = await manager.post('/outbox/retry', { ids: [a, b, 999999] });
      expect(retried.status).toBe(200);
      expect(retried.body).toEqual({ retried: [a, b], skipped: [999999] });
      expect((await viewer.post('/outbox/retry', { ids: [a] })).status).toBe(403);
      const pending = (await manager.get('/outbox?status=pending')).body.items.map(
        (m: { id: number }) => m.id,
      );
      expect(pending).toEqual(expect.arrayContaining([a, b]));
    });
  },
);
