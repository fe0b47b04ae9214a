import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runDispatcherUntilIdle, type DispatcherDeps } from '@caravan/engine/outbox/dispatcher';
import { externalCallbackToken } from '@caravan/engine/outbox/external-channel';
import { startHttpCapture, type HttpCapture } from '@caravan/engine/outbox/loopback-servers';
import { outboundPolicy } from '@caravan/engine/outbox/outbound-policy';
import { queueMessage, seedEnrollment, seedJourney } from '@caravan/engine/outbox/outbox-fixtures';
import { trackingUrls } from '@caravan/engine/outbox/tracking-token';
import { webhookSignature } from '@caravan/engine/outbox/webhook-signing';
import { loadEngineSecret } from '@caravan/engine/runtime/engine-secret';
import { storedAccount, storedPerson } from '@caravan/storage/b2b-fixtures';
import { findPerson } from '@caravan/storage/person.repository';
import { testDialects } from '@caravan/storage/test-databases';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

describe.each(testDialects)('webhook signatures are no token oracle on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let manager: Client;
  let receiver: HttpCapture;
  let secret: string;
  let dispatcher: DispatcherDeps;

  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'), { outboundAllow: ['127.0.0.1/32'] });
    admin = (await t.signIn('admin')).client;
    manager = (await t.signIn('manager')).client;
    receiver = await startHttpCapture(() => ({ status: 200 }));
    secret = await loadEngineSecret(t.database, t.clock, undefined);
    dispatcher = {
      database: t.database,
      clock: t.clock,
      secret,
      publicUrl: '',
      outbound: outboundPolicy(['127.0.0.1/32']),
    };
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  /** A manager's webhook whose body is `body`; answers what the receiver got. */
  async function webhookWithBody(body: string) {
    const journeyId = await seedJourney(t.database.db);
    const account = await storedAccount(t.database.db, { id: crypto.randomUUID() });
    const enrollmentId = await seedEnrollment(t.database.db, {
      journeyId,
      accountId: account.id,
      nodeId: 'hook',
      now: t.clock.now(),
    });
    const path = `/oracle/${crypto.randomUUID()}`;
    await queueMessage(t.database.db, {
      journeyId,
      enrollmentId,
      nodeId: 'hook',
      accountId: account.id,
      personId: null,
      payload: {
        channel: 'webhook',
        url: `${receiver.url}${path}`,
        method: 'POST',
        headers: {},
        body,
      },
      now: t.clock.now(),
    });
    await runDispatcherUntilIdle(dispatcher);
    const received = receiver.requests.find((r) => r.url === path);
    if (!received) throw new Error('the webhook did not arrive');
    return received;
  }

  /** The attack: the signature over an author-chosen body, turned into a `<body>.<signature>` token. */
  function forgeFrom(request: Awaited<ReturnType<typeof webhookWithBody>>): string {
    const signature = String(request.headers['webhook-signature']).replace(/^v1,/, '');
    return `${request.body}.${Buffer.from(signature, 'base64').toString('base64url')}`;
  }

  const payloadOf = (data: unknown, purpose: string) =>
    Buffer.from(JSON.stringify({ p: purpose, d: data })).toString('base64url');

  it('refuses a click token made from a webhook signature: 404, no redirect to the outside site', async () => {
    const click = { k: 'c', o: 1, p: null, a: null, j: null, n: null, u: 'https://evil.example/' };
    const received = await webhookWithBody(payloadOf(click, 'tracking'));
    expect(received.headers['x-caravan-signature']).toBeUndefined();
    const response = await t.app.inject({ method: 'GET', url: `/t/c/${forgeFrom(received)}` });
    expect(response.statusCode).toBe(404);
    expect(response.headers.location).toBeUndefined();
  });

  it("refuses an unsubscribe token made from a webhook signature, and the person's consent stays", async () => {
    const person = await storedPerson(t.database.db, {
      email: `${crypto.randomUUID()}@example.com`,
      emailConsent: 'optedIn',
    });
    const unsubscribe = { k: 'u', o: 1, p: person.id, a: null, j: null, n: null };
    const received = await webhookWithBody(payloadOf(unsubscribe, 'unsubscribe'));
    const response = await t.app.inject({ method: 'POST', url: `/t/u/${forgeFrom(received)}` });
    expect(response.statusCode).toBe(404);
    expect((await findPerson(t.database.db, person.id))?.emailConsent).toBe('optedIn');
  });

  it('refuses a genuine token used for another purpose', async () => {
    const person = await storedPerson(t.database.db, { emailConsent: 'optedIn' });
    const urls = trackingUrls('', secret, {
      outboxId: 7,
      personId: person.id,
      accountId: null,
      journeyId: null,
      nodeId: null,
    });
    const clickToken = urls.click('https://example.com/').split('/t/c/')[1];
    const asUnsubscribe = await t.app.inject({ method: 'POST', url: `/t/u/${clickToken}` });
    expect(asUnsubscribe.statusCode).toBe(404);
    expect((await findPerson(t.database.db, person.id))?.emailConsent).toBe('optedIn');
    const callback = externalCallbackToken(secret, {
      enrollmentId: 1,
      nodeId: 'call',
    } as Parameters<typeof externalCallbackToken>[1]);
    const asOpen = await t.app.inject({ method: 'GET', url: `/t/o/${callback}.gif` });
    expect(asOpen.statusCode).toBe(404);
    const genuine = await t.app.inject({ method: 'GET', url: urls.click('https://example.com/') });
    expect(genuine.statusCode).toBe(302);
  });

  it("signs with the destination's secret, which only an admin rotates and sees once", async () => {
    const byManager = await manager.post('/webhook-secrets', { url: `${receiver.url}/x` });
    expect(byManager.status).toBe(403);
    const rotated = await admin.post('/webhook-secrets', { url: `${receiver.url}/anything` });
    expect(rotated.status).toBe(201);
    expect(rotated.body).toMatchObject({ destination: receiver.url, replaced: true });
    const received = await webhookWithBody('{"hello":"world"}');
    const id = String(received.headers['webhook-id']);
    const timestamp = Number(received.headers['webhook-timestamp']);
    expect(received.headers['webhook-signature']).toBe(
      webhookSignature(rotated.body.secret, id, timestamp, received.body),
    );
    expect(Math.abs(timestamp * 1000 - t.clock.now().getTime())).toBeLessThan(1000);
  });
  it('lists the destinations that have a secret to an admin, never the secrets', async () => {
    const rotated = await admin.post('/webhook-secrets', { url: `${receiver.url}/listed` });
    expect(rotated.status).toBe(201);
    expect((await manager.get('/webhook-secrets')).status).toBe(403);
    const listed = await admin.get('/webhook-secrets');
    expect(listed.status).toBe(200);
    const entry = listed.body.items.find(
      (item: { destination: string }) => item.destination === receiver.url,
    );
    expect(entry).toEqual({ destination: receiver.url, secretSince: expect.any(String) });
    expect(JSON.stringify(listed.body)).not.toContain(rotated.body.secret);
  });
});
