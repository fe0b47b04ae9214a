/**
 * Where a Segment batch's time goes next to a native one, in process (`app.inject`, no HTTP, no
 * SDK): `node --import tsx bench/ingest/ingest-profile.ts <sqlite|postgres> [both|segment|native]
 * [events] [native-first]`. Posts the SDK's body format (1,150 tracks a batch) to `/v1/batch` and
 * the same events to `POST /events` (1,000 a request), one request at a time, and prints each
 * path's events/s, the time per request and every statement's summed time (by its SQL text, timed
 * around Kysely's executor; COMMIT is not a query there). PROF=<path prefix> also writes a CPU
 * profile of each path (`<prefix>-segment.cpuprofile`). PostgreSQL: a throw-away server started
 * like the test suite's. A tool for looking, not a benchmark: bench:ingest has the numbers.
 */
import { DefaultQueryExecutor } from 'kysely';
import type { TestProject } from 'vitest/node';
import startPostgres from '../../test/postgres.global-setup.ts';
import { startTestApp } from '@caravan/server/test-support/test-app';
import type { DialectName } from '@caravan/storage/database';

const dialect = (process.argv[2] ?? 'postgres') as DialectName;
const only = process.argv[3] ?? 'both';
const eventCount = Number(process.argv[4] ?? 20000);
const peopleCount = 500,
  accountCount = 50,
  perSdk = 1150;
const stats = new Map<string, { n: number; ms: number }>();
let enabled = false;
const proto = DefaultQueryExecutor.prototype as unknown as {
  executeQuery: (...a: unknown[]) => Promise<unknown>;
};
const orig = proto.executeQuery;
proto.executeQuery = async function (this: unknown, ...args: unknown[]) {
  const t0 = performance.now();
  try {
    return await orig.apply(this, args);
  } finally {
    if (enabled) {
      const sqlText = (args[0] as { sql: string }).sql
        .replace(/\$\d+/g, '?')
        .replace(/(\?, )+\?/g, '?…')
        .replace(/\(\?…\)(, \(\?…\))+/g, '(?…)…')
        .slice(0, 160);
      const s = stats.get(sqlText) ?? { n: 0, ms: 0 };
      s.n += 1;
      s.ms += performance.now() - t0;
      stats.set(sqlText, s);
    }
  }
};
let url = '';
let stop = async () => {};
if (dialect === 'postgres') {
  stop = await startPostgres({
    provide: (_k: string, v: string) => (url = v),
  } as unknown as TestProject);
}
const t = await startTestApp(dialect, url);
const admin = (await t.signIn('admin')).client;
const key = (await admin.post('/api-keys', { name: 'Bench', role: 'manager' })).body.key as string;
const userOf = (i: number) => `user-${i % peopleCount}`;
const seed: unknown[] = [];
for (let p = 0; p < peopleCount; p++) {
  seed.push({
    type: 'identify',
    userId: userOf(p),
    traits: { email: `person-${p}@bench.example`, name: `Person ${p}` },
  });
  seed.push({
    type: 'group',
    userId: userOf(p),
    groupId: `account-${p % accountCount}`,
    traits: { name: `Account ${p % accountCount}` },
  });
}
const seedT0 = performance.now();
const s0 = await t.app.inject({
  method: 'POST',
  url: '/v1/batch',
  headers: { authorization: `Bearer ${key}` },
  payload: { batch: seed },
});
if (s0.json().rejected.length) throw new Error(s0.body);
console.log(`seed ${seed.length} identity calls: ${(performance.now() - seedT0).toFixed(0)} ms`);
const properties = (i: number) => ({
  plan: i % 2 ? 'pro' : 'team',
  url: `https://example.com/pricing/${i % 17}`,
  value: i,
});
const sdkBodies: string[] = [];
for (let start = 0; start < eventCount; start += perSdk) {
  const batch = [];
  for (let i = start; i < Math.min(eventCount, start + perSdk); i++) {
    batch.push({
      timestamp: new Date().toISOString(),
      integrations: {},
      event: 'Pricing Viewed',
      type: 'track',
      properties: properties(i),
      context: { library: { name: '@segment/analytics-node', version: '3.1.0' } },
      userId: userOf(i),
      messageId: `node-next-${Date.now()}-${crypto.randomUUID()}`,
      _metadata: { nodeVersion: 'v20.20.2', jsRuntime: 'node' },
    });
  }
  sdkBodies.push(JSON.stringify({ batch, sentAt: new Date().toISOString() }));
}
const nativeBodies: string[] = [];
for (let start = 0; start < eventCount; start += 1000) {
  const events = [];
  for (let i = start; i < Math.min(eventCount, start + 1000); i++)
    events.push({
      messageId: `native-${i}`,
      type: 'Pricing Viewed (native)',
      personExternalId: userOf(i),
      properties: properties(i),
    });
  nativeBodies.push(JSON.stringify({ events }));
}
const basic = `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
async function run(name: string, bodies: string[], url: string, auth: string) {
  stats.clear();
  const session = process.env.PROF
    ? new (await import('node:inspector/promises')).Session()
    : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  enabled = true;
  const perReq: number[] = [];
  const begin = performance.now();
  for (const body of bodies) {
    const t0 = performance.now();
    const r = await t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: auth, 'content-type': 'application/json' },
      payload: body,
    });
    perReq.push(performance.now() - t0);
    if (r.statusCode >= 300) throw new Error(`${r.statusCode} ${r.body.slice(0, 300)}`);
  }
  const total = performance.now() - begin;
  enabled = false;
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    (await import('node:fs')).writeFileSync(
      `${process.env.PROF}-${name}.cpuprofile`,
      JSON.stringify(profile),
    );
    session.disconnect();
  }
  const dbms = [...stats.values()].reduce((a, s) => a + s.ms, 0);
  console.log(
    `\n== ${name} ${dialect}: ${eventCount} events ${total.toFixed(0)} ms = ${Math.round(eventCount / (total / 1000))} ev/s; db ${dbms.toFixed(0)} ms; per request ms ${perReq.map((x) => x.toFixed(0)).join(' ')}`,
  );
  for (const [sqlText, s] of [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25))
    console.log(`${s.ms.toFixed(0).padStart(7)} ms ${String(s.n).padStart(5)}× ${sqlText}`);
}
const order = process.argv[5] === 'native-first' ? ['native', 'segment'] : ['segment', 'native'];
for (const name of order) {
  if (name === 'segment' && only !== 'native') await run('segment', sdkBodies, '/v1/batch', basic);
  if (name === 'native' && only !== 'segment')
    await run('native', nativeBodies, '/api/v1/events', `Bearer ${key}`);
}
await t.close();
await stop();
process.exit(0);
