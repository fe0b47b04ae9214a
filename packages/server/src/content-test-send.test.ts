import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  startHttpCapture,
  startSmtpCapture,
  type HttpCapture,
  type SmtpCapture,
} from '@caravan/engine/outbox/loopback-servers';
import { testDialects } from '@caravan/storage/test-databases';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

const unsubscribe = '<a href="{{system.unsubscribeUrl}}">Unsubscribe</a>';

describe.each(testDialects)('draft previews and test sends of emails and SMS on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;
  let viewer: Client;
  let smtp: SmtpCapture;
  let sms: HttpCapture;
  let email: { id: string };
  let reminder: { id: string };
  let ada: { id: string };

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    sms = await startHttpCapture(() => ({ status: 201, body: '{"sid":"SM1"}' }));
    t = await startTestApp(dialect, inject('postgresUrl'), {
      smtpUrl: smtp.url,
      smsProviderUrl: sms.url,
    });
    manager = (await t.signIn('manager')).client;
    viewer = (await t.signIn('viewer')).client;
    email = (
      await manager.post('/emails', {
        name: 'Welcome',
        subject: 'Hi {{person.firstName | default: "there"}}',
        fromName: 'Caravan',
        fromEmail: 'hello@example.com',
        html: `<h1>Hello {{person.firstName | default: "there"}}</h1>${unsubscribe}`,
        text: '',
      })
    ).body;
    reminder = (
      await manager.post('/sms', { name: 'Reminder', message: 'Hi {{person.firstName}}' })
    ).body;
    ada = (await manager.post('/people', { email: 'ada@acme.example', firstName: 'Ada' })).body;
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    await sms.close();
  });

  it('answers 200 with the unsaved draft rendered, its text generated from the HTML and its problems marked', async () => {
    const response = await manager.post(`/emails/${email.id}/preview`, {
      personId: ada.id,
      draft: { subject: '', html: '<p>Draft for {{person.firstName}}</p>' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      subject: '',
      html: '<p>Draft for Ada</p>',
      text: 'Draft for Ada',
      textGenerated: true,
    });
    const problems = response.body.problems.map((p: { code: string; severity: string }) => [
      p.code,
      p.severity,
    ]);
    expect(problems).toEqual([
      ['EMAIL_SUBJECT_MISSING', 'error'],
      ['EMAIL_UNSUBSCRIBE_MISSING', 'warning'],
      ['EMAIL_TEXT_EMPTY', 'warning'],
    ]);
    // The draft is not stored.
    expect((await manager.get(`/emails/${email.id}`)).body.subject).toContain('Hi');
  });

  it('answers 200 with every fallback when no person is chosen', async () => {
    const response = await viewer.post(`/emails/${email.id}/preview`, {});
    expect(response.status).toBe(200);
    expect(response.body.subject).toBe('Hi there');
  });

  it('sends the draft as a test through SMTP, marked as a test, without queueing anything', async () => {
    const before = smtp.messages.length;
    const response = await manager.post(`/emails/${email.id}/test-send`, {
      to: 'me@example.com',
      personId: ada.id,
      draft: { subject: 'Draft subject for {{person.firstName}}' },
    });
    expect(response.status).toBe(200);
    expect(response.body.to).toBe('me@example.com');
    expect(smtp.messages).toHaveLength(before + 1);
    const sent = smtp.messages.at(-1)!;
    expect(sent.to).toEqual(['me@example.com']);
    expect(sent.raw).toContain('Subject: [Test] Draft subject for Ada');
    expect(sent.raw).toContain('X-Caravan-Test: yes');
    expect(sent.raw).toContain('Hello Ada');
    const outbox = await t.database.db.selectFrom('outbox').select('id').execute();
    expect(outbox).toEqual([]);
  });

  it('sends an SMS test to the provider, marked as a test', async () => {
    const response = await manager.post(`/sms/${reminder.id}/test-send`, {
      to: '+46 70 123 45 67',
      personId: ada.id,
    });
    expect(response.status).toBe(200);
    expect(decodeURIComponent(sms.requests.at(-1)!.body.replace(/\+/g, ' '))).toContain(
      'Body=[Test] Hi Ada',
    );
  });

  it('answers 400 to a test send without a valid address, 403 to a viewer and 404 to an unknown email', async () => {
    const bad = await manager.post(`/emails/${email.id}/test-send`, { to: 'nobody' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const forbidden = await viewer.post(`/emails/${email.id}/test-send`, { to: 'me@example.com' });
    expect(forbidden.status).toBe(403);
    const unknown = await manager.post(`/emails/${randomUUID()}/test-send`, {
      to: 'me@example.com',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('EMAIL_NOT_FOUND');
  });
});

describe.each(testDialects)('test sends without SMTP_URL on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;

  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    manager = (await t.signIn('manager')).client;
  });
  afterAll(async () => t.close());

  it('answers 409 EMAIL_NOT_CONFIGURED naming SMTP_URL', async () => {
    const email = (
      await manager.post('/emails', {
        name: 'Unsent',
        subject: 'Hi',
        fromName: 'Caravan',
        fromEmail: 'hello@example.com',
        html: '<p>x</p>',
      })
    ).body;
    const response = await manager.post(`/emails/${email.id}/test-send`, {
      to: 'me@example.com',
    });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: 'EMAIL_NOT_CONFIGURED' });
    expect(response.body.error.message).toContain('SMTP_URL');
  });
});
