import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { OutboxPayload } from '@caravan/core/engine/outbox';
import { linkPerson } from '@caravan/storage/account-membership.repository';
import { storedAccount, storedPerson } from '@caravan/storage/b2b-fixtures';
import type { Database } from '@caravan/storage/database';
import { openTestDatabase, testDialects } from '@caravan/storage/test-databases';
import { ManualClock } from '../runtime/clock.ts';
import type { DispatcherDeps } from './dispatcher.ts';
import { startDispatcherLanes } from './dispatcher-lanes.ts';
import { startSmtpCapture, type SmtpCapture } from './loopback-servers.ts';
import { outboxRow, queueMessage, seedEnrollment, seedJourney } from './outbox-fixtures.ts';
import { closeSmtpTransports } from './smtp-transport.ts';

const start = new Date('2026-12-01T09:00:00.000Z');
const email: OutboxPayload = {
  channel: 'email',
  content: { subject: 'Hello', text: 'Hi {{person.firstName}}', fromEmail: 'team@example.com' },
};
const sms: OutboxPayload = { channel: 'sms', content: { message: 'Hi' } };

/** An SMS provider that takes every request and never answers, until `release()`. */
async function startHangingProvider() {
  const held: ServerResponse[] = [];
  const server = createServer((req, res) => {
    req.resume();
    held.push(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    held,
    release: () => {
      for (const res of held.splice(0)) res.writeHead(503).end();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return check();
}

describe.each(testDialects)('the dispatcher lanes on %s', (dialect) => {
  let database: Database;
  let smtp: SmtpCapture;
  let provider: Awaited<ReturnType<typeof startHangingProvider>>;
  let deps: DispatcherDeps;

  beforeAll(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
    smtp = await startSmtpCapture();
    provider = await startHangingProvider();
    deps = {
      database,
      clock: new ManualClock(start),
      secret: 'secret-secret-secret',
      publicUrl: 'http://127.0.0.1:3000',
      smtpUrl: smtp.url,
      smsProviderUrl: provider.url,
      channels: { smtpPoolSize: 4, concurrency: { sms: 2 } },
    };
  });
  afterAll(async () => {
    provider.release();
    closeSmtpTransports();
    await smtp.close();
    await provider.close();
    await database.close();
  });

  async function queue(journeyId: string, n: number, payload: OutboxPayload) {
    const ids: number[] = [];
    for (let i = 0; i < n; i += 1) {
      const account = await storedAccount(database.db, { id: crypto.randomUUID() });
      const person = await storedPerson(database.db, {
        email: `${crypto.randomUUID()}@example.com`,
        mobilePhone: `+4670${String(1_000_000 + ids.length + n * 10).slice(-7)}`,
        smsConsent: 'optedIn',
      });
      await linkPerson(database.db, {
        accountId: account.id,
        personId: person.id,
        role: null,
        now: start,
      });
      const nodeId = payload.channel;
      const enrollmentId = await seedEnrollment(database.db, {
        journeyId,
        accountId: account.id,
        nodeId,
        now: start,
      });
      const message = await queueMessage(database.db, {
        journeyId,
        enrollmentId,
        nodeId,
        accountId: account.id,
        personId: person.id,
        payload,
        now: start,
      });
      ids.push(message.id);
    }
    return ids;
  }

  it('delivers emails promptly while the SMS provider hangs, which holds only its own lane', async () => {
    const journeyId = await seedJourney(database.db);
    // The SMS rows come first: with one shared queue they would take every slot before any email.
    const smsIds = await queue(journeyId, 6, sms);
    const emailIds = await queue(journeyId, 30, email);
    const lanes = startDispatcherLanes(deps);
    const began = Date.now();
    try {
      const allSent = await until(async () => {
        const rows = await Promise.all(emailIds.map((id) => outboxRow(database.db, id)));
        return rows.every((row) => row.status === 'sent');
      }, 10_000);
      const elapsed = Date.now() - began;
      expect(allSent).toBe(true);
      expect(smtp.messages).toHaveLength(30);
      // Far inside the SMS provider's 30 s timeout: the emails did not wait for it.
      expect(elapsed).toBeLessThan(10_000);
      // Settled in groups, each email with its own delivery activity and `sent` timeline entry.
      const activities = await database.db
        .selectFrom('activities')
        .select('message_id')
        .where('type', '=', 'email.delivered')
        .where(
          'message_id',
          'in',
          emailIds.map((id) => `outbox:${id}:delivered`),
        )
        .execute();
      expect(activities).toHaveLength(30);
      const entries = await database.db
        .selectFrom('journey_timeline')
        .select('id')
        .where('journey_id', '=', journeyId)
        .where('node_id', '=', 'email')
        .where('kind', '=', 'sent')
        .execute();
      expect(entries).toHaveLength(30);
      // The SMS lane holds exactly its own concurrency in flight, and nothing of it was settled.
      expect(provider.held).toHaveLength(2);
      const smsRows = await Promise.all(smsIds.map((id) => outboxRow(database.db, id)));
      expect(smsRows.filter((row) => row.status === 'sent')).toHaveLength(0);
    } finally {
      const stopping = lanes.stop();
      provider.release();
      await stopping;
    }
    // What the SMS lane had claimed but not started is given back, not left to its lease.
    const after = await Promise.all(smsIds.map((id) => outboxRow(database.db, id)));
    expect(after.filter((row) => row.status === 'sending')).toHaveLength(0);
  }, 30_000);
});
