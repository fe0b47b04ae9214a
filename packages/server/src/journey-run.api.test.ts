/**
 * A journey run through the HTTP API only, as a user or a black-box test drives it: data and a
 * journey by API, publish, the test clock, events, a real SMTP server and a real SMS provider on
 * loopback, then the metrics and the timeline by API.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  parseMail,
  startHttpCapture,
  startSmtpCapture,
  type HttpCapture,
  type SmtpCapture,
} from '@caravan/engine/outbox/loopback-servers';
import { testDialects } from '@caravan/storage/test-databases';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

const day = 86_400_000;

describe.each(testDialects)('a journey run through the API on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;
  let smtp: SmtpCapture;
  let sms: HttpCapture;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    sms = await startHttpCapture(() => ({ status: 201, body: '{"sid":"SM1"}' }));
    t = await startTestApp(dialect, inject('postgresUrl'), {
      smtpUrl: smtp.url,
      smsProviderUrl: sms.url,
      publicUrl: 'https://caravan.example.com',
    });
    manager = (await t.signIn('manager')).client;
    const account = async (name: string, industry: string) =>
      (await manager.post('/accounts', { name, industry })).body.id as string;
    const person = async (accountId: string, body: Record<string, unknown>) => {
      const created = (await manager.post('/people', body)).body.id as string;
      await manager.put(`/accounts/${accountId}/people/${created}`, { role: null });
      return created;
    };
    ids.acme = await account('Acme', 'Software');
    ids.globex = await account('Globex', 'Software');
    ids.ada = await person(ids.acme, { email: 'ada@acme.example', firstName: 'Ada' });
    ids.bob = await person(ids.globex, {
      email: 'bob@globex.example',
      firstName: 'Bob',
      mobilePhone: '+46701234567',
      smsConsent: 'optedIn',
    });
    ids.cy = await person(ids.globex, { email: 'cy@globex.example', firstName: 'Cy' });
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
        name: 'Welcome',
        subject: 'Welcome {{person.firstName}}',
        fromName: 'Caravan',
        fromEmail: 'news@caravan.example.com',
        html: '<p>Hi {{person.firstName}} of {{account.name}}, <a href="https://example.com/demo">book a demo</a>. <a href="{{system.unsubscribeUrl}}">Unsubscribe</a></p>',
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
  });

  const advance = (ms: number) => manager.post('/clock/advance', { ms });

  it('emails everyone, advances on an event, times out the rest to SMS, and explains it all', async () => {
    const journey = await manager.post('/journeys', {
      name: 'Demo requests',
      schedule: {
        start: 'immediately',
        end: new Date(t.clock.now().getTime() + 30 * day).toISOString(),
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
            id: 'listen',
            type: 'event',
            settings: {
              on: 'people',
              event: 'Demo Requested',
              timeout: { duration: { amount: 3, unit: 'days' } },
            },
          },
          {
            id: 'moment',
            type: 'action',
            settings: {
              on: 'accounts',
              action: {
                type: 'interestingMoment',
                momentType: 'milestone',
                description: 'Asked for a demo',
              },
            },
          },
          {
            id: 'nudge',
            type: 'action',
            settings: { on: 'people', action: { type: 'sendSms', smsId: ids.sms } },
          },
        ],
        edges: [
          { from: 'audience', port: 'next', to: 'welcome' },
          { from: 'welcome', port: 'next', to: 'listen' },
          { from: 'listen', port: 'next', to: 'moment' },
          { from: 'listen', port: 'timeout', to: 'nudge' },
        ],
      },
    });
    expect(journey.status).toBe(201);
    const id = journey.body.id as string;
    const published = await manager.post(`/journeys/${id}/publish`);
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    await advance(0);

    const mails = smtp.messages.map((m) => ({ to: m.to, mail: parseMail(m.raw) }));
    expect(mails.map((m) => m.to[0]).sort()).toEqual([
      'ada@acme.example',
      'bob@globex.example',
      'cy@globex.example',
    ]);
    const ada = mails.find((m) => m.to[0] === 'ada@acme.example')!.mail;
    expect(ada.headers.subject).toBe('Welcome Ada');
    expect(ada.html).toContain('Hi Ada of Acme');
    expect(ada.headers['list-unsubscribe']).toContain('https://caravan.example.com/t/u/');
    expect(ada.html).toContain('https://caravan.example.com/t/c/');

    // Ada asks for a demo: Acme's listener wakes and takes `next`.
    const event = await manager.post('/events', {
      events: [
        { messageId: 'demo-1', type: 'Demo Requested', email: 'ada@acme.example', properties: {} },
      ],
    });
    expect(event.status).toBe(202);
    await advance(0);
    const acme = (await manager.get(`/journeys/${id}/accounts/${ids.acme}/timeline`)).body;
    const acmeSteps = acme.passes[0].entries.map(
      (e: { kind: string; nodeId: string; port: string | null }) => [e.kind, e.nodeId, e.port],
    );
    expect(acmeSteps).toContainEqual(['step', 'listen', 'next']);
    expect(acme.passes[0].status).toBe('completed');

    // Globex hears nothing: after three days it takes the timeout path; only Bob may get SMS.
    await advance(3 * day + 60_000);
    expect(sms.requests).toHaveLength(1);
    expect(new URLSearchParams(sms.requests[0]!.body).get('To')).toBe('+46701234567');
    expect(new URLSearchParams(sms.requests[0]!.body).get('Body')).toBe('Hi Bob!');
    expect(sms.requests[0]!.headers['idempotency-key']).toBeDefined();
    const globex = (await manager.get(`/journeys/${id}/accounts/${ids.globex}/timeline`)).body;
    const kinds = globex.passes[0].entries.map(
      (e: { kind: string; nodeId: string; port: string | null }) => [e.kind, e.nodeId, e.port],
    );
    expect(kinds).toContainEqual(['step', 'listen', 'timeout']);
    const suppressed = globex.passes[0].entries.find(
      (e: { kind: string }) => e.kind === 'suppressed',
    );
    expect(suppressed).toMatchObject({ nodeId: 'nudge', personId: ids.cy });

    const metrics = (await manager.get(`/journeys/${id}/metrics`)).body;
    expect(metrics.totals).toMatchObject({ entered: 2, inProgress: 0, completed: 2 });
    const listen = metrics.nodes.find((n: { nodeId: string }) => n.nodeId === 'listen');
    expect(listen).toMatchObject({ entered: 2, current: 0, paths: { next: 1, timeout: 1 } });

    // Past the end date with nobody left in it, the journey completes by itself.
    await advance(30 * day);
    // (A month of test clock outlives the session: sign in again.)
    const fresh = (await t.signIn('viewer')).client;
    const finished = await fresh.get(`/journeys/${id}`);
    expect(finished.body.status, JSON.stringify(finished.body)).toBe('completed');
  });
});
