import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { linkPerson } from '@caravan/storage/account-membership.repository';
import { listActivities } from '@caravan/storage/activity.repository';
import { storedAccount, storedPerson } from '@caravan/storage/b2b-fixtures';
import { fromJson } from '@caravan/storage/column-types';
import type { Database } from '@caravan/storage/database';
import { insertSms } from '@caravan/storage/sms.repository';
import { openTestDatabase, testDialects } from '@caravan/storage/test-databases';
import { listEnrollmentTimeline } from '@caravan/storage/timeline.repository';
import { ManualClock } from '../runtime/clock.ts';
import { verifyToken } from '../runtime/engine-secret.ts';
import { dispatchDueOutbox, type DispatcherDeps } from './dispatcher.ts';
import { rotateWebhookSecret, webhookDestination, webhookSignature } from './webhook-signing.ts';
import { startHttpCapture, type CapturedRequest, type HttpCapture } from './loopback-servers.ts';
import { outboundPolicy } from './outbound-policy.ts';
import { recordSmsClick } from './sms-links.ts';
import { outboxRow, queueMessage, seedEnrollment, seedJourney } from './outbox-fixtures.ts';
import { latestRetryDelayMs, retryDelayMs } from './retry-policy.ts';

const start = new Date('2026-12-01T09:00:00.000Z');
const secret = 'the-engine-secret-for-tests';
const publicUrl = 'http://caravan.test';

describe.each(testDialects)('the SMS, webhook and external channels on %s', (dialect) => {
  let database: Database;
  let clock: ManualClock;
  let server: HttpCapture;
  let deps: DispatcherDeps;
  /** What the next requests get, by path. */
  const answers = new Map<string, number[]>();
  /** The provider's message ids of the next answers (then always SM123). */
  const sids: string[] = [];

  beforeAll(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
    clock = new ManualClock(start);
    server = await startHttpCapture((_n, request: CapturedRequest) => {
      const queue = answers.get(request.url.split('?')[0] ?? '') ?? [];
      const status = queue.shift() ?? 200;
      return { status, body: JSON.stringify({ sid: sids.shift() ?? 'SM123' }) };
    });
    deps = {
      database,
      clock,
      secret,
      publicUrl,
      smsProviderUrl: `${server.url}/sms/Accounts/AC1`,
      // The receiver listens on loopback, which only the operator can open.
      outbound: outboundPolicy(['127.0.0.1/32']),
    };
  });
  afterAll(async () => {
    await server.close();
    await database.close();
  });

  const requestsTo = (path: string) => server.requests.filter((r) => r.url === path);

  async function seed(person: Parameters<typeof storedPerson>[1] = {}) {
    const journeyId = await seedJourney(database.db, {
      myTokens: [{ name: 'Code', type: 'text', value: 'X42' }],
    });
    const account = await storedAccount(database.db, { id: crypto.randomUUID(), name: 'Initech' });
    const stored = await storedPerson(database.db, { firstName: 'Peter', ...person });
    await linkPerson(database.db, {
      accountId: account.id,
      personId: stored.id,
      role: null,
      now: start,
    });
    return { journeyId, account, person: stored };
  }

  it('posts an SMS with its Idempotency-Key and rendered body, retries after a 500 and is sent on the next attempt', async () => {
    const { journeyId, account, person } = await seed({
      mobilePhone: '+46701112233',
      smsConsent: 'optedIn',
    });
    const sms = await insertSms(database.db, {
      id: crypto.randomUUID(),
      name: `Code ${crypto.randomUUID().slice(0, 6)}`,
      message: 'Hi {{person.firstName}}, code {{my.Code}} for {{account.name}}',
      now: start,
    });
    if (!sms.ok) throw new Error(sms.error.message);
    const enrollmentId = await seedEnrollment(database.db, {
      journeyId,
      accountId: account.id,
      nodeId: 'text',
      now: start,
    });
    const queued = await queueMessage(database.db, {
      journeyId,
      enrollmentId,
      nodeId: 'text',
      accountId: account.id,
      personId: person.id,
      payload: { channel: 'sms', smsId: sms.value.id },
      now: start,
    });
    answers.set('/sms/Accounts/AC1/Messages.json', [500, 201]);

    expect(await dispatchDueOutbox(deps)).toBe(1);
    const retried = await outboxRow(database.db, queued.id);
    expect(retried).toMatchObject({ status: 'pending', attempts: 1 });
    // 30 s of backoff, stretched by the retry spread (retry-policy.ts).
    const wait = new Date(retried.nextAttemptAt ?? 0).getTime() - start.getTime();
    expect(wait).toBeGreaterThanOrEqual(retryDelayMs(1));
    expect(wait).toBeLessThanOrEqual(latestRetryDelayMs(1));
    expect(retried.lastError).toContain('500');
    expect(await dispatchDueOutbox(deps)).toBe(0);

    clock.advance(wait);
    expect(await dispatchDueOutbox(deps)).toBe(1);
    expect(await outboxRow(database.db, queued.id)).toMatchObject({
      status: 'sent',
      attempts: 2,
      recipient: '+46701112233',
    });

    const posts = requestsTo('/sms/Accounts/AC1/Messages.json');
    expect(posts).toHaveLength(2);
    for (const post of posts) {
      expect(post.method).toBe('POST');
      expect(post.headers['idempotency-key']).toBe(`${enrollmentId}:text:${person.id}`);
      expect(post.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(Object.fromEntries(new URLSearchParams(post.body))).toEqual({
        To: '+46701112233',
        Body: 'Hi Peter, code X42 for Initech',
        StatusCallback: `${publicUrl}/api/v1/delivery-events/twilio`,
      });
    }
    const timeline = await listEnrollmentTimeline(database.db, enrollmentId);
    expect(timeline.map((e) => [e.kind, e.detail['messageId']])).toEqual([['sent', 'SM123']]);
    expect(
      await listActivities(database.db, {
        personId: person.id,
        types: ['sms.delivered'],
        limit: 5,
      }),
    ).toHaveLength(1);
  });

  it('sends each link of an SMS as a short tracked link whose click is counted and leads to that link only', async () => {
    const { journeyId, account, person } = await seed({
      mobilePhone: '+46701112299',
      smsConsent: 'optedIn',
    });
    const enrollmentId = await seedEnrollment(database.db, {
      journeyId,
      accountId: account.id,
      nodeId: 'text',
      now: clock.now(),
    });
    await queueMessage(database.db, {
      journeyId,
      enrollmentId,
      nodeId: 'text',
      accountId: account.id,
      personId: person.id,
      payload: {
        channel: 'sms',
        content: { message: 'Offer: https://shop.example/offer?c=1. Terms: http://shop.example/t' },
      },
      now: clock.now(),
    });
    // Report rows are keyed by the provider's id: this message gets its own.
    sids.push('SMLINKS1');
    expect(await dispatchDueOutbox(deps)).toBe(1);
    const post = server.requests.filter((r) => r.url === '/sms/Accounts/AC1/Messages.json').at(-1);
    const body = new URLSearchParams(post?.body ?? '').get('Body') ?? '';
    const short =
      /^Offer: http:\/\/caravan\.test\/s\/([\w-]{12})\. Terms: http:\/\/caravan\.test\/s\/([\w-]{12})$/.exec(
        body,
      );
    expect(short, body).not.toBeNull();
    const [offerCode, termsCode] = [short![1]!, short![2]!];

    expect(await recordSmsClick({ database, clock }, offerCode)).toEqual({
      url: 'https://shop.example/offer?c=1',
    });
    expect(await recordSmsClick({ database, clock }, termsCode)).toEqual({
      url: 'http://shop.example/t',
    });
    expect(await recordSmsClick({ database, clock }, 'not-a-code')).toBeUndefined();
    const clicks = await listActivities(database.db, {
      personId: person.id,
      types: ['sms.clicked'],
      limit: 5,
    });
    expect(clicks.map((c) => c.properties['url']).sort()).toEqual([
      'http://shop.example/t',
      'https://shop.example/offer?c=1',
    ]);
    const totals = await database.db
      .selectFrom('report_message_totals')
      .select(['sent', 'clicks', 'clicked'])
      .where('journey_id', '=', journeyId)
      .where('channel', '=', 'sms')
      .execute();
    expect(totals.map((t) => [Number(t.sent), Number(t.clicks), Number(t.clicked)])).toEqual([
      [1, 2, 1],
    ]);
  });

  it('makes a dead letter at once when the SMS provider refuses with a 400', async () => {
    const { journeyId, account, person } = await seed({
      mobilePhone: '+46701112234',
      smsConsent: 'optedIn',
    });
    const enrollmentId = await seedEnrollment(database.db, {
      journeyId,
      accountId: account.id,
      nodeId: 'text',
      now: clock.now(),
    });
    const queued = await queueMessage(database.db, {
      journeyId,
      enrollmentId,
      nodeId: 'text',
      accountId: account.id,
      personId: person.id,
      payload: { channel: 'sms', content: { message: 'Hello' } },
      now: clock.now(),
    });
    answers.set('/sms/Accounts/AC1/Messages.json', [400]);
    expect(await dispatchDueOutbox(deps)).toBe(1);
    const dead = await outboxRow(database.db, queued.id);
    expect(dead.status).toBe('dead');
    expect(dead.lastError).toContain('400');
    const timeline = await listEnrollmentTimeline(database.db, enrollmentId);
    expect(timeline.map((e) => e.kind)).toEqual(['failed']);
  });

  it('makes a dead letter with reason SMS_PROVIDER_NOT_CONFIGURED on the timeline when no SMS provider is set', async () => {
    const { journeyId, account, person } = await seed({
      mobilePhone: '+46701112235',
      smsConsent: 'optedIn',
    });
    const enrollmentId = await seedEnrollment(database.db, {
      journeyId,
      accountId: account.id,
      nodeId: 'text',
      now: clock.now(),
    });
    const queued = await queueMessage(database.db, {
      journeyId,
      enrollmentId,
      nodeId: 'text',
      accountId: account.id,
      personId: person.id,
      payload: { channel: 'sms', content: { message: 'Hello' } },
      now: clock.now(),
    });
    const { smsProviderUrl: _unset, ...withoutProvider } = deps;
    expect(await dispatchDueOutbox(withoutProvider)).toBe(1);
    expect(await outboxRow(database.db, queued.id)).toMatchObject({
      status: 'dead',
      lastError: 'SMS_PROVIDER_URL is not set',
    });
    const timeline = await listEnrollmentTimeline(database.db, enrollmentId);
    expect(timeline.map((e) => [e.kind, e.detail['reason']])).toEqual([
      ['failed', 'SMS_PROVIDER_NOT_CONFIGURED'],
    ]);
  });

  it('signs a webhook by Standard Webhooks with the destination secret, which the receiver can verify', async () => {
    const { journeyId, account, person } = await seed({ email: 'peter@initech.example' });
    const destination = webhookDestination(server.url) ?? '';
    const destinationSecret = await rotateWebhookSecret(database.db, destination, clock.now());
    expect(destinationSecret).toMatch(/^whsec_/);
    const verify = (request: CapturedRequest | undefined) =>
      webhookSignature(
        destinationSecret,
        String(request?.headers['webhook-id']),
        Number(request?.headers['webhook-timestamp']),
        request?.body ?? '',
      );
    const enrollmentId = await seedEnrollment(database.db, {
      journeyId,
      accountId: account.id,
      nodeId: 'hook',
      now: clock.now(),
    });
    await queueMessage(database.db, {
      journeyId,
      enrollmentId,
      nodeId: 'hook',
      accountId: account.id,
      personId: person.id,
      payload: {
        channel: 'webhook',
        url: `${server.url}/hooks/templated`,
        method: 'PUT',
        headers: { 'x-team': 'growth' },
        body: '{"account":"{{account.name}}","who":"{{person.email}}"}',
      },
      now: clock.now(),
    });
    await queueMessage(database.db, {
      journeyId,
      enrollmentId,
      nodeId: 'hook-2',
      accountId: account.id,
      personId: null,
      payload: {
        channel: 'webhook',
        url: `${server.url}/hooks/context`,
        method: 'POST',
        headers: {},
      },
      now: clock.now(),
    });

    expect(await dispatchDueOutbox(deps)).toBe(2);

    const [templated] = requestsTo('/hooks/templated');
    expect(templated?.method).toBe('PUT');
    expect(templated?.body).toBe('{"account":"Initech","who":"peter@initech.example"}');
    expect(templated?.headers['x-team']).toBe('growth');
    expect(templated?.headers['webhook-signature']).toBe(verify(templated));
    expect(templated?.headers['webhook-id']).toBe(`${enrollmentId}:hook:${person.id}`);
    expect(templated?.headers['webhook-timestamp']).toBe(
      String(Math.floor(clock.now().getTime() / 1000)),
    );
    expect(templated?.headers['idempotency-key']).toBe(`${enrollmentId}:hook:${person.id}`);

    const [context] = requestsTo('/hooks/context');
    const body = JSON.parse(context?.body ?? '{}');
    expect(body).toMatchObject({
      journeyId,
      nodeId: 'hook-2',
      account: { id: account.id, name: 'Initech' },
      person: null,
    });
    expect(context?.headers['webhook-signature']).toBe(verify(context));
    expect((await listEnrollmentTimeline(database.db, enrollmentId)).map((e) => e.kind)).toEqual([
      'sent',
      'sent',
    ]);
  });

  it('calls an external service with a callback token signed by its secret, and resolves the waiting enrollment with an error when the call dies', async () => {
    const { journeyId, account, person } = await seed({ email: 'ext@initech.example' });
    const serviceId = crypto.randomUUID();
    await database.db
      .insertInto('external_services')
      .values({
        id: serviceId,
        name: `Scoring ${serviceId}`,
        url: `${server.url}/external/score`,
        secret: 'service-secret',
        timeout_seconds: 60,
        created_at: start.toISOString(),
        updated_at: start.toISOString(),
      })
      .execute();
    const accepted = await seedEnrollment(database.db, {
      journeyId,
      accountId: account.id,
      nodeId: 'ext',
      now: clock.now(),
      phase: 'external',
    });
    const refusedAccount = await storedAccount(database.db, { id: crypto.randomUUID() });
    const refused = await seedEnrollment(database.db, {
      journeyId,
      accountId: refusedAccount.id,
      nodeId: 'ext',
      now: clock.now(),
      phase: 'external',
    });
    const payload = {
      channel: 'external' as const,
      serviceId,
      on: 'people' as const,
      inputs: { tier: 'gold' },
      personIds: [person.id],
    };
    answers.set('/external/score', [202, 404]);
    await queueMessage(database.db, {
      journeyId,
      enrollmentId: accepted,
      nodeId: 'ext',
      accountId: account.id,
      personId: null,
      payload,
      now: clock.now(),
    });
    expect(await dispatchDueOutbox(deps)).toBe(1);
    await queueMessage(database.db, {
      journeyId,
      enrollmentId: refused,
      nodeId: 'ext',
      accountId: refusedAccount.id,
      personId: null,
      payload,
      now: clock.now(),
    });
    expect(await dispatchDueOutbox(deps)).toBe(1);

    const [call] = requestsTo('/external/score');
    const body = JSON.parse(call?.body ?? '{}');
    expect(body.callbackUrl).toBe(`${publicUrl}/api/v1/callbacks/external/${body.token}`);
    expect(verifyToken(secret, 'callback', body.token)).toEqual({
      enrollmentId: accepted,
      nodeId: 'ext',
    });
    expect(body.account.id).toBe(account.id);
    expect(body.people.map((p: { id: string }) => p.id)).toEqual([person.id]);
    expect(body.inputs).toEqual({ tier: 'gold' });
    expect(call?.headers['webhook-signature']).toBe(
      webhookSignature(
        'service-secret',
        String(call?.headers['webhook-id']),
        Number(call?.headers['webhook-timestamp']),
        call?.body ?? '',
      ),
    );

    const waiting = await database.db
      .selectFrom('enrollments')
      .select(['id', 'state', 'due_at'])
      .where('id', 'in', [accepted, refused])
      .orderBy('id')
      .execute();
    expect(waiting.map((e) => [Number(e.id), fromJson(e.state), e.due_at === null])).toEqual([
      [accepted, {}, true],
      [refused, { external: { status: 'error', reason: expect.stringContaining('404') } }, false],
    ]);
  });
});
