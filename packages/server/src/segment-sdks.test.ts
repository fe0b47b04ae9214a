/**
 * The real client libraries a customer already runs — `@segment/analytics-node` 3.1, the older
 * `analytics-node` 6.2 and `@rudderstack/rudder-sdk-node` 3.0 — configured with only a host and a
 * write key (their defaults otherwise: RudderStack gzips its bodies), against the real server
 * listening on loopback behind a recording proxy.
 */
import { createRequire } from 'node:module';
import { Analytics as SegmentAnalytics } from '@segment/analytics-node';
import RudderAnalytics from '@rudderstack/rudder-sdk-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listActivities } from '@caravan/storage/activity.repository';
import { testDialects } from '@caravan/storage/test-databases';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';
import { startRecordingProxy, type RecordingProxy } from './test-support/recording-proxy.ts';

type Params = Record<string, unknown>;

/** The calls every SDK offers, and a flush that resolves when all were sent. */
interface Sdk {
  identify(p: Params): void;
  group(p: Params): void;
  track(p: Params): void;
  page(p: Params): void;
  screen(p: Params): void;
  alias(p: Params): void;
  flush(): Promise<void>;
}

interface LegacyAnalytics extends Omit<Sdk, 'flush'> {
  flush(callback: (error?: Error) => void): void;
}
type LegacyConstructor = new (writeKey: string, options: Params) => LegacyAnalytics;

const require = createRequire(import.meta.url);

const sdks: ReadonlyArray<[string, (host: string, writeKey: string) => Sdk]> = [
  [
    '@segment/analytics-node',
    (host, writeKey) => {
      const a = new SegmentAnalytics({ writeKey, host, flushInterval: 50 });
      const on = a as unknown as Record<string, (p: Params) => void>;
      return {
        identify: (p) => on.identify?.call(a, p),
        group: (p) => on.group?.call(a, p),
        track: (p) => on.track?.call(a, p),
        page: (p) => on.page?.call(a, p),
        screen: (p) => on.screen?.call(a, p),
        alias: (p) => on.alias?.call(a, p),
        flush: () => a.closeAndFlush({ timeout: 10_000 }),
      };
    },
  ],
  [
    'analytics-node',
    (host, writeKey) => {
      const Legacy = require('analytics-node') as LegacyConstructor;
      const a = new Legacy(writeKey, { host, flushInterval: 50 });
      return {
        identify: (p) => a.identify(p),
        group: (p) => a.group(p),
        track: (p) => a.track(p),
        page: (p) => a.page(p),
        screen: (p) => a.screen(p),
        alias: (p) => a.alias(p),
        flush: () => new Promise((resolve, reject) => a.flush((e) => (e ? reject(e) : resolve()))),
      };
    },
  ],
  [
    '@rudderstack/rudder-sdk-node',
    (dataPlaneUrl, writeKey) => {
      const a = new RudderAnalytics(writeKey, { dataPlaneUrl, flushInterval: 50 });
      const on = a as unknown as Record<string, (p: Params) => void>;
      return {
        identify: (p) => on.identify?.call(a, p),
        group: (p) => on.group?.call(a, p),
        track: (p) => on.track?.call(a, p),
        page: (p) => on.page?.call(a, p),
        screen: (p) => on.screen?.call(a, p),
        alias: (p) => on.alias?.call(a, p),
        flush: async () => {
          await a.flush();
        },
      };
    },
  ],
];

describe.each(testDialects)('real SDKs against the listening server on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;
  let writeKey: string;
  let proxy: RecordingProxy;

  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    manager = (await t.signIn('manager')).client;
    const admin = (await t.signIn('admin')).client;
    writeKey = (await admin.post('/api-keys', { name: 'CDP', role: 'manager' })).body.key;
    const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
    proxy = await startRecordingProxy(address);
  });
  afterAll(async () => {
    await proxy.close();
    await t.close();
  });

  it.each(sdks)(
    '%s with only a host and a write key: identify, group, track, page, screen and alias are stored, a retried batch adds nothing',
    async (name, create) => {
      const tag = name.replace(/[^a-z]/g, '');
      const user = `u-${tag}`;
      const sdk = create(proxy.url, writeKey);
      const before = proxy.requests.length;
      sdk.identify({
        userId: user,
        anonymousId: `anon-${tag}`,
        traits: { email: `x-${tag}@example.com`, name: 'Ada Lovelace', title: 'Engineer' },
      });
      sdk.group({
        userId: user,
        groupId: `g-${tag}`,
        traits: { name: `Initech ${tag}`, employees: '1200', industry: 'Software' },
      });
      sdk.track({ userId: user, event: 'Demo Requested', properties: { plan: 'pro' } });
      sdk.page({
        userId: user,
        name: 'Pricing',
        properties: { url: 'https://initech.example/pricing' },
      });
      sdk.screen({ userId: user, name: 'Dashboard' });
      sdk.alias({ userId: user, previousId: `old-${tag}` });
      sdk.track({ userId: `old-${tag}`, event: 'Trial Started' });
      await sdk.flush();

      const sent = proxy.requests.slice(before);
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.every((r) => r.path === '/v1/batch' && r.status === 200)).toBe(true);

      const people = await manager.get(`/people?search=x-${tag}@example.com`);
      expect(people.body.items).toHaveLength(1);
      const person = people.body.items[0];
      expect(person).toMatchObject({
        externalId: user,
        firstName: 'Ada',
        lastName: 'Lovelace',
        jobTitle: 'Engineer',
      });
      const accounts = await manager.get(`/accounts?search=Initech ${tag}`);
      expect(accounts.body.items[0]).toMatchObject({
        externalId: `g-${tag}`,
        employees: 1200,
        industry: 'Software',
      });
      const activities = await listActivities(t.database.db, { personId: person.id, limit: 50 });
      const ingested = activities.filter((a) => !a.type.startsWith('person'));
      expect(ingested.map((a) => a.type).sort()).toEqual([
        'Demo Requested',
        'Trial Started',
        'screenViewed',
        'webPageVisited',
      ]);
      expect(ingested.find((a) => a.type === 'webPageVisited')?.properties).toMatchObject({
        name: 'Pricing',
        url: 'https://initech.example/pricing',
      });
      expect(ingested.every((a) => a.accountId === accounts.body.items[0].id)).toBe(true);

      for (const request of sent) {
        const again = await proxy.replay(request);
        expect(again.status).toBe(200);
        expect(again.body).toMatchObject({ accepted: 0, pending: 0, rejected: [] });
      }
      const after = await listActivities(t.database.db, { personId: person.id, limit: 50 });
      expect(after).toHaveLength(activities.length);
    },
  );

  it('decompresses RudderStack’s gzip body sent as application/x-www-form-urlencoded', () => {
    const rudder = proxy.requests.find((r) => r.headers['content-encoding'] === 'gzip');
    expect(rudder?.status).toBe(200);
  });
});
