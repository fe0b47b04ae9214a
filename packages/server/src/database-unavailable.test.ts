/**
 * While PostgreSQL is away (restarting, unreachable) the API answers 503 DATABASE_UNAVAILABLE
 * with Retry-After, never 500 INTERNAL, and /readyz says why; once it is back, the same requests
 * succeed. The app reaches its database through a proxy the test takes down: open connections
 * are reset and new ones refused, which is what clients see during a restart. The restart itself
 * is exercised by packages/engine/src/run/database-restart.test.ts.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ManualClock } from '@caravan/engine/runtime/clock';
import { openDatabase, type Database } from '@caravan/storage/database';
import {
  startOutageProxy,
  type OutageProxy,
} from '@caravan/storage/dialects/postgres/outage-proxy.test-support';
import { createPostgresTestDatabase } from '@caravan/storage/dialects/postgres/test-database';
import { migrateToLatest } from '@caravan/storage/migrate';
import { insertUser } from '@caravan/storage/user.repository';
import { buildApp } from './app.ts';
import { testConfig } from './config.ts';
import { hashPassword } from './password.ts';

describe('the API while PostgreSQL is away', () => {
  let app: FastifyInstance;
  let database: Database;
  let proxy: OutageProxy;
  let drop: () => Promise<void>;
  let cookie: string;
  const credentials = { email: 'admin@example.com', password: 'a-password-1' };

  beforeAll(async () => {
    const scratch = await createPostgresTestDatabase(inject('postgresUrl'));
    drop = scratch.drop;
    proxy = await startOutageProxy(scratch.url);
    database = await openDatabase(proxy.url);
    const migrated = await migrateToLatest(database);
    if (!migrated.ok) throw new Error(migrated.error.message);
    const clock = new ManualClock();
    await insertUser(database.db, {
      id: crypto.randomUUID(),
      email: credentials.email,
      name: 'Admin',
      role: 'admin',
      passwordHash: await hashPassword(credentials.password),
      now: clock.now(),
    });
    const config = testConfig({ webDist: '/nonexistent/caravan-web-dist' });
    app = await buildApp({ config, database, clock });
    await app.ready();
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: credentials,
    });
    const session = login.cookies.find((c) => c.name === 'caravan_session');
    if (!session) throw new Error(`sign-in failed: ${login.body}`);
    cookie = `caravan_session=${session.value}`;
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await proxy?.close();
    await drop?.();
  });

  const listJourneys = () =>
    app.inject({ method: 'GET', url: '/api/v1/journeys', headers: { cookie } });

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After while it is away, and 200 once it is back', async () => {
    expect((await listJourneys()).statusCode).toBe(200);
    await proxy.down();
    try {
      const response = await listJourneys();
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.json().error.code).toBe('DATABASE_UNAVAILABLE');
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/journeys',
        headers: { cookie, origin: 'http://127.0.0.1:3000' },
        payload: { name: 'During the outage' },
      });
      expect(created.statusCode).toBe(503);
    } finally {
      await proxy.up();
    }
    expect((await listJourneys()).statusCode).toBe(200);
  });

  it('answers 503 DATABASE_UNAVAILABLE, not 401, to a sign-in it cannot check', async () => {
    await proxy.down();
    try {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: credentials,
      });
      expect(response.statusCode).toBe(503);
      expect(response.json().error.code).toBe('DATABASE_UNAVAILABLE');
    } finally {
      await proxy.up();
    }
  });

  it('answers 503 NOT_READY on /readyz with the reason while it is away, 200 after', async () => {
    await proxy.down();
    try {
      const ready = await app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.headers['retry-after']).toBe('5');
      expect(ready.json().error).toMatchObject({
        code: 'NOT_READY',
        message: 'The database is not available (restarting or unreachable).',
        details: { reason: 'DATABASE_UNAVAILABLE' },
      });
      // The driver's words (with the host and port) are for the log, not for anonymous callers.
      expect(ready.body).not.toContain('127.0.0.1');
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await proxy.up();
    }
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });
});
