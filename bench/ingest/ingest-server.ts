/**
 * The server side of `bench:ingest`, run as its own process so that the SDK (in the parent) and
 * the server do not share one event loop: starts an app on a fresh database of the dialect given
 * in argv, seeds people and accounts, listens on loopback and prints `{ base, key }`; then
 * answers commands on stdin, one JSON line each: `raw` (the raw insert rate), `count` (stored
 * SDK, native and plain-HTTP Segment events), `exit`.
 */
import { createInterface } from 'node:readline';
import type { DialectName } from '@caravan/storage/database';
import { recordActivities, type NewActivity } from '@caravan/storage/activity.repository';
import { timeOrderedId } from '@caravan/core/time-ordered-id';
import { startTestApp, type TestApp } from '@caravan/server/test-support/test-app';

const [dialect, postgresUrl = '', events = '20000', people = '500', accounts = '50'] =
  process.argv.slice(2);
const eventCount = Number(events);
const peopleCount = Number(people);
const accountCount = Number(accounts);

export const userOf = (i: number) => `user-${i % peopleCount}`;

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

async function rawRate(t: TestApp): Promise<number> {
  const links = await t.database.db
    .selectFrom('account_memberships')
    .select(['account_id', 'person_id'])
    .execute();
  const now = t.clock.now();
  const activities: NewActivity[] = Array.from({ length: eventCount }, (_, i) => {
    const m = links[i % links.length];
    return {
      id: timeOrderedId(),
      type: 'Pricing Viewed (raw)',
      accountId: m?.account_id ?? '',
      personId: m?.person_id ?? null,
      occurredAt: now,
      receivedAt: now,
      messageId: `raw-${i}`,
      properties: { plan: 'pro', url: `https://example.com/pricing/${i % 17}`, value: i },
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

async function count(t: TestApp, type: string): Promise<number> {
  const row = await t.database.db
    .selectFrom('activities')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('type', '=', type)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const t = await startTestApp(dialect as DialectName, postgresUrl);
const admin = (await t.signIn('admin')).client;
const key = (await admin.post('/api-keys', { name: 'Bench', role: 'manager' })).body.key as string;
await seed(t, key);
const base = await t.app.listen({ host: '127.0.0.1', port: 0 });
console.log(JSON.stringify({ base, key }));
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'raw') console.log(JSON.stringify({ raw: await rawRate(t) }));
  else if (line === 'count') {
    const [sdk, native, segmentHttp] = [
      await count(t, 'Pricing Viewed'),
      await count(t, 'Pricing Viewed (native)'),
      await count(t, 'Pricing Viewed (segment http)'),
    ];
    console.log(JSON.stringify({ sdk, native, segmentHttp }));
  } else if (line === 'exit') break;
}
await t.close();
process.exit(0);
