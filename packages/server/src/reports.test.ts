/**
 * Reports through the API on both databases (issue 12): a journey runs with the real SMTP server
 * and SMS provider of the test suite; opens, clicks, an unsubscribe, a synchronous 5xx bounce, an
 * SES bounce and complaint (signed SNS messages with a test certificate) and Twilio status
 * callbacks arrive; every report number is checked against a recount from the raw rows.
 */
import { execFileSync } from 'node:child_process';
import { createSign } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  parseMail,
  startHttpCapture,
  startSmtpCapture,
  type HttpCapture,
  type SmtpCapture,
} from '@caravan/engine/outbox/loopback-servers';
import { signGeneric, signMailgunForTest, signTwilio } from './test-support/delivery-signing.ts';
import { snsStringToSign, type SnsMessage } from '@caravan/engine/reports/sns';
import { durationBucket } from '@caravan/storage/report-rollup.repository';
import { testDialects } from '@caravan/storage/test-databases';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

const hour = 3_600_000;
const topic = 'arn:aws:sns:eu-west-1:123456789012:ses-feedback';
const twilioToken = 'twilio-auth-token';
const bounceKey = 'generic-bounce-signing-key';
const mailgunKey = 'mailgun-signing-key';

/** A throwaway RSA key and self-signed certificate, as SNS signs with. */
function testCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'caravan-sns-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=sns.test',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  return {
    key: readFileSync(join(dir, 'key.pem'), 'utf8'),
    cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
  };
}

describe.each(testDialects)('reports on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;
  let viewer: Client;
  let smtp: SmtpCapture;
  let sms: HttpCapture;
  let certServer: HttpCapture;
  let pki: { key: string; cert: string };
  const ids: Record<string, string> = {};
  let journeyId = '';

  beforeAll(async () => {
    pki = testCertificate();
    smtp = await startSmtpCapture();
    smtp.refuseTo.set('dee@initech.example', { code: 550, message: '5.1.1 User unknown' });
    sms = await startHttpCapture((n) => ({ status: 201, body: `{"sid":"SM${n + 1}"}` }));
    certServer = await startHttpCapture((_n, request) =>
      request.url === '/cert.pem'
        ? { status: 200, body: pki.cert }
        : { status: 200, body: '<ok/>' },
    );
    t = await startTestApp(dialect, inject('postgresUrl'), {
      smtpUrl: smtp.url,
      smsProviderUrl: sms.url,
      publicUrl: 'https://caravan.example.com',
      snsTopicArns: [topic],
      snsCertUrlPattern: '^http://127\\.0\\.0\\.1:\\d+/',
      twilioAuthToken: twilioToken,
      bounceSigningKey: bounceKey,
      mailgunSigningKey: mailgunKey,
    });
    manager = (await t.signIn('manager')).client;
    viewer = (await t.signIn('viewer')).client;
    const account = async (name: string) =>
      (await manager.post('/accounts', { name, industry: 'Software' })).body.id as string;
    const person = async (accountId: string, body: Record<string, unknown>) => {
      const created = (await manager.post('/people', body)).body.id as string;
      await manager.put(`/accounts/${accountId}/people/${created}`, { role: null });
      return created;
    };
    ids.acme = await account('Acme');
    ids.globex = await account('Globex');
    ids.initech = await account('Initech');
    ids.ada = await person(ids.acme, { email: 'ada@acme.example', firstName: 'Ada' });
    ids.al = await person(ids.acme, { email: 'al@acme.example', firstName: 'Al' });
    ids.bob = await person(ids.globex, {
      email: 'bob@globex.example',
      firstName: 'Bob',
      mobilePhone: '+46701234567',
      smsConsent: 'optedIn',
    });
    ids.cy = await person(ids.globex, { email: 'cy@globex.example', firstName: 'Cy' });
    ids.dee = await person(ids.initech, { email: 'dee@initech.example', firstName: 'Dee' });
    ids.audience = (
      await manager.post('/audiences', {
        name: 'Software',
        condition: {
          match: 'all',
          rules: [
            { kind: 'account', attribute: 'industry', operator: 'equals', value: 'Software' },
          ],
        },
      })
    ).body.id;
    ids.email = (
      await manager.post('/emails', {
        name: '=Welcome',
        subject: 'Welcome {{person.firstName}}',
        fromName: 'Caravan',
        fromEmail: 'news@caravan.example.com',
        html: '<p>Hi {{person.firstName}}, <a href="https://example.com/demo">book a demo</a>. <a href="{{system.unsubscribeUrl}}">Unsubscribe</a></p>',
        text: 'Hi {{person.firstName}}',
      })
    ).body.id;
    ids.sms = (
      await manager.post('/sms', { name: 'Nudge', message: 'Hi {{person.firstName}}!' })
    ).body.id;
  });

  afterAll(async () => {
    await t.close();
    await smtp.close();
    await sms.close();
    await certServer.close();
  });

  const advance = (ms: number) => manager.post('/clock/advance', { ms });

  async function publishJourney(name: string) {
    const created = await manager.post('/journeys', {
      name,
      schedule: {
        start: 'immediately',
        end: new Date(t.clock.now().getTime() + 30 * 24 * hour).toISOString(),
      },
      definition: {
        nodes: [
          {
            id: 'audience',
            type: 'audience',
            settings: { source: 'audience', sourceId: ids.audience },
          },
          {
            id: 'welcome',
            type: 'action',
            settings: { on: 'people', action: { type: 'sendEmail', emailId: ids.email } },
          },
          {
            id: 'nudge',
            type: 'action',
            settings: { on: 'people', action: { type: 'sendSms', smsId: ids.sms } },
          },
          { id: 'wait', type: 'wait', settings: { duration: { amount: 2, unit: 'hours' } } },
        ],
        edges: [
          { from: 'audience', port: 'next', to: 'welcome' },
          { from: 'welcome', port: 'next', to: 'nudge' },
          { from: 'nudge', port: 'next', to: 'wait' },
        ],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const published = await manager.post(`/journeys/${created.body.id}/publish`);
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    await advance(0);
    return created.body.id as string;
  }

  function mailTo(address: string) {
    const captured = smtp.messages.find((m) => m.to[0] === address);
    if (!captured) throw new Error(`no mail to ${address}`);
    return parseMail(captured.raw);
  }

  const path = (html: string, kind: 'o' | 'c' | 'u') => {
    const match = new RegExp(`https://caravan\\.example\\.com(/t/${kind}/[^"'\\s>]+)`).exec(html);
    if (!match?.[1]) throw new Error(`no /t/${kind}/ link`);
    return match[1];
  };

  function snsMessage(type: SnsMessage['Type'], message: string, extra: Partial<SnsMessage> = {}) {
    const base = {
      Type: type,
      MessageId: crypto.randomUUID(),
      TopicArn: topic,
      Message: message,
      Timestamp: new Date().toISOString(),
      SignatureVersion: '2' as const,
      Signature: '',
      SigningCertURL: `${certServer.url}/cert.pem`,
      ...extra,
    };
    const signer = createSign('RSA-SHA256');
    signer.update(snsStringToSign(base as SnsMessage));
    return { ...base, Signature: signer.sign(pki.key, 'base64') };
  }

  const postRaw = (url: string, body: string, headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: `/api/v1${url}`, payload: body, headers });

  const sesNotification = (kind: 'Bounce' | 'Complaint', address: string, messageId: string) =>
    JSON.stringify({
      notificationType: kind,
      ...(kind === 'Bounce'
        ? {
            bounce: {
              bounceType: 'Permanent',
              bouncedRecipients: [
                { emailAddress: address, diagnosticCode: 'smtp; 550 5.1.1 no such user' },
              ],
              timestamp: t.clock.now().toISOString(),
            },
          }
        : {
            complaint: {
              complainedRecipients: [{ emailAddress: address }],
              timestamp: t.clock.now().toISOString(),
            },
          }),
      mail: { messageId: 'ses-0001', commonHeaders: { messageId } },
    });

  it('runs a journey, takes in opens, clicks, bounces, a complaint and SMS statuses, and reports what the raw rows say', async () => {
    journeyId = await publishJourney('Welcome series');
    expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual([
      'ada@acme.example',
      'al@acme.example',
      'bob@globex.example',
      'cy@globex.example',
    ]);
    // Opens (Ada twice, Al, Bob), a click (Ada), an unsubscribe (Cy).
    const ada = mailTo('ada@acme.example').html;
    for (const html of [
      ada,
      ada,
      mailTo('al@acme.example').html,
      mailTo('bob@globex.example').html,
    ]) {
      expect((await t.app.inject({ method: 'GET', url: path(html, 'o') })).statusCode).toBe(200);
    }
    expect((await t.app.inject({ method: 'GET', url: path(ada, 'c') })).statusCode).toBe(302);
    const unsubscribe = path(mailTo('cy@globex.example').html, 'u');
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: unsubscribe,
          payload: 'List-Unsubscribe=One-Click',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
      ).statusCode,
    ).toBe(200);

    // SNS: a subscription is confirmed; Al bounces, Bob complains (twice: counted once).
    const confirm = snsMessage('SubscriptionConfirmation', 'You have chosen to subscribe', {
      SubscribeURL: `${certServer.url}/confirm?Token=abc`,
      Token: 'abc',
    });
    const confirmed = await postRaw('/delivery-events/ses', JSON.stringify(confirm), {
      'content-type': 'text/plain; charset=UTF-8',
    });
    expect(confirmed.json()).toEqual({ confirmed: true });
    expect(certServer.requests.some((r) => r.url === '/confirm?Token=abc')).toBe(true);
    const alId = mailTo('al@acme.example').headers['message-id']!;
    const bobId = mailTo('bob@globex.example').headers['message-id']!;
    for (const body of [
      sesNotification('Bounce', 'al@acme.example', alId),
      sesNotification('Complaint', 'bob@globex.example', bobId),
      sesNotification('Complaint', 'bob@globex.example', bobId),
    ]) {
      const sent = await postRaw(
        '/delivery-events/ses',
        JSON.stringify(snsMessage('Notification', body)),
        { 'content-type': 'text/plain; charset=UTF-8' },
      );
      expect(sent.statusCode, sent.body).toBe(200);
    }
    // Twilio: Bob's SMS is delivered (the callback URL was asked for when sending).
    expect(new URLSearchParams(sms.requests[0]!.body).get('StatusCallback')).toBe(
      'https://caravan.example.com/api/v1/delivery-events/twilio',
    );
    const status = { MessageSid: 'SM1', MessageStatus: 'delivered', To: '+46701234567' };
    const twilio = await postRaw(
      '/delivery-events/twilio',
      new URLSearchParams(status).toString(),
      {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signTwilio(
          twilioToken,
          'https://caravan.example.com/api/v1/delivery-events/twilio',
          status,
        ),
      },
    );
    expect(twilio.json()).toMatchObject({ matched: 1 });
    await advance(2 * hour);

    const report = await viewer.get(`/journeys/${journeyId}/report`);
    expect(report.status).toBe(200);
    const r = report.body;
    const db = t.database.db;
    // Statuses: a recount of the enrollments.
    const enrollments = await db
      .selectFrom('enrollments')
      .select(['status', 'entered_at', 'ended_at'])
      .where('journey_id', '=', journeyId)
      .execute();
    expect(r.accounts).toBe(enrollments.length);
    const completed = enrollments.filter((e) => e.status === 'completed');
    expect(r.statuses.find((s: { status: string }) => s.status === 'completed').count).toBe(
      completed.length,
    );
    expect(completed).toHaveLength(3);
    expect(r.completionRate).toBe(100);
    const durations = completed.map(
      (e) => new Date(e.ended_at!).getTime() - new Date(e.entered_at).getTime(),
    );
    expect(r.averageDurationMs).toBe(
      Math.round(durations.reduce((a, b) => a + b, 0) / durations.length),
    );
    const buckets = durations.map(durationBucket).sort((a, b) => a - b);
    expect(r.medianDurationMs).toBe(buckets[1]! * 1000);
    expect(
      r.completionOverTime.reduce((n: number, p: { completed: number }) => n + p.completed, 0),
    ).toBe(3);

    // Email: a recount of the outbox and the activities.
    const outbox = await db
      .selectFrom('outbox')
      .select(['channel', 'status', 'last_error', 'person_id'])
      .where('journey_id', '=', journeyId)
      .execute();
    const activities = await db
      .selectFrom('activities')
      .select(['type', 'person_id', 'account_id'])
      .execute();
    const ofType = (type: string) => activities.filter((a) => a.type === type);
    const people = (type: string) => new Set(ofType(type).map((a) => a.person_id)).size;
    const emails = outbox.filter((o) => o.channel === 'email');
    const syncBounces = emails.filter(
      (o) => o.status === 'dead' && /^SMTP:.*\b5\d\d\b/.test(o.last_error ?? ''),
    ).length;
    const accepted = emails.filter((o) => o.status === 'sent').length;
    const [email] = r.email;
    expect(r.email).toHaveLength(1);
    expect(email).toMatchObject({
      name: '=Welcome',
      sent: accepted + syncBounces,
      delivered: accepted - ofType('email.bounced').length,
      bounced: syncBounces + ofType('email.bounced').length,
      opens: ofType('email.opened').length,
      opened: people('email.opened'),
      clicks: ofType('email.clicked').length,
      clicked: people('email.clicked'),
      unsubscribed: people('email.unsubscribed'),
      complained: ofType('email.complained').length,
    });
    expect(email).toMatchObject({
      sent: 5,
      delivered: 3,
      bounced: 2,
      opens: 4,
      opened: 3,
      clicked: 1,
      unsubscribed: 1,
      complained: 1,
    });
    expect(email).toMatchObject({
      deliveredRate: 60,
      openRate: 100,
      bounceRate: 40,
      clickToOpenRate: 33.3,
    });
    expect(email.firstActivityAt).not.toBeNull();
    expect(r.sms).toEqual([
      expect.objectContaining({ name: 'Nudge', sent: 1, delivered: 1, bounced: 0 }),
    ]);

    // Engagement: accounts and people who opened or clicked.
    const engagedPeople = new Set(
      [...ofType('email.opened'), ...ofType('email.clicked')].map((a) => a.person_id),
    );
    const engagedAccounts = new Set(
      [...ofType('email.opened'), ...ofType('email.clicked')].map((a) => a.account_id),
    );
    expect(r.engagement).toMatchObject({
      engagedAccounts: engagedAccounts.size,
      notEngagedAccounts: 3 - engagedAccounts.size,
      engagedPeople: engagedPeople.size,
      byType: { emailOpened: 3, emailClicked: 1 },
    });
  });

  it('suppresses later emails to addresses that bounced hard or complained, with that reason', async () => {
    smtp.messages.length = 0;
    const second = await publishJourney('Second wave');
    expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual(['ada@acme.example']);
    const suppressed = await t.database.db
      .selectFrom('outbox')
      .select(['person_id', 'last_error'])
      .where('journey_id', '=', second)
      .where('status', '=', 'suppressed')
      .where('channel', '=', 'email')
      .execute();
    const reasons = Object.fromEntries(
      suppressed.map((s) => [s.person_id, s.last_error?.split(':')[0]]),
    );
    expect(reasons).toEqual({
      [ids.al!]: 'EMAIL_UNDELIVERABLE',
      [ids.bob!]: 'EMAIL_UNDELIVERABLE',
      [ids.dee!]: 'EMAIL_UNDELIVERABLE',
      [ids.cy!]: 'EMAIL_OPTED_OUT',
    });
  });

  it('drills through from a status to its accounts and from the email to who opened or bounced', async () => {
    const accounts = await viewer.get(
      `/journeys/${journeyId}/report/accounts?status=completed&limit=2`,
    );
    expect(accounts.status).toBe(200);
    expect(accounts.body.items).toHaveLength(2);
    const rest = await viewer.get(
      `/journeys/${journeyId}/report/accounts?status=completed&cursor=${accounts.body.nextCursor}`,
    );
    const names = [...accounts.body.items, ...rest.body.items]
      .map((a: { accountName: string }) => a.accountName)
      .sort();
    expect(names).toEqual(['Acme', 'Globex', 'Initech']);
    const opened = await viewer.get(
      `/journeys/${journeyId}/report/people?kind=opened&nodeId=welcome`,
    );
    expect(opened.body.items.map((p: { email: string }) => p.email).sort()).toEqual([
      'ada@acme.example',
      'al@acme.example',
      'bob@globex.example',
    ]);
    const bounced = await viewer.get(
      `/journeys/${journeyId}/report/people?kind=bounced&nodeId=welcome`,
    );
    expect(bounced.body.items.map((p: { email: string }) => p.email).sort()).toEqual([
      'al@acme.example',
      'dee@initech.example',
    ]);
  });

  it("answers the map's sent / opened / clicked of email and SMS nodes, equal to the report's tables", async () => {
    const metrics = await viewer.get(`/journeys/${journeyId}/metrics`);
    expect(metrics.status).toBe(200);
    const report = (await viewer.get(`/journeys/${journeyId}/report`)).body;
    const node = (id: string) =>
      metrics.body.nodes.find((n: { nodeId: string }) => n.nodeId === id);
    const [email] = report.email;
    const [sms] = report.sms;
    expect(node('welcome').messages).toEqual({
      channel: 'email',
      sent: email.sent,
      delivered: email.delivered,
      opened: email.opened,
      clicked: email.clicked,
    });
    expect(node('welcome').messages).toMatchObject({ sent: 5, opened: 3, clicked: 1 });
    expect(node('nudge').messages).toEqual({
      channel: 'sms',
      sent: sms.sent,
      delivered: sms.delivered,
      opened: sms.opened,
      clicked: sms.clicked,
    });
    expect(node('wait').messages).toBeUndefined();
  });

  it('gives the overview and email performance, as JSON and as CSV with formulas escaped', async () => {
    const overview = await viewer.get('/reports/journeys');
    expect(overview.status).toBe(200);
    const welcome = overview.body.journeys.find(
      (j: { journeyId: string }) => j.journeyId === journeyId,
    );
    expect(welcome).toMatchObject({
      accounts: 3,
      completed: 3,
      completionRate: 100,
      engagedAccounts: 2,
    });
    expect(
      overview.body.completionBands.find((b: { band: string }) => b.band === '75-100').journeys,
    ).toBeGreaterThanOrEqual(1);
    expect(
      overview.body.engagementTypes.find((b: { type: string }) => b.type === 'emailOpened')
        .journeys,
    ).toBe(1);

    const performance = await viewer.get(`/reports/email-performance?journeyId=${journeyId}`);
    expect(performance.status).toBe(200);
    expect(performance.body.totals).toMatchObject({
      sent: 5,
      delivered: 3,
      bounced: 2,
      opened: 3,
      deliveredRate: 60,
    });
    expect(performance.body.items).toHaveLength(1);
    const both = await viewer.get('/reports/email-performance');
    expect(both.body.totals.sent).toBeGreaterThan(5);
    // The email list asks for the emails of its page at once: rows of those emails only.
    const unsent = (
      await manager.post('/emails', {
        name: 'Never sent',
        subject: 'Hi',
        fromName: 'Caravan',
        fromEmail: 'news@caravan.example.com',
        html: '<p>Hi</p>',
      })
    ).body.id as string;
    const listed = await viewer.get(
      `/reports/email-performance?emailId=${ids.email}&emailId=${unsent}&pageSize=50`,
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((r: { emailId: string }) => r.emailId)).toEqual([ids.email]);
    expect(listed.body.totals.sent).toBe(both.body.totals.sent);
    const none = await viewer.get(`/reports/email-performance?emailId=${unsent}`);
    expect(none.body).toMatchObject({ total: 0, items: [], totals: { sent: 0 } });
    const future = await viewer.get('/reports/email-performance?from=2030-01-01&to=2030-12-31');
    expect(future.body).toMatchObject({ total: 0, totals: { sent: 0 } });

    const csv = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/email-performance?journeyId=${journeyId}`,
      headers: { ...viewer.headers, accept: 'text/csv' },
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toMatch(/^Email,Journeys,Sent,Delivered/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^'=Welcome,Welcome series,5,3,/);
    const journeyCsv = await viewer.get(`/journeys/${journeyId}/report?format=csv&table=status`);
    expect(journeyCsv.body).toContain('completed,3,100');
  });

  it('accepts signed generic and Mailgun bounces and refuses bad signatures, unknown topics and bad input with 4xx', async () => {
    const body = JSON.stringify({ events: [{ type: 'bounce', email: 'gone@nowhere.example' }] });
    const ts = String(Math.floor(Date.now() / 1000));
    const generic = await postRaw('/delivery-events', body, {
      'content-type': 'application/json',
      'x-caravan-timestamp': ts,
      'x-caravan-signature': signGeneric(bounceKey, ts, body),
    });
    expect(generic.json()).toEqual({ received: 1, matched: 0, undeliverable: 1 });
    const forged = await postRaw('/delivery-events', body, {
      'content-type': 'application/json',
      'x-caravan-timestamp': ts,
      'x-caravan-signature': signGeneric('another-key-entirely', ts, body),
    });
    expect([forged.statusCode, forged.json().error.code]).toEqual([
      401,
      'DELIVERY_SIGNATURE_INVALID',
    ]);

    const mailgun = JSON.stringify({
      signature: signMailgunForTest(mailgunKey),
      'event-data': {
        event: 'failed',
        severity: 'permanent',
        recipient: 'old@nowhere.example',
        message: { headers: { 'message-id': 'x@y' } },
      },
    });
    const accepted = await postRaw('/delivery-events/mailgun', mailgun, {
      'content-type': 'application/json',
    });
    expect(accepted.json()).toMatchObject({ undeliverable: 1 });
    const undeliverable = await t.database.db
      .selectFrom('email_undeliverable')
      .select('address')
      .execute();
    expect(undeliverable.map((u) => u.address)).toEqual(
      expect.arrayContaining(['gone@nowhere.example', 'old@nowhere.example']),
    );

    const otherTopic = snsMessage('Notification', '{}', {
      TopicArn: 'arn:aws:sns:eu-west-1:1:other',
    });
    const refused = await postRaw('/delivery-events/ses', JSON.stringify(otherTopic), {
      'content-type': 'text/plain',
    });
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'SNS_TOPIC_NOT_ALLOWED']);
    const tampered = {
      ...snsMessage('Notification', '{}'),
      Message: '{"notificationType":"Bounce"}',
    };
    const bad = await postRaw('/delivery-events/ses', JSON.stringify(tampered), {
      'content-type': 'text/plain',
    });
    expect([bad.statusCode, bad.json().error.code]).toEqual([401, 'SNS_SIGNATURE_INVALID']);
    const unsigned = await postRaw(
      '/delivery-events/twilio',
      'MessageSid=SM1&MessageStatus=failed',
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    expect(unsigned.statusCode).toBe(401);

    expect((await viewer.get('/reports/email-performance?from=yesterday')).status).toBe(400);
    expect((await viewer.get(`/journeys/${crypto.randomUUID()}/report`)).status).toBe(404);
    expect(
      (await viewer.get(`/journeys/${journeyId}/report/accounts?status=completed&cursor=%%%`))
        .status,
    ).toBe(400);
    expect((await t.anonymous.get('/reports/journeys')).status).toBe(401);
  });
});
