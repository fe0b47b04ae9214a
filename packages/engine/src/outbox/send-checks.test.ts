import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { OutboxPayload } from '@caravan/core/engine/outbox';
import { linkPerson } from '@caravan/storage/account-membership.repository';
import { storedAccount, storedPerson } from '@caravan/storage/b2b-fixtures';
import type { Database } from '@caravan/storage/database';
import { openTestDatabase, testDialects } from '@caravan/storage/test-databases';
import { listEnrollmentTimeline } from '@caravan/storage/timeline.repository';
import { ManualClock } from '../runtime/clock.ts';
import { createEngineEvents } from '../runtime/engine-events.ts';
import { saveCommunicationLimits } from './communication-limits.ts';
import { dispatchDueOutbox, type DispatcherDeps } from './dispatcher.ts';
import {
  startHttpCapture,
  startSmtpCapture,
  type HttpCapture,
  type SmtpCapture,
} from './loopback-servers.ts';
import { outboxRow, queueMessage, seedEnrollment, seedJourney } from './outbox-fixtures.ts';
import { closeSmtpTransports } from './smtp-transport.ts';

const start = new Date('2026-12-01T09:00:00.000Z');
const hour = 60 * 60_000;
const email: OutboxPayload = {
  channel: 'email',
  content: { subject: 'Hello', text: 'Hi {{person.firstName}}', fromEmail: 'team@example.com' },
};

describe.each(testDialects)('send-time checks on %s', (dialect) => {
  let database: Database;
  let clock: ManualClock;
  let smtp: SmtpCapture;
  let sms: HttpCapture;
  let deps: DispatcherDeps;
  const suppressed: string[] = [];

  beforeAll(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
    clock = new ManualClock(start);
    smtp = await startSmtpCapture();
    sms = await startHttpCapture(() => ({ status: 201, body: '{"sid":"SM1"}' }));
    const events = createEngineEvents();
    events.on('message:suppressed', ({ reason }) => suppressed.push(reason));
    deps = {
      database,
      clock,
      events,
      secret: 'secret-secret-secret',
      publicUrl: 'http://127.0.0.1:3000',
      smtpUrl: smtp.url,
      smsProviderUrl: sms.url,
    };
  });
  afterEach(async () => {
    await saveCommunicationLimits(deps, []);
    smtp.messages.length = 0;
    suppressed.length = 0;
  });
  afterAll(async () => {
    closeSmtpTransports();
    await smtp.close();
    await sms.close();
    await database.close();
  });

  async function accountWith(person: Parameters<typeof storedPerson>[1]) {
    const account = await storedAccount(database.db, { id: crypto.randomUUID() });
    const stored = await storedPerson(database.db, person);
    await linkPerson(database.db, {
      accountId: account.id,
      personId: stored.id,
      role: null,
      now: start,
    });
    return { accountId: account.id, person: stored };
  }

  async function queue(
    journeyId: string,
    accountId: string,
    personId: string,
    nodeId: string,
    payload = email,
  ) {
    const enrollmentId = await seedEnrollment(database.db, {
      journeyId,
      accountId,
      nodeId,
      now: clock.now(),
    });
    const message = await queueMessage(database.db, {
      journeyId,
      enrollmentId,
      nodeId,
      accountId,
      personId,
      payload,
      now: clock.now(),
    });
    return { enrollmentId, message };
  }

  async function timelineOf(enrollmentId: number) {
    return (await listEnrollmentTimeline(database.db, enrollmentId)).map((e) => ({
      kind: e.kind,
      reason: e.detail['reason'],
    }));
  }

  it('suppresses email to a person who opted out and SMS to one who did not opt in, with the reason on the timeline', async () => {
    const journeyId = await seedJourney(database.db);
    const out = await accountWith({ email: 'out@example.com', emailConsent: 'optedOut' });
    const noSms = await accountWith({
      email: 'nosms@example.com',
      mobilePhone: '+46701234567',
      smsConsent: 'optedOut',
    });
    const noAddress = await accountWith({
      email: null,
      mobilePhone: '+46701234568',
      smsConsent: 'optedIn',
    });
    const a = await queue(journeyId, out.accountId, out.person.id, 'mail');
    const b = await queue(journeyId, noSms.accountId, noSms.person.id, 'text', {
      channel: 'sms',
      content: { message: 'Hi' },
    });
    const c = await queue(journeyId, noAddress.accountId, noAddress.person.id, 'mail');

    expect(await dispatchDueOutbox(deps)).toBe(3);

    expect(smtp.messages).toHaveLength(0);
    expect(sms.requests).toHaveLength(0);
    expect(await timelineOf(a.enrollmentId)).toEqual([
      { kind: 'suppressed', reason: 'EMAIL_OPTED_OUT' },
    ]);
    expect(await timelineOf(b.enrollmentId)).toEqual([
      { kind: 'suppressed', reason: 'SMS_NOT_OPTED_IN' },
    ]);
    expect(await timelineOf(c.enrollmentId)).toEqual([
      { kind: 'suppressed', reason: 'NO_EMAIL_ADDRESS' },
    ]);
    expect((await outboxRow(database.db, a.message.id)).status).toBe('suppressed');
    expect(suppressed.sort()).toEqual(['EMAIL_OPTED_OUT', 'NO_EMAIL_ADDRESS', 'SMS_NOT_OPTED_IN']);
  });

  it('suppresses sends beyond the communication limit of a person across journeys, within a batch and later ones', async () => {
    await saveCommunicationLimits(deps, [{ channel: 'email', amount: 2, per: 'day' }]);
    const [first, second, third] = [
      await seedJourney(database.db),
      await seedJourney(database.db),
      await seedJourney(database.db),
    ];
    const { accountId, person } = await accountWith({ email: 'busy@example.com' });
    const sentEarlier = await queue(first, accountId, person.id, 'mail');
    expect(await dispatchDueOutbox(deps)).toBe(1);
    expect((await outboxRow(database.db, sentEarlier.message.id)).status).toBe('sent');

    clock.advance(2 * hour);
    const inLimit = await queue(second, accountId, person.id, 'mail');
    const overLimit = await queue(third, accountId, person.id, 'mail');
    expect(await dispatchDueOutbox(deps)).toBe(2);
    expect(smtp.messages).toHaveLength(2);
    expect(await timelineOf(inLimit.enrollmentId)).toEqual([{ kind: 'sent', reason: undefined }]);
    expect(await timelineOf(overLimit.enrollmentId)).toEqual([
      { kind: 'suppressed', reason: 'COMMUNICATION_LIMIT' },
    ]);

    // A day after the first send one more fits in the rolling window again.
    clock.advance(22 * hour + 1);
    const nextDay = await queue(third, accountId, person.id, 'mail-2');
    expect(await dispatchDueOutbox(deps)).toBe(1);
    expect((await outboxRow(database.db, nextDay.message.id)).status).toBe('sent');
  });

  it('does not limit a channel without a limit', async () => {
    await saveCommunicationLimits(deps, [{ channel: 'sms', amount: 0, per: 'hour' }]);
    const journeyId = await seedJourney(database.db);
    const { accountId, person } = await accountWith({ email: 'free@example.com' });
    await queue(journeyId, accountId, person.id, 'mail-a');
    await queue(journeyId, accountId, person.id, 'mail-b');
    expect(await dispatchDueOutbox(deps)).toBe(2);
    expect(smtp.messages).toHaveLength(2);
  });

  it('sends a journey email once to an address that another active enrollment already got it for, when deduplication is on', async () => {
    const journeyId = await seedJourney(database.db, { emailDeduplication: true });
    const shared = await storedPerson(database.db, { email: 'shared@example.com' });
    const accounts = [];
    for (let i = 0; i < 3; i += 1) {
      const account = await storedAccount(database.db, { id: crypto.randomUUID() });
      await linkPerson(database.db, {
        accountId: account.id,
        personId: shared.id,
        role: null,
        now: start,
      });
      accounts.push(account.id);
    }
    // Two in the same batch, one in a later batch.
    const a = await queue(journeyId, accounts[0]!, shared.id, 'mail');
    const b = await queue(journeyId, accounts[1]!, shared.id, 'mail');
    expect(await dispatchDueOutbox(deps)).toBe(2);
    const c = await queue(journeyId, accounts[2]!, shared.id, 'mail');
    expect(await dispatchDueOutbox(deps)).toBe(1);

    expect(smtp.messages).toHaveLength(1);
    expect(await timelineOf(a.enrollmentId)).toEqual([{ kind: 'sent', reason: undefined }]);
    expect(await timelineOf(b.enrollmentId)).toEqual([{ kind: 'suppressed', reason: 'DUPLICATE' }]);
    expect(await timelineOf(c.enrollmentId)).toEqual([{ kind: 'suppressed', reason: 'DUPLICATE' }]);

    // Once the enrollment that got it has completed, another account's pass gets it again.
    await database.db
      .updateTable('enrollments')
      .set({ status: 'completed' })
      .where('id', '=', a.enrollmentId)
      .execute();
    const account = await storedAccount(database.db, { id: crypto.randomUUID() });
    await linkPerson(database.db, {
      accountId: account.id,
      personId: shared.id,
      role: null,
      now: start,
    });
    const d = await queue(journeyId, account.id, shared.id, 'mail');
    expect(await dispatchDueOutbox(deps)).toBe(1);
    expect(await timelineOf(d.enrollmentId)).toEqual([{ kind: 'sent', reason: undefined }]);
  });

  it('sends the same email to an address in every account when deduplication is off', async () => {
    const journeyId = await seedJourney(database.db);
    const shared = await storedPerson(database.db, { email: 'twice@example.com' });
    for (let i = 0; i < 2; i += 1) {
      const account = await storedAccount(database.db, { id: crypto.randomUUID() });
      await linkPerson(database.db, {
        accountId: account.id,
        personId: shared.id,
        role: null,
        now: start,
      });
      await queue(journeyId, account.id, shared.id, 'mail');
    }
    expect(await dispatchDueOutbox(deps)).toBe(2);
    expect(smtp.messages).toHaveLength(2);
  });
});
