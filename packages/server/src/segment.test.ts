import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listActivities } from '@caravan/storage/activity.repository';
import { testDialects } from '@caravan/storage/test-databases';
import { startTestApp, testStart, type Client, type TestApp } from './test-support/test-app.ts';

// The example payloads of the public Segment spec (segment.com/docs/connections/spec/), as sent.
const identifyExample = {
  anonymousId: '507f191e810c19729de860ea',
  channel: 'browser',
  context: {
    ip: '8.8.8.8',
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_12_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/58.0.3029.110 Safari/537.36',
  },
  integrations: { All: false, Mixpanel: true, Salesforce: true },
  messageId: '022bb90c-bbac-11e4-8dfc-aa07a5b093db',
  receivedAt: '2015-02-23T22:28:55.387Z',
  sentAt: '2015-02-23T22:28:55.111Z',
  timestamp: '2015-02-23T22:28:55.111Z',
  traits: {
    name: 'Peter Gibbons',
    email: 'peter@example.com',
    plan: 'premium',
    logins: 5,
    address: {
      street: '6th St',
      city: 'San Francisco',
      state: 'CA',
      postalCode: '94103',
      country: 'USA',
    },
  },
  type: 'identify',
  userId: '97980cfea0067',
  version: '1.1',
};

const groupExample = {
  anonymousId: '507f191e810c19729de860ea',
  channel: 'browser',
  context: {
    ip: '8.8.8.8',
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_12_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/58.0.3029.110 Safari/537.36',
  },
  integrations: { All: true, Mixpanel: false, Salesforce: true },
  messageId: '022bb90c-bbac-11e4-8dfc-aa07a5b093db',
  receivedAt: '2015-02-23T22:28:55.387Z',
  sentAt: '2015-02-23T22:28:55.111Z',
  timestamp: '2015-02-23T22:28:55.111Z',
  traits: {
    name: 'Initech',
    industry: 'Technology',
    employees: 329,
    plan: 'enterprise',
    'total billed': 830,
  },
  type: 'group',
  userId: '97980cfea0067',
  groupId: '0e8c78ea9d97a7b8185e8632',
  version: '1.1',
};

const trackExample = {
  anonymousId: '23adfd82-aa0f-45a7-a756-24f2a7a4c895',
  context: {
    library: { name: 'analytics.js', version: '2.11.1' },
    page: {
      path: '/academy/',
      referrer: '',
      search: '',
      title: 'Analytics Academy',
      url: 'https://segment.com/academy/',
    },
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_10_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/46.0.2490.86 Safari/537.36',
    ip: '108.0.78.21',
  },
  event: 'Course Clicked',
  integrations: {},
  messageId: 'ajs-f8ca1e4de5024d9430b3928bd8ac6b96',
  properties: { title: 'Intro to Analytics' },
  receivedAt: '2015-12-12T19:11:01.266Z',
  sentAt: '2015-12-12T19:11:01.169Z',
  timestamp: '2015-12-12T19:11:01.249Z',
  type: 'track',
  userId: 'AiUGstSDIg',
  originalTimestamp: '2015-12-12T19:11:01.152Z',
};

const basic = (key: string) => ({
  authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
});

describe.each(testDialects)('Segment-compatible ingestion on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;
  let source: Client;

  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    manager = (await t.signIn('manager')).client;
    const admin = (await t.signIn('admin')).client;
    const key = await admin.post('/api-keys', { name: 'Segment', role: 'manager' });
    source = t.clientWith(basic(key.body.key));
  });
  afterAll(async () => t.close());

  const personByExternalId = async (externalId: string) => {
    const page = await manager.get('/people?limit=200');
    return page.body.items.find((p: { externalId: string }) => p.externalId === externalId);
  };

  it('answers 200 to the spec’s identify example and creates the person from userId and traits', async () => {
    const response = await source.post('/segment/identify', identifyExample);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ success: true });
    expect(await personByExternalId('97980cfea0067')).toMatchObject({
      email: 'peter@example.com',
      firstName: 'Peter',
      lastName: 'Gibbons',
      city: 'San Francisco',
      country: 'USA',
    });
  });

  it('updates the same person when identify is sent again with changed traits', async () => {
    await source.post('/segment/identify', {
      ...identifyExample,
      messageId: 'identify-2',
      traits: { email: 'peter@example.com', title: 'Engineer' },
    });
    const people = await manager.get('/people?search=peter@example.com');
    expect(people.body.total).toBe(1);
    expect(people.body.items[0]).toMatchObject({ jobTitle: 'Engineer', firstName: 'Peter' });
  });

  it('identifies by traits.email when there is no userId, adopting a userId later', async () => {
    const byEmail = await source.post('/segment/identify', {
      anonymousId: 'anon-1',
      traits: { email: 'imported@example.com', firstName: 'Imma' },
    });
    expect(byEmail.status).toBe(200);
    await source.post('/segment/identify', {
      userId: 'u-imma',
      traits: { email: 'imported@example.com' },
    });
    expect(await personByExternalId('u-imma')).toMatchObject({
      email: 'imported@example.com',
      firstName: 'Imma',
    });
  });

  it('answers 200 to the spec’s group example: upserts the account by groupId, links the person, ignores a retried messageId', async () => {
    const response = await source.post('/segment/group', groupExample);
    expect(response.status).toBe(200);
    const accounts = await manager.get('/accounts?search=Initech');
    expect(accounts.body.items).toHaveLength(1);
    const account = accounts.body.items[0];
    expect(account).toMatchObject({
      externalId: '0e8c78ea9d97a7b8185e8632',
      industry: 'Technology',
      employees: 329,
    });
    const people = await manager.get(`/accounts/${account.id}/people`);
    expect(people.body.items.map((p: { externalId: string }) => p.externalId)).toEqual([
      '97980cfea0067',
    ]);
    const retried = await source.post('/segment/group', {
      ...groupExample,
      traits: { employees: 999 },
    });
    expect(retried.body).toEqual({ success: true, duplicate: true });
    const again = await source.post('/segment/group', {
      ...groupExample,
      messageId: 'group-later',
      timestamp: '2015-02-24T10:00:00.000Z',
      traits: { employees: '400' },
    });
    expect(again.status).toBe(200);
    expect((await manager.get(`/accounts/${account.id}`)).body).toMatchObject({
      name: 'Initech',
      employees: 400,
    });
  });

  it('answers 200 to the spec’s track example and stores it once with its occurred and received times', async () => {
    await source.post('/segment/group', {
      ...groupExample,
      userId: 'AiUGstSDIg',
      messageId: 'group-2',
    });
    const response = await source.post('/segment/track', trackExample);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ success: true });
    const again = await source.post('/segment/track', trackExample);
    expect(again.body).toEqual({ success: true, duplicate: true });
    const person = await personByExternalId('AiUGstSDIg');
    const stored = await listActivities(t.database.db, {
      personId: person.id,
      types: ['Course Clicked'],
      limit: 10,
    });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      messageId: 'ajs-f8ca1e4de5024d9430b3928bd8ac6b96',
      occurredAt: '2015-12-12T19:11:01.249Z',
      receivedAt: testStart.toISOString(),
      properties: { title: 'Intro to Analytics' },
    });
  });

  it('stores a track on the account named by context.groupId even for an anonymous user', async () => {
    const response = await source.post('/segment/track', {
      anonymousId: 'anon-2',
      event: 'Pricing Viewed',
      messageId: 'anon-track-1',
      context: { groupId: '0e8c78ea9d97a7b8185e8632' },
      properties: { plan: { name: 'pro' } },
    });
    expect(response.status).toBe(200);
    const [activity] = await listActivities(t.database.db, { types: ['Pricing Viewed'], limit: 1 });
    expect(activity?.properties).toEqual({ plan: '{"name":"pro"}' });
  });

  it('keeps a track of a user Caravan does not know as pending and answers 200 pending', async () => {
    const response = await source.post('/segment/track', {
      ...trackExample,
      userId: 'stranger',
      messageId: 'm-x',
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ success: true, pending: true });
  });

  it('answers 400 INVALID_EVENT naming the field for malformed calls', async () => {
    const noEvent = await source.post('/segment/track', {
      userId: 'AiUGstSDIg',
      messageId: 'bad-1',
    });
    expect(noEvent.status).toBe(400);
    expect(noEvent.body.error).toMatchObject({ code: 'INVALID_EVENT' });
    expect(noEvent.body.error.message).toMatch(/^event: /);
    const noGroup = await source.post('/segment/group', { userId: 'AiUGstSDIg' });
    expect(noGroup.body.error.message).toMatch(/^groupId: /);
    const badTime = await source.post('/segment/track', {
      ...trackExample,
      timestamp: 'yesterday',
    });
    expect(badTime.body.error.message).toMatch(/^timestamp: /);
    const badEmail = await source.post('/segment/identify', {
      userId: 'u-bad',
      traits: { email: 'nope' },
    });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.error.message).toMatch(/^traits\.email: /);
    expect(await personByExternalId('u-bad')).toBeUndefined();
  });

  it('answers 200 to a batch, keeping the calls that work, listing the others and keeping unknown users pending', async () => {
    const response = await source.post('/segment/batch', {
      batch: [
        {
          ...identifyExample,
          messageId: 'batch-identify',
          userId: 'batch-user',
          traits: { email: 'batch@example.com' },
        },
        { ...groupExample, userId: 'batch-user', messageId: 'batch-group' },
        { ...trackExample, userId: 'batch-user', messageId: 'batch-track' },
        { ...trackExample, userId: 'batch-user', messageId: 'batch-track' },
        { type: 'page', name: 'Home' },
        { type: 'track', userId: 'batch-user' },
        { ...trackExample, userId: 'nobody-knows', messageId: 'batch-unknown' },
        null,
        { type: 'purchase', userId: 'batch-user' },
      ],
      context: { library: { name: 'analytics-node', version: '6.0.0' } },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ success: true, accepted: 3, duplicates: 1, pending: 1 });
    expect(
      response.body.rejected.map((r: { index: number; code: string }) => [r.index, r.code]),
    ).toEqual([
      [4, 'INVALID_EVENT'],
      [5, 'INVALID_EVENT'],
      [7, 'INVALID_EVENT'],
      [8, 'UNSUPPORTED_TYPE'],
    ]);
    expect(response.body.rejected[1].message).toMatch(/^event: /);
  });

  it('answers a resent batch as duplicates and stores nothing twice, also a call whose account is no longer known', async () => {
    await source.post('/segment/group', {
      ...groupExample,
      userId: 'resend-user',
      groupId: 'resend-account',
      messageId: 'resend-group',
    });
    const batch = Array.from({ length: 5 }, (_, i) => ({
      ...trackExample,
      userId: 'resend-user',
      messageId: `resend-${i}`,
      context: { groupId: 'resend-account' },
    }));
    const first = await source.post('/segment/batch', { batch });
    expect(first.body).toMatchObject({ accepted: 5, duplicates: 0, pending: 0, rejected: [] });
    const resent = await source.post('/segment/batch', {
      batch: [
        ...batch.slice(1),
        // Stored before under a known account; resent naming one not known: still a duplicate.
        { ...batch[0], context: { groupId: 'not-known-yet' } },
        { ...batch[0], messageId: 'resend-new' },
      ],
    });
    expect(resent.body).toMatchObject({ accepted: 1, duplicates: 5, pending: 0, rejected: [] });
    const stored = await listActivities(t.database.db, { types: ['Course Clicked'], limit: 2000 });
    expect(stored.filter((a) => a.messageId?.startsWith('resend-'))).toHaveLength(6);
  });

  it('answers 413 for a batch larger than 500 KB and stores none of it', async () => {
    const batch = Array.from({ length: 1001 }, (_, i) => ({
      ...trackExample,
      userId: 'batch-user',
      messageId: `many-${i}`,
    }));
    const response = await source.post('/segment/batch', { batch });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const stored = await listActivities(t.database.db, { types: ['Course Clicked'], limit: 2000 });
    expect(stored.filter((a) => a.messageId?.startsWith('many-'))).toHaveLength(0);
  });

  it('answers 401 without a write key or with an unknown one, and 403 for a viewer’s key', async () => {
    expect((await t.anonymous.post('/segment/track', trackExample)).status).toBe(401);
    expect(
      (await t.clientWith(basic('cvn_unknown')).post('/segment/track', trackExample)).status,
    ).toBe(401);
    const admin = (await t.signIn('admin')).client;
    const viewerKey = await admin.post('/api-keys', { name: 'Read only', role: 'viewer' });
    const viewerSource = t.clientWith(basic(viewerKey.body.key));
    const forbidden = await viewerSource.post('/segment/track', trackExample);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
    // A signed-in user's session is not a write key.
    expect((await manager.post('/segment/track', trackExample)).status).toBe(401);
  });
});
