/**
 * `npm run bench:ingest [-- --quick]`: Segment-spec ingestion end to end through the real
 * `@segment/analytics-node` SDK (only `host` and a write key, and `maxEventsInBatch` set so that a
 * batch is just under the 500 KB limit), next to the same events through the native
 * `POST /events` (1,000 a request) and the raw rate of inserting them as activities
 * (`recordActivities`, 1,000 a transaction), on SQLite and PostgreSQL, against a real server
 * listening on loopback in its own process (`ingest-server.ts`), so that the SDK and the server
 * do not share an event loop. 20,000 track events by 500 people at 50 accounts (`--quick`: 2,000).
 * Reports events/s, the SDK's request attempts and retries, and the slowest request; and the SDK's
 * own ceiling: the same events sent to a no-op server (its own process, answering 200 at once);
 * and the Segment route without the SDK: the SDK's bodies posted by plain HTTP, two in flight
 * like the native run, so that the server's Segment path is compared with its native path apart
 * from the client library's cost (`@segment/analytics-node` 3.1 has no gzip option: its bodies
 * are plain JSON). Every run checks that each path stored all its events exactly once.
 * PostgreSQL: CARAVAN_BENCH_POSTGRES_URL, or a throw-away server started like the test suite's.
 * Prints JSON (for tooling) and a table (for docs/benchmarks.md).
 */
import { Analytics } from '@segment/analytics-node';
import type { TestProject } from 'vitest/node';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { DialectName } from '@caravan/storage/database';
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
  /** Native requests answered 429 and sent again. */
  nativeRetries: number;
  rawEventsPerSecond: number;
  /** The SDK's bodies posted to the Segment route by plain HTTP: the server's side alone. */
  segmentHttpEventsPerSecond: number;
  segmentHttpRetries: number;
  /** SDK rate divided by the native rate (target ≥ 0.8). */
  sdkToNative: number;
  /** Segment route without the SDK divided by the native rate. */
  segmentHttpToNative: number;
  /** The SDK's rate against a server that does nothing: the most the SDK path can reach. */
  sdkNoopEventsPerSecond: number;
  stored: number;
}

const userOf = (i: number) => `user-${i % peopleCount}`;
const properties = (i: number) => ({
  plan: i % 2 ? 'pro' : 'team',
  url: `https://example.com/pricing/${i % 17}`,
  value: i,
});

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

let nativeRetries = 0;

/** One native request, retried after `Retry-After` on 429 as the SDKs do. */
async function postNative(base: string, key: string, body: string): Promise<void> {
  for (;;) {
    const r = await fetch(`${base}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body,
    });
    if (r.status === 202) return;
    if (r.status !== 429) throw new Error(`native ${r.status}: ${await r.text()}`);
    nativeRetries += 1;
    await new Promise((resolve) =>
      setTimeout(resolve, Number(r.headers.get('retry-after')) * 1000),
    );
  }
}

let segmentHttpRetries = 0;

/** One Segment batch by plain HTTP, retried after `Retry-After` on 429 as the SDKs do. */
async function postSegment(base: string, key: string, body: string): Promise<void> {
  const authorization = `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
  for (;;) {
    const r = await fetch(`${base}/v1/batch`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body,
    });
    if (r.status === 200) return;
    if (r.status !== 429) throw new Error(`segment ${r.status}: ${await r.text()}`);
    segmentHttpRetries += 1;
    await new Promise((resolve) =>
      setTimeout(resolve, Number(r.headers.get('retry-after')) * 1000),
    );
  }
}

/**
 * The same events as the SDK sends them (its body format, `maxEventsInBatch` a batch) posted to
 * the Segment route by plain HTTP, two requests in flight like the native run: what the server's
 * Segment path costs without the client library's own cost.
 */
async function throughSegmentHttp(base: string, key: string) {
  const bodies: string[] = [];
  for (let start = 0; start < eventCount; start += maxEventsInBatch) {
    const batch = [];
    for (let i = start; i < Math.min(eventCount, start + maxEventsInBatch); i += 1) {
      batch.push({
        timestamp: new Date().toISOString(),
        integrations: {},
        event: 'Pricing Viewed (segment http)',
        type: 'track',
        properties: properties(i),
        context: { library: { name: '@segment/analytics-node', version: '3.1.0' } },
        userId: userOf(i),
        messageId: `node-next-${Date.now()}-${crypto.randomUUID()}`,
        _metadata: { nodeVersion: process.versions.node, jsRuntime: 'node' },
      });
    }
    bodies.push(JSON.stringify({ batch, sentAt: new Date().toISOString() }));
  }
  const begin = performance.now();
  const requests: Array<Promise<unknown>> = [];
  for (const body of bodies) {
    requests.push(postSegment(base, key, body));
    if (requests.length >= 2) await requests.shift();
  }
  await Promise.all(requests);
  return (performance.now() - begin) / 1000;
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
    requests.push(postNative(base, key, JSON.stringify({ events })));
    // Two requests in flight, as the SDK may have.
    if (requests.length >= 2) await requests.shift();
  }
  await Promise.all(requests);
  return (performance.now() - begin) / 1000;
}

/** The server in its own process (`ingest-server.ts`), driven by JSON lines. */
async function startServer(dialect: DialectName, postgresUrl: string) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(dirname(fileURLToPath(import.meta.url)), 'ingest-server.ts'),
      dialect,
      postgresUrl,
      String(eventCount),
      String(peopleCount),
      String(accountCount),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async <T>(): Promise<T> => {
    const line = await lines.next();
    if (line.done) throw new Error('the bench server stopped');
    return JSON.parse(line.value) as T;
  };
  const ask = <T>(command: string) => {
    child.stdin.write(`${command}\n`);
    return next<T>();
  };
  const { base, key } = await next<{ base: string; key: string }>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const exit = async () => {
    child.stdin.write('exit\n');
    await exited;
  };
  return { base, key, ask, exit };
}

/** A server that reads each body and answers 200 `{ success: true }`, in its own process. */
const noopServerSource = `
const server = require('node:http').createServer((request, response) => {
  request.on('data', () => {});
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"success":true}');
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.stdin.on('data', () => process.exit(0));
`;

/** Events/s of the SDK alone: the same events sent to the no-op server. */
async function sdkCeiling(): Promise<number> {
  const child = spawn(process.execPath, ['-e', noopServerSource], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const port = (await lines.next()).value as string;
  try {
    const { seconds } = await throughSdk(`http://127.0.0.1:${port}`, 'noop');
    return eventCount / seconds;
  } finally {
    child.stdin.write('exit\n');
  }
}

async function measure(dialect: DialectName, postgresUrl: string): Promise<Measurement> {
  const server = await startServer(dialect, postgresUrl);
  try {
    const sdk = await throughSdk(server.base, server.key);
    nativeRetries = 0;
    const nativeSeconds = await throughNative(server.base, server.key);
    segmentHttpRetries = 0;
    const segmentHttpSeconds = await throughSegmentHttp(server.base, server.key);
    const { raw } = await server.ask<{ raw: number }>('raw');
    const noop = await sdkCeiling();
    const stored = await server.ask<{ sdk: number; native: number; segmentHttp: number }>('count');
    if (
      stored.sdk !== eventCount ||
      stored.native !== eventCount ||
      stored.segmentHttp !== eventCount
    ) {
      throw new Error(`stored ${JSON.stringify(stored)}, not ${eventCount} of each`);
    }
    const segmentHttpRate = eventCount / segmentHttpSeconds;
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
      nativeRetries,
      rawEventsPerSecond: Math.round(raw),
      segmentHttpEventsPerSecond: Math.round(segmentHttpRate),
      segmentHttpRetries,
      sdkToNative: Number((sdkRate / nativeRate).toFixed(2)),
      segmentHttpToNative: Number((segmentHttpRate / nativeRate).toFixed(2)),
      sdkNoopEventsPerSecond: Math.round(noop),
      stored: stored.sdk,
    };
  } finally {
    await server.exit();
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
    '| Database | Events | SDK events/s | SDK requests (retries) | Slowest request | Native events/s (retries) | Raw insert events/s | SDK ÷ native | SDK vs no-op server events/s | Segment route, no SDK, events/s (retries) | Segment route ÷ native |',
    '| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |',
    ...results.map(
      (r) =>
        `| ${r.dialect} | ${r.events} | ${r.sdkEventsPerSecond} | ${r.sdkRequests} (${r.sdkRetries}) | ${r.sdkSlowestRequestSeconds} s | ${r.nativeEventsPerSecond} (${r.nativeRetries}) | ${r.rawEventsPerSecond} | ${r.sdkToNative} | ${r.sdkNoopEventsPerSecond} | ${r.segmentHttpEventsPerSecond} (${r.segmentHttpRetries}) | ${r.segmentHttpToNative} |`,
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
