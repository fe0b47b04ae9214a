import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listActivities } from '@caravan/storage/activity.repository';
import { linkPerson } from '@caravan/storage/account-membership.repository';
import { storedAccount, storedPerson } from '@caravan/storage/b2b-fixtures';
import type { Database } from '@caravan/storage/database';
import { insertEmail } from '@caravan/storage/email.repository';
import { openTestDatabase, testDialects } from '@caravan/storage/test-databases';
import { listEnrollmentTimeline } from '@caravan/storage/timeline.repository';
import { ManualClock } from '../runtime/clock.ts';
import { createBuyingGroups } from '../buying-groups/buying-group-creation.ts';
import { assignBuyingGroupMember } from '../buying-groups/buying-groups.service.ts';
import {
  createRoleTemplate,
  createSolutionInterest,
  createStageModel,
} from '../buying-groups/solution-interests.service.ts';
import { dispatchDueOutbox, type DispatcherDeps } from './dispatcher.ts';
import { parseMail, startSmtpCapture, type SmtpCapture } from './loopback-servers.ts';
import { outboxRow, queueMessage, seedEnrollment, seedJourney } from './outbox-fixtures.ts';
import { closeSmtpTransports, messageIdFor } from './smtp-transport.ts';
import { readTrackingToken } from './tracking-token.ts';

const start = new Date('2026-12-01T09:00:00.000Z');
const publicUrl = 'https://caravan.example.com';
const secret = 'a-test-secret-of-enough-length';

function value<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

const html = `<html><body><p>Hello {{person.firstName}} of {{account.name}}</p>
<a href="https://example.com/pricing?a=1&amp;b=2">Pricing</a>
<a class="x" href='http://example.org/'>Site</a>
<a href="mailto:sales@example.com">Mail</a>
<a href="{{system.unsubscribeUrl}}">Unsubscribe</a></body></html>`;

describe.each(testDialects)('the email channel on %s', (dialect) => {
  let database: Database;
  let clock: ManualClock;
  let smtp: SmtpCapture;
  let deps: DispatcherDeps;

  beforeAll(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
    clock = new ManualClock(start);
    smtp = await startSmtpCapture();
    deps = { database, clock, secret, publicUrl, smtpUrl: smtp.url };
  });
  afterAll(async () => {
    closeSmtpTransports();
    await smtp.close();
    await database.close();
  });

  async function personInAccount(email: string | null, accountName = 'Acme AB') {
    const account = await storedAccount(database.db, {
      id: crypto.randomUUID(),
      name: accountName,
    });
    const person = await storedPerson(database.db, {
      email,
      firstName: 'Ada',
      lastName: 'Lovelace',
    });
    await linkPerson(database.db, {
      accountId: account.id,
      personId: person.id,
      role: null,
      now: start,
    });
    return { account, person };
  }

  it('sends the library email rendered with account, person and my tokens, tracked, with its Message-ID and List-Unsubscribe', async () => {
    const { db } = database;
    const email = value(
      await insertEmail(db, {
        id: crypto.randomUUID(),
        name: `Welcome ${crypto.randomUUID()}`,
        subject: 'Hi {{person.firstName}} at {{account.name}}',
        fromName: 'Caravan Team',
        fromEmail: 'team@caravan.example.com',
        replyTo: null,
        preheader: '',
        html,
        text: 'Offer: {{my.Offer}}',
        now: start,
      }),
    );
    const journeyId = await seedJourney(db, {
      myTokens: [{ name: 'Offer', type: 'text', value: '20% off' }],
    });
    const { account, person } = await personInAccount('ada@acme.example');
    const enrollmentId = await seedEnrollment(db, {
      journeyId,
      accountId: account.id,
      nodeId: 'mail-1',
      now: start,
    });
    const queued = await queueMessage(db, {
      journeyId,
      enrollmentId,
      nodeId: 'mail-1',
      accountId: account.id,
      personId: person.id,
      recipient: person.email,
      payload: { channel: 'email', emailId: email.id },
      now: start,
    });

    expect(await dispatchDueOutbox(deps)).toBe(1);

    expect(smtp.messages).toHaveLength(1);
    const received = smtp.messages[0]!;
    expect(received.to).toEqual(['ada@acme.example']);
    expect(received.from).toBe('team@caravan.example.com');
    const mail = parseMail(received.raw);
    expect(mail.headers['subject']).toBe('Hi Ada at Acme AB');
    expect(mail.headers['message-id']).toBe(messageIdFor(queued.idempotencyKey));
    expect(mail.headers['x-caravan-idempotency-key']).toBe(`${enrollmentId}:mail-1:${person.id}`);
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const unsubscribe = /^<(.+)>$/.exec(mail.headers['list-unsubscribe'] ?? '')?.[1] ?? '';
    expect(unsubscribe.startsWith(`${publicUrl}/t/u/`)).toBe(true);
    const unsubscribeToken = readTrackingToken(
      secret,
      unsubscribe.slice(`${publicUrl}/t/u/`.length),
      'unsubscribe',
    );
    expect(unsubscribeToken).toMatchObject({
      outboxId: queued.id,
      personId: person.id,
      accountId: account.id,
      journeyId,
      nodeId: 'mail-1',
    });
    expect(mail.text.trim()).toBe('Offer: 20% off');

    expect(mail.html).toContain('Hello Ada of Acme AB');
    const tracked = [...mail.html.matchAll(/href=(["'])([^"']+)\1/g)].map((m) => m[2]!);
    const clicks = tracked.filter((href) => href.startsWith(`${publicUrl}/t/c/`));
    expect(clicks).toHaveLength(2);
    const targets = clicks.map(
      (href) => readTrackingToken(secret, href.slice(`${publicUrl}/t/c/`.length), 'click')?.url,
    );
    expect(targets).toEqual(['https://example.com/pricing?a=1&b=2', 'http://example.org/']);
    expect(tracked).toContain('mailto:sales@example.com');
    expect(tracked).toContain(unsubscribe);
    const pixel = /<img src="([^"]+)"/.exec(mail.html)?.[1] ?? '';
    expect(pixel).toMatch(new RegExp(`^${publicUrl}/t/o/.+\\.gif$`));

    const row = await outboxRow(db, queued.id);
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 1,
      nextAttemptAt: null,
      sentAt: start.toISOString(),
    });
    const timeline = await listEnrollmentTimeline(db, enrollmentId);
    expect(timeline.map((e) => [e.kind, e.personId, e.nodeId])).toEqual([
      ['sent', person.id, 'mail-1'],
    ]);
    const delivered = await listActivities(db, {
      personId: person.id,
      types: ['email.delivered'],
      limit: 10,
    });
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({
      accountId: account.id,
      properties: { journeyId, nodeId: 'mail-1' },
    });

    expect(await dispatchDueOutbox(deps)).toBe(0);
    expect(smtp.messages).toHaveLength(1);
  });

  it('sends an email authored in the node, with its preheader hidden at the start of the body', async () => {
    const { db } = database;
    const journeyId = await seedJourney(db);
    const { account, person } = await personInAccount('grace@hopper.example', 'Hopper Inc');
    const enrollmentId = await seedEnrollment(db, {
      journeyId,
      accountId: account.id,
      nodeId: 'mail-2',
      now: start,
    });
    smtp.messages.length = 0;
    await queueMessage(db, {
      journeyId,
      enrollmentId,
      nodeId: 'mail-2',
      accountId: account.id,
      personId: person.id,
      payload: {
        channel: 'email',
        content: {
          subject: 'News for {{account.name}}',
          html: '<body><p>Hi</p></body>',
          preheader: 'Read <this>',
        },
      },
      now: start,
    });
    expect(await dispatchDueOutbox(deps)).toBe(1);
    expect(smtp.messages).toHaveLength(1);
    const mail = parseMail(smtp.messages[0]!.raw);
    expect(mail.headers['subject']).toBe('News for Hopper Inc');
    expect(mail.html).toMatch(
      /^<body><div style="display:none[^"]*">Read &lt;this&gt;<\/div><p>Hi<\/p>/,
    );
    expect(smtp.messages[0]!.from).toBe('no-reply@caravan.example.com');
  });

  it('makes a dead letter at once when SMTP_URL is not set (reason SMTP_NOT_CONFIGURED on the timeline), and when the server refuses for good', async () => {
    const { db } = database;
    const journeyId = await seedJourney(db);
    const { account, person } = await personInAccount('no-smtp@example.com');
    const enrollmentId = await seedEnrollment(db, {
      journeyId,
      accountId: account.id,
      nodeId: 'mail-3',
      now: start,
    });
    const first = await queueMessage(db, {
      journeyId,
      enrollmentId,
      nodeId: 'mail-3',
      accountId: account.id,
      personId: person.id,
      payload: {
        channel: 'email',
        content: { subject: 'S', text: 'T', fromEmail: 'a@example.com' },
      },
      now: start,
    });
    const { smtpUrl: _unset, ...withoutSmtp } = deps;
    expect(await dispatchDueOutbox(withoutSmtp)).toBe(1);
    expect(await outboxRow(db, first.id)).toMatchObject({
      status: 'dead',
      lastError: 'SMTP_URL is not set',
    });

    const second = await queueMessage(db, {
      journeyId,
      enrollmentId,
      nodeId: 'mail-4',
      accountId: account.id,
      personId: person.id,
      payload: {
        channel: 'email',
        content: { subject: 'S', text: 'T', fromEmail: 'a@example.com' },
      },
      now: start,
    });
    smtp.refuseWith = 550;
    try {
      expect(await dispatchDueOutbox(deps)).toBe(1);
    } finally {
      smtp.refuseWith = undefined;
    }
    const dead = await outboxRow(db, second.id);
    expect(dead.status).toBe('dead');
    expect(dead.lastError).toContain('550');
    const timeline = await listEnrollmentTimeline(db, enrollmentId);
    expect(timeline.map((e) => [e.kind, e.nodeId, e.detail['reason']])).toEqual([
      ['failed', 'mail-3', 'SMTP_NOT_CONFIGURED'],
      ['failed', 'mail-4', undefined],
    ]);
  });

  it("sends a sales alert to the given addresses with the account's buying group summary", async () => {
    const { db } = database;
    const template = value(
      await createRoleTemplate(deps, {
        name: `Deciders ${crypto.randomUUID()}`,
        description: '',
        roles: [
          {
            name: 'Decision maker',
            weight: 100,
            membersRequired: 1,
            requiredForCompleteness: true,
            priority: 1,
          },
          {
            name: 'Influencer',
            weight: 40,
            membersRequired: 2,
            requiredForCompleteness: true,
            priority: 2,
          },
        ],
      }),
    );
    const model = value(
      await createStageModel(deps, {
        name: `Stages ${crypto.randomUUID()}`,
        stages: [{ name: 'Discovery', kind: 'entry' }],
        transitions: [],
      }),
    );
    const interest = value(
      await createSolutionInterest(deps, {
        name: `Analytics Cloud ${crypto.randomUUID().slice(0, 4)}`,
        description: '',
        roleTemplateId: template.id,
        stageModelId: model.id,
      }),
    );
    const { account, person } = await personInAccount('ceo@globex.example', 'Globex');
    const group = value(await createBuyingGroups(deps, interest.id, [account.id])).created[0]!;
    value(await assignBuyingGroupMember(deps, group.id, person.id, 'Decision maker'));
    const journeyId = await seedJourney(db);
    const enrollmentId = await seedEnrollment(db, {
      journeyId,
      accountId: account.id,
      nodeId: 'alert',
      now: start,
    });
    smtp.messages.length = 0;
    await queueMessage(db, {
      journeyId,
      enrollmentId,
      nodeId: 'alert',
      accountId: account.id,
      personId: null,
      payload: {
        channel: 'salesAlert',
        solutionInterestId: interest.id,
        to: ['sales@example.com', 'ae@example.com'],
      },
      now: start,
    });

    expect(await dispatchDueOutbox(deps)).toBe(1);
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.to).toEqual(['sales@example.com', 'ae@example.com']);
    const mail = parseMail(smtp.messages[0]!.raw);
    expect(mail.headers['subject']).toBe(`Sales alert: Globex — ${interest.name}`);
    expect(mail.text).toContain('Stage: Discovery');
    expect(mail.text).toContain('Completeness: 50%');
    expect(mail.text).toContain('Engagement: 0');
    expect(mail.text).toContain('Decision maker: Ada Lovelace ceo@globex.example');
    expect(mail.html).toContain('<li>Decision maker: Ada Lovelace ceo@globex.example</li>');
  });
});
