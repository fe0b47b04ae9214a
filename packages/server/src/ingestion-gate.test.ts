/**
 * Saturation: batches pass the ingestion gate one at a time, and a request whose estimated wait
 * is too long is answered at once 429 INGESTION_BUSY with Retry-After (which the SDKs retry)
 * instead of being held past the SDKs' 10 s timeout.
 */
import { describe, expect, inject, it } from 'vitest';
import { listActivities } from '@caravan/storage/activity.repository';
import { testDialects } from '@caravan/storage/test-databases';
import { createIngestionGate, type Admission } from './ingestion-gate.ts';
import { startTestApp } from './test-support/test-app.ts';

/** The turn of an admitted request (fails the test when it was refused). */
function turnOf(admission: Admission): Promise<() => void> {
  if (!admission.admitted) throw new Error('refused');
  return admission.turn;
}

describe('the ingestion gate', () => {
  it('lets one batch run at a time and the waiting ones in their order of arrival', async () => {
    const gate = createIngestionGate({ waiting: 8, maxWaitMs: 6_000 });
    const order: string[] = [];
    const first = await turnOf(gate.enter());
    const second = turnOf(gate.enter()).then((release) => (order.push('second'), release));
    const third = turnOf(gate.enter()).then((release) => (order.push('third'), release));
    await Promise.resolve();
    expect(order).toEqual([]);
    first();
    (await second)();
    (await third)();
    expect(order).toEqual(['second', 'third']);
    expect(gate.enter().admitted).toBe(true);
  });

  it('refuses at once when the waiting places are taken', async () => {
    const gate = createIngestionGate({ waiting: 1, maxWaitMs: 6_000 });
    const running = await turnOf(gate.enter());
    const waiting = turnOf(gate.enter());
    expect(gate.enter()).toEqual({ admitted: false, retryAfterSeconds: 1 });
    running();
    (await waiting)();
  });

  it('refuses when recent batch durations put the wait past the limit, saying how long to wait', async () => {
    let ms = 0;
    const gate = createIngestionGate({ waiting: 64, maxWaitMs: 6_000 }, () => ms);
    // Batches of 3.5 s: the second waits 3.5 s, the third would wait 7 s (running + waiting).
    for (let i = 0; i < 2; i += 1) {
      const release = await turnOf(gate.enter());
      ms += 3_500;
      release();
    }
    const running = await turnOf(gate.enter());
    const waiting = turnOf(gate.enter());
    expect(gate.enter()).toEqual({ admitted: false, retryAfterSeconds: 7 });
    running();
    (await waiting)();
    expect(gate.enter().admitted).toBe(true);
  });

  it('weighs the wait by the calls ahead, at the recent cost per call', async () => {
    let ms = 0;
    const gate = createIngestionGate({ waiting: 64, maxWaitMs: 6_000 }, () => ms);
    // 1,000 calls in 8 s: 8 ms a call.
    const seed = await turnOf(gate.enter(1_000));
    ms += 8_000;
    seed();
    const running = await turnOf(gate.enter(500));
    // 500 calls ahead: 4 s.
    const large = gate.enter(300);
    expect(large.admitted).toBe(true);
    // 800 calls ahead: 6.4 s.
    expect(gate.enter(10)).toEqual({ admitted: false, retryAfterSeconds: 7 });
    running();
    (await turnOf(large))();
  });

  it('prices events and identity calls apart: a slow batch of identify calls does not refuse the event batches after it', async () => {
    let ms = 0;
    const gate = createIngestionGate({ waiting: 64, maxWaitMs: 6_000 }, () => ms);
    // 1,000 identify and group calls in 3.5 s; then 1,150 events in 0.1 s.
    const identities = await turnOf(gate.enter({ events: 0, identities: 1_000 }));
    ms += 3_500;
    identities();
    // No batch of events yet: theirs is not priced at an identify call's cost.
    const first = await turnOf(gate.enter(1_150));
    const burst = Array.from({ length: 16 }, () => gate.enter(1_150));
    expect(burst.every((a) => a.admitted)).toBe(true);
    ms += 100;
    first();
    for (const admission of burst) {
      const release = await turnOf(admission);
      ms += 100;
      release();
    }
    const events = await turnOf(gate.enter({ events: 1_150, identities: 0 }));
    ms += 100;
    events();
    const running = await turnOf(gate.enter(1_150));
    const waiting = Array.from({ length: 16 }, () => gate.enter(1_150));
    // 17 batches of events ahead of the last: about 1.7 s, not 17 × 1,150 × 1.7 ms.
    expect(waiting.every((a) => a.admitted)).toBe(true);
    // Identity calls still weigh at their own cost: 1,300 of them ahead add 4.55 s.
    const identify = gate.enter({ events: 0, identities: 1_300 });
    expect(identify.admitted).toBe(true);
    expect(gate.enter({ events: 10, identities: 0 })).toEqual({
      admitted: false,
      retryAfterSeconds: 7,
    });
    running();
    for (const admission of [...waiting, identify]) (await turnOf(admission))();
  });
});

describe.each(testDialects)('a saturated ingestion on %s', (dialect) => {
  it('answers 429 INGESTION_BUSY with Retry-After on the Segment and native routes, storing nothing', async () => {
    const gate = createIngestionGate({ waiting: 0, maxWaitMs: 6_000 });
    const t = await startTestApp(dialect, inject('postgresUrl'), {}, { ingestionGate: gate });
    try {
      const admin = (await t.signIn('admin')).client;
      const key = (await admin.post('/api-keys', { name: 'CDP', role: 'manager' })).body.key;
      const account = (await admin.post('/accounts', { name: 'Acme', externalId: 'acme' })).body;
      const headers = { authorization: `Bearer ${key}` };
      const held = await turnOf(gate.enter());
      const segment = await t.app.inject({
        method: 'POST',
        url: '/v1/batch',
        headers,
        payload: {
          batch: [{ type: 'track', userId: 'u', event: 'e', context: { groupId: 'acme' } }],
        },
      });
      const native = await t.app.inject({
        method: 'POST',
        url: '/api/v1/events',
        headers,
        payload: { events: [{ messageId: 'n-1', type: 'e', accountExternalId: 'acme' }] },
      });
      for (const answer of [segment, native]) {
        expect(answer.statusCode).toBe(429);
        expect(answer.json().error.code).toBe('INGESTION_BUSY');
        expect(answer.headers['retry-after']).toBe('1');
      }
      held();
      expect(await listActivities(t.database.db, { accountId: account.id, limit: 10 })).toEqual([]);
      const retried = await t.app.inject({
        method: 'POST',
        url: '/api/v1/events',
        headers,
        payload: { events: [{ messageId: 'n-1', type: 'e', accountExternalId: 'acme' }] },
      });
      expect(retried.statusCode).toBe(202);
    } finally {
      await t.close();
    }
  });
});
