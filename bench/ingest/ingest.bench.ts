/**
 * `npm run bench:ingest [-- --quick]`: Segment-spec ingestion end to end through the real
 * `@segment/analytics-node` SDK (only `host` and a write key, and `maxEventsInBatch` set so that a
 * batch is just under the 500 KB limit), next to the same events through the native
 * `POST /events` (1,000 a request) and the raw rate of inserting them as activities
 * (`recordActivities`, 1,000 a transaction), on SQLite and PostgreSQL, against a real server
 * listening on loopback. 20,000 track events by 500 people at 50 accounts (`--quick`: 2,000).
 * Reports events/s, the SDK's request attempts and retries, and the slowest request.
 * PostgreSQL: CARAVAN_BENCH_POSTGRES_URL, or a throw-away server started like the test suite's.
 * Prints JSON (for tooling) and a table (for docs/benchmarks.md).
 */
import { Analytics } from '@segment/analytics-node';
import type { TestProject } from 'vitest/node';
import type { DialectName } from '@caravan/storage/database';
import { recordActivities, type NewActivity } from '@caravan/storage/activity.repository';
import { startTestApp, type TestApp } from '@caravan/server/test-support/test-app';
import startPostgres from '../../test/postgres.global-setup.ts';

const quick = process.argv.includes('--quick');
const eventCount = quick ? 2_000 : 20_000;
const peopleCount = 500;
const accountCount = 50;
/**
 * Events per SDK batch: what fits in 500 KB. The SDK's own 480 KB check counts each event
 * before it adds its context, so left unbounded it sends ~800 KB bodies here (~410 bytes an
 * event on the wire), which any Segment-spec server answers 413.
 */
const maxEventsInBatch = 1_150;

interface Measurement {
  dialect: DialectName;
  events: number;
  sdkSeconds: number;
  sdkEventsPerSecond: number;
  sdkRequests: number;
  sdkRetries: number;
  sdkSlowestRequestSeconds: number;
  nativeSeconds: number;
  nativeEventsPerSecond: number;
  rawEventsPerSecond: number;
  /** SDK rate divided by the native rate (target ≥ 0.8). */
  sdkToNative: number;
  stored: number;
}

const userOf = (i: number) => `user-${i % peopleCount}`;
const properties = (i: number) => ({
  plan: i % 2 ? 'pro' : 'team',
  url: `https://example.com/pricing/${i % 17}`,
  value: i,
});

async function seed(t: TestApp, key: string): Promise<void> {
  const batch: unknown[] = [];
  for (let p = 0; p < peopleCount; p += 1) {
    batch.push({
      type: 'identify',
      userId: userOf(p),
      traits: { email: `person-${p}@bench.example`, name: `Person ${p}` },
    });
    batch.push({
      type: 'group',
      userId: userOf(p),
      groupId: `account-${p % accountCount}`,
      traits: { name: `Account ${p % accountCount}` },
    });
  }
  const answer = await t.app.inject({
    method: 'POST',
    url: '/v1/batch',
    headers: { authorization: `Bearer ${key}` },
    payload: { batch },
  });
  if (answer.json().rejected.length > 0) throw new Error(answer.body);
}

async function throughSdk(host: string, writeKey: string) {
  const analytics = new Analytics({
    writeKey,
    host,
    maxEventsInBatch,
    flushInterval: 200,
  });
  let requests = 0;
  let retries = 0;
  const started = new Map<string, number>();
  let slowest = 0;
  analytics.on('http_request', (r) => {
    requests += 1;
    if ((r.headers as Record<string, string>)['X-Retry-Count']) retries += 1;
    started.set(r.body, performance.now());
  });
  analytics.on('http_response', (r) => {
    const at = started.get(r.body);
    if (at !== undefined) slowest = Math.max(slowest, (performance.now() - at) / 1000);
  });
  const begin = performance.now();
  for (let i = 0; i < eventCount; i += 1) {
    analytics.track({ userId: userOf(i), event: 'Pricing Viewed', properties: properties(i) });
  }
  await analytics.closeAndFlush({ timeout: 600_000 });
  return { seconds: (performance.now() - begin) / 1000, requests, retries, slowest };
}

async function throughNative(base: string, key: string) {
  const begin = performance.now();
  const requests: Array<Promise<unknown>> = [];
  for (let start = 0; start < eventCount; start += 1000) {
    const events = [];
    for (let i = start; i < Math.min(eventCount, start + 1000); i += 1) {
      events.push({
        messageId: `native-${i}`,
        type: 'Pricing Viewed (native)',
        personExternalId: userOf(i),
        properties: properties(i),
      });
    }
    requests.push(
      fetch(`${base}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events }),
      }).then(async (r) => {
        if (r.status !== 202) throw new Error(`native ${r.status}: ${await r.text()}`);
      }),
    );
    // Two requests in flight, as the SDK may have.
    if (requests.length >= 2) await requests.shift();
  }
  await Promise.all(requests);
  return (performance.now() - begin) / 1000;
}

async function rawRate(t: TestApp): Promise<number> {
  const people = await t.database.db
    .selectFrom('account_memberships')
    .select(['account_id', 'person_id'])
    .execute();
  const now = t.clock.now();
  const activities: NewActivity[] = Array.from({ length: eventCount }, (_, i) => {
    const m = people[i % people.length];
    return {
      id: crypto.randomUUID(),
      type: 'Pricing Viewed (raw)',
      accountId: m?.account_id ?? '',
      personId: m?.person_id ?? null,
      occurredAt: now,
      receivedAt: now,
      messageId: `raw-${i}`,
      properties: properties(i),
    };
  });
  const begin = performance.now();
  for (let start = 0; start < activities.length; start += 1000) {
    await t.database.db
      .transaction()
      .execute((trx) => recordActivities(trx, activities.slice(start, start + 1000)));
  }
  return eventCount / ((performance.now() - begin) / 1000);
}

async function measure(dialect: DialectName, postgresUrl: string): Promise<Measurement> {
  const t = await startTestApp(dialect, postgresUrl);
  try {
    const admin = (await t.signIn('admin')).client;
    const key = (await admin.post('/api-keys', { name: 'Bench', role: 'manager' })).body.key;
    await seed(t, key);
    const base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const sdk = await throughSdk(base, key);
    const nativeSeconds = await throughNative(base, key);
    const rawEventsPerSecond = await rawRate(t);
    const stored = await t.database.db
      .selectFrom('activities')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('type', '=', 'Pricing Viewed')
      .executeTakeFirstOrThrow();
    const sdkRate = eventCount / sdk.seconds;
    const nativeRate = eventCount / nativeSeconds;
    return {
      dialect,
      events: eventCount,
      sdkSeconds: Number(sdk.seconds.toFixed(2)),
      sdkEventsPerSecond: Math.round(sdkRate),
      sdkRequests: sdk.requests,
      sdkRetries: sdk.retries,
      sdkSlowestRequestSeconds: Number(sdk.slowest.toFixed(2)),
      nativeSeconds: Number(nativeSeconds.toFixed(2)),
      nativeEventsPerSecond: Math.round(nativeRate),
      rawEventsPerSecond: Math.round(rawEventsPerSecond),
      sdkToNative: Number((sdkRate / nativeRate).toFixed(2)),
      stored: Number(stored.n),
    };
  } finally {
    await t.close();
  }
}

async function postgresServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const external = process.env.CARAVAN_BENCH_POSTGRES_URL;
  if (external) return { url: external, stop: async () => {} };
  let url = '';
  const project = { provide: (_key: string, value: string) => (url = value) };
  const stop = await startPostgres(project as unknown as TestProject);
  return { url, stop };
}

function printTable(results: readonly Measurement[]): void {
  const lines = [
    '| Database | Events | SDK events/s | SDK requests (retries) | Slowest request | Native events/s | Raw insert events/s | SDK ÷ native |',
    '| --- | --: | --: | --: | --: | --: | --: | --: |',
    ...results.map(
      (r) =>
        `| ${r.dialect} | ${r.events} | ${r.sdkEventsPerSecond} | ${r.sdkRequests} (${r.sdkRetries}) | ${r.sdkSlowestRequestSeconds} s | ${r.nativeEventsPerSecond} | ${r.rawEventsPerSecond} | ${r.sdkToNative} |`,
    ),
  ];
  console.log(lines.join('\n'));
}

async function main(): Promise<void> {
  const postgres = await postgresServer();
  try {
    const results: Measurement[] = [];
    for (const dialect of ['sqlite', 'postgres'] as const) {
      results.push(await measure(dialect, postgres.url));
    }
    console.log(JSON.stringify({ node: process.version, quick, results }, null, 2));
    printTable(results);
  } finally {
    await postgres.stop();
  }
}

await main();
