import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createEngineEvents, type EngineEvents } from '@caravan/engine/runtime/engine-events';
import { ManualClock } from '@caravan/engine/runtime/clock';
import { insertApiKey } from '@caravan/storage/api-key.repository';
import type { Database } from '@caravan/storage/database';
import { addCounters, totalsNode } from '@caravan/storage/journey-counter.repository';
import { insertJourney } from '@caravan/storage/journey.repository';
import { openTestDatabase, testDialects } from '@caravan/storage/test-databases';
import { aJourney, aUser } from '@caravan/storage/test-fixtures';
import { buildApp } from './app.ts';
import { testConfig } from './config.ts';
import { hashToken, newApiKey } from './tokens.ts';

const start = new Date('2026-03-02T09:00:00.000Z');

/** The value of one sample line (`name{labels} value`) in a Prometheus text page. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.each(testDialects)('Prometheus /metrics on %s', (dialect) => {
  let database: Database;
  let clock: ManualClock;
  let events: EngineEvents;
  let app: FastifyInstance;
  let bearer: Record<string, string>;
  let journeyId: string;

  beforeAll(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
    clock = new ManualClock(start);
    events = createEngineEvents();
    app = await buildApp({
      config: testConfig({ webDist: '/nonexistent/caravan-web-dist' }),
      database,
      clock,
      events,
    });
    await app.ready();
    const admin = await aUser(database.db, { role: 'admin' });
    const key = newApiKey();
    await insertApiKey(database.db, {
      id: crypto.randomUUID(),
      name: 'prometheus',
      role: 'viewer',
      keyHash: hashToken(key),
      createdBy: admin.id,
      now: start,
    });
    bearer = { authorization: `Bearer ${key}` };
    const journey = await insertJourney(database.db, aJourney(admin.id, { status: 'live' }));
    if (!journey.ok) throw new Error(journey.error.message);
    journeyId = journey.value.id;
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  const scrape = async () => {
    const response = await app.inject({ method: 'GET', url: '/metrics', headers: bearer });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    return response.body;
  };

  it('answers 401 without an API key', async () => {
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('lists every series, at zero before the engine did anything', async () => {
    const text = await scrape();
    for (const name of [
      'caravan_engine_steps_total',
      'caravan_engine_enrollments_processed_total',
      'caravan_accounts_entered_total',
      'caravan_timers_due_lag_seconds',
      'caravan_enrollments_active',
    ]) {
      expect(sample(text, name), name).toBe(0);
    }
    expect(sample(text, 'caravan_messages_total{channel="email",outcome="dead"}')).toBe(0);
    expect(sample(text, 'caravan_accounts_exited_total{reason="aborted"}')).toBe(0);
    expect(sample(text, 'caravan_outbox_depth{status="pending"}')).toBe(0);
  });

  it('counts what the engine reports through its events', async () => {
    events.emit('batch:processed', { enrollments: 10, steps: 25, lagMs: 3 });
    events.emit('batch:processed', { enrollments: 2, steps: 4, lagMs: 0 });
    events.emit('accounts:entered', { journeyId, count: 12 });
    events.emit('accounts:exited', { journeyId, reason: 'completed', count: 3 });
    events.emit('message:sent', { channel: 'email', journeyId });
    events.emit('message:sent', { channel: 'email', journeyId });
    events.emit('message:suppressed', { channel: 'sms', journeyId, reason: 'consent' });
    events.emit('message:retried', { channel: 'webhook', journeyId, error: '503' });
    events.emit('message:dead', { channel: 'webhook', journeyId, error: '503' });
    const text = await scrape();
    expect(sample(text, 'caravan_engine_steps_total')).toBe(29);
    expect(sample(text, 'caravan_engine_enrollments_processed_total')).toBe(12);
    expect(sample(text, 'caravan_accounts_entered_total')).toBe(12);
    expect(sample(text, 'caravan_accounts_exited_total{reason="completed"}')).toBe(3);
    expect(sample(text, 'caravan_messages_total{channel="email",outcome="sent"}')).toBe(2);
    expect(sample(text, 'caravan_messages_total{channel="sms",outcome="suppressed"}')).toBe(1);
    expect(sample(text, 'caravan_messages_total{channel="webhook",outcome="retried"}')).toBe(1);
    expect(sample(text, 'caravan_messages_total{channel="webhook",outcome="dead"}')).toBe(1);
  });

  it('samples timer lag, outbox depth and active passes at scrape time', async () => {
    await database.db
      .insertInto('enrollments')
      .values({
        journey_id: journeyId,
        account_id: crypto.randomUUID(),
        pass: 1,
        status: 'active',
        node_id: 'audience',
        phase: 'wait',
        due_at: new Date(start.getTime() - 90_000).toISOString(),
        entered_at: start.toISOString(),
        node_entered_at: start.toISOString(),
        ended_at: null,
        end_reason: null,
        state: '{}',
      })
      .execute();
    await addCounters(database.db, [
      { journeyId, nodeId: totalsNode, counter: 'active', delta: 1 },
    ]);
    for (const [n, status] of ['pending', 'sending', 'dead', 'dead', 'sent'].entries()) {
      await database.db
        .insertInto('outbox')
        .values({
          idempotency_key: `k${n}`,
          channel: 'email',
          journey_id: journeyId,
          payload: '{}',
          status,
          created_at: start.toISOString(),
        })
        .execute();
    }
    const text = await scrape();
    expect(sample(text, 'caravan_timers_due_lag_seconds')).toBe(90);
    expect(sample(text, 'caravan_enrollments_active')).toBe(1);
    expect(sample(text, 'caravan_outbox_depth{status="pending"}')).toBe(1);
    expect(sample(text, 'caravan_outbox_depth{status="sending"}')).toBe(1);
    expect(sample(text, 'caravan_outbox_depth{status="dead"}')).toBe(2);
  });
});
