/**
 * An in-process app on a fresh database of one dialect, with a manual clock and helpers to
 * sign in as a user of any role. Every API test starts here.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Role, User } from '@caravan/core/user';
import { ManualClock } from '@caravan/engine/runtime/clock';
import type { Database, DialectName } from '@caravan/storage/database';
import { openTestDatabase } from '@caravan/storage/test-databases';
import { insertUser } from '@caravan/storage/user.repository';
import { buildApp, type AppOptions } from '../app.ts';
import { testConfig, type Config } from '../config.ts';
import { hashPassword } from '../password.ts';

export const testStart = new Date('2026-03-02T09:00:00.000Z');
export const testPassword = 'test-password-1';

// Tests read response bodies freely; each assertion states the shape it expects.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyBody = any;

export interface Response<T = AnyBody> {
  status: number;
  body: T;
  headers: LightMyRequestResponse['headers'];
}

/** A caller with fixed headers (a session cookie or a Bearer key, or none). */
export interface Client {
  get<T = AnyBody>(url: string): Promise<Response<T>>;
  post<T = AnyBody>(url: string, body?: unknown): Promise<Response<T>>;
  put<T = AnyBody>(url: string, body?: unknown): Promise<Response<T>>;
  patch<T = AnyBody>(url: string, body?: unknown): Promise<Response<T>>;
  delete<T = AnyBody>(url: string): Promise<Response<T>>;
  /** The credentials it sends, for tests that build raw requests. */
  headers: Record<string, string>;
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  clock: ManualClock;
  /** No credentials at all. */
  anonymous: Client;
  /** Creates a user of `role` and returns a client signed in as them. */
  signIn(role: Role, name?: string): Promise<{ user: User; client: Client }>;
  clientWith(headers: Record<string, string>): Client;
  close(): Promise<void>;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What `app.inject` requests are sent to (its default Host is localhost:80). */
export const testOrigin = 'http://localhost';

function clientFor(app: FastifyInstance, given: Record<string, string>): Client {
  // A signed-in browser sends its page's origin with every request, which CSRF checks demand.
  const headers = given.cookie && !given.origin ? { ...given, origin: testOrigin } : given;
  const call = async (method: Method, url: string, body?: unknown): Promise<Response> => {
    const response = await app.inject({
      method,
      url: url.startsWith('/api/') ? url : `/api/v1${url}`,
      headers,
      ...(body === undefined ? {} : { payload: body as object }),
    });
    const text = response.body;
    const isJson = String(response.headers['content-type'] ?? '').includes('json');
    return {
      status: response.statusCode,
      body: isJson && text ? JSON.parse(text) : text,
      headers: response.headers,
    };
  };
  return {
    get: (url) => call('GET', url),
    post: (url, body) => call('POST', url, body ?? {}),
    put: (url, body) => call('PUT', url, body ?? {}),
    patch: (url, body) => call('PATCH', url, body ?? {}),
    delete: (url) => call('DELETE', url),
    headers,
  };
}

let userCount = 0;

export async function startTestApp(
  dialect: DialectName,
  postgresUrl: string,
  overrides: Partial<Config> = {},
  appOptions: Pick<AppOptions, 'ingestionGate'> = {},
): Promise<TestApp> {
  const database = await openTestDatabase(dialect, postgresUrl);
  const clock = new ManualClock(testStart);
  const config = testConfig({
    testClock: true,
    webDist: '/nonexistent/caravan-web-dist',
    ...overrides,
  });
  const app = await buildApp({ config, database, clock, ...appOptions });
  await app.ready();
  const signIn = async (role: Role, name?: string) => {
    userCount += 1;
    const email = `${role}-${userCount}@example.com`;
    const user = await insertUser(database.db, {
      id: crypto.randomUUID(),
      email,
      name: name ?? `Test ${role} ${userCount}`,
      role,
      passwordHash: await hashPassword(testPassword),
      now: clock.now(),
    });
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: testPassword },
      // Each user signs in from an address of their own, so that the per-address sign-in limit
      // (sign-in-limits.ts) counts only what a test means it to.
      remoteAddress: `198.18.${(userCount >> 8) & 255}.${userCount & 255}`,
    });
    const cookie = login.cookies.find((c) => c.name === 'caravan_session');
    if (login.statusCode !== 200 || !cookie) throw new Error(`sign-in failed: ${login.body}`);
    return { user, client: clientFor(app, { cookie: `caravan_session=${cookie.value}` }) };
  };
  return {
    app,
    database,
    clock,
    anonymous: clientFor(app, {}),
    signIn,
    clientWith: (headers) => clientFor(app, headers),
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
