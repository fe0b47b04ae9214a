import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadEngineSecret } from '@caravan/engine/runtime/engine-secret';
import { queueMessage, seedEnrollment, seedJourney } from '@caravan/engine/outbox/outbox-fixtures';
import { shortenSmsLinks } from '@caravan/engine/outbox/sms-links';
import { trackingUrls } from '@caravan/engine/outbox/tracking-token';
import { linkPerson } from '@caravan/storage/account-membership.repository';
import { listActivities } from '@caravan/storage/activity.repository';
import { storedAccount, storedPerson } from '@caravan/storage/b2b-fixtures';
import { findPerson } from '@caravan/storage/person.repository';
import { testDialects } from '@caravan/storage/test-databases';
import { startTestApp, type TestApp } from './test-support/test-app.ts';

describe.each(testDialects)('email tracking on %s', (dialect) => {
  let t: TestApp;
  let secret: string;

  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    secret = await loadEngineSecret(t.database, t.clock, undefined);
  });
  afterAll(async () => t.close());

  /** The tracking URLs of one sent email, as paths on this app. */
  async function sentEmail() {
    const account = await storedAccount(t.database.db, { id: crypto.randomUUID() });
    const person = await storedPerson(t.database.db, {
      email: `${crypto.randomUUID()}@example.com`,
    });
    await linkPerson(t.database.db, {
      accountId: account.id,
      personId: person.id,
      role: null,
      now: t.clock.now(),
    });
    const urls = trackingUrls('', secret, {
      outboxId: 41,
      personId: person.id,
      accountId: account.id,
      journeyId: 'journey-1',
      nodeId: 'mail-1',
    });
    return { account, person, urls };
  }

  const activities = (personId: string, type: string) =>
    listActivities(t.database.db, { personId, types: [type], limit: 10 });

  it('answers the open pixel with a GIF and records email.opened each time', async () => {
    const { person, account, urls } = await sentEmail();
    for (let i = 0; i < 2; i += 1) {
      const response = await t.app.inject({ method: 'GET', url: urls.open });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('image/gif');
      expect(response.rawPayload.subarray(0, 6).toString()).toBe('GIF89a');
    }
    const opened = await activities(person.id, 'email.opened');
    expect(opened).toHaveLength(2);
    expect(opened[0]).toMatchObject({
      accountId: account.id,
      properties: { journeyId: 'journey-1', nodeId: 'mail-1', outboxId: 41 },
    });
  });

  it('answers 302 to the target of a tracked link and records email.clicked with the url', async () => {
    const { person, urls } = await sentEmail();
    const response = await t.app.inject({
      method: 'GET',
      url: urls.click('https://example.com/pricing?plan=pro&seats=5'),
    });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('https://example.com/pricing?plan=pro&seats=5');
    const clicked = await activities(person.id, 'email.clicked');
    expect(clicked.map((a) => a.properties['url'])).toEqual([
      'https://example.com/pricing?plan=pro&seats=5',
    ]);
  });

  it('answers 404 TRACKING_TOKEN_INVALID for a forged, altered or misused token and records nothing', async () => {
    const { person, urls } = await sentEmail();
    const forged = urls.open.replace(/\.([^.]+)\.gif$/, '.AAAA$1.gif');
    const otherSecret = trackingUrls('', 'another-secret-entirely', {
      outboxId: 1,
      personId: person.id,
      accountId: null,
      journeyId: null,
      nodeId: null,
    });
    const unsubscribePath = urls.unsubscribe.slice('/t/u/'.length);
    for (const [method, url] of [
      ['GET', forged],
      ['GET', otherSecret.click('https://evil.example')],
      ['GET', '/t/c/not-a-token'],
      ['GET', '/s/not-a-code'],
      // A pixel token is not a link token.
      ['GET', `/t/c/${urls.open.slice('/t/o/'.length, -'.gif'.length)}`],
      ['POST', `/t/u/${unsubscribePath}x`],
    ] as const) {
      const response = await t.app.inject({ method, url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code).toBe('TRACKING_TOKEN_INVALID');
    }
    expect(await listActivities(t.database.db, { personId: person.id, limit: 10 })).toEqual([]);
  });

  it('shows an unsubscribe page that changes nothing, and unsubscribes on its one-click POST', async () => {
    const { person, urls } = await sentEmail();
    const page = await t.app.inject({ method: 'GET', url: urls.unsubscribe });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain(person.email);
    expect(page.body).toContain('<form method="post">');
    expect((await findPerson(t.database.db, person.id))?.emailConsent).toBe('optedIn');

    for (let i = 0; i < 2; i += 1) {
      const posted = await t.app.inject({
        method: 'POST',
        url: urls.unsubscribe,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(posted.statusCode).toBe(200);
      expect(posted.body).toContain('Unsubscribed');
    }
    expect((await findPerson(t.database.db, person.id))?.emailConsent).toBe('optedOut');
    expect(await activities(person.id, 'email.unsubscribed')).toHaveLength(1);
    const changes = await activities(person.id, 'personAttributeChanged');
    expect(changes.map((a) => a.properties['attribute'])).toContain('emailConsent');
  });
  it('redirects a short SMS link to the URL of its SMS and records sms.clicked', async () => {
    const account = await storedAccount(t.database.db, { id: crypto.randomUUID() });
    const person = await storedPerson(t.database.db, { mobilePhone: '+46700000042' });
    const journeyId = await seedJourney(t.database.db);
    const enrollmentId = await seedEnrollment(t.database.db, {
      journeyId,
      accountId: account.id,
      nodeId: 'text',
      now: t.clock.now(),
    });
    const queued = await queueMessage(t.database.db, {
      journeyId,
      enrollmentId,
      nodeId: 'text',
      accountId: account.id,
      personId: person.id,
      payload: { channel: 'sms', content: { message: 'See https://shop.example/x' } },
      now: t.clock.now(),
    });
    const body = await shortenSmsLinks(
      t.database.db,
      'https://go.example',
      queued.id,
      'See https://shop.example/x',
      t.clock.now(),
    );
    const path = body.slice('See https://go.example'.length);
    const response = await t.app.inject({ method: 'GET', url: path });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('https://shop.example/x');
    const clicks = await listActivities(t.database.db, {
      personId: person.id,
      types: ['sms.clicked'],
      limit: 5,
    });
    expect(clicks.map((c) => c.properties['outboxId'])).toEqual([queued.id]);
  });
});
