/**
 * With the test clock and the background loops running (as `caravan start` runs them with
 * CARAVAN_TEST_CLOCK=1), `POST /clock/advance` far past the outbox lease while the background
 * dispatcher is still sending must not send those messages a second time: the lease is measured
 * on the real clock, so the jump does not expire it (docs/durability.md). Before, every message
 * of that moment went out twice with the same Message-ID.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { ManualClock } from '@caravan/engine/runtime/clock';
import {
  prepareScenario,
  readProgress,
  type Scenario,
} from '@caravan/engine/run/crash-scenario.test-support';
import { seededRandom, startSmtpCapture } from '@caravan/engine/run/engine-process.test-support';
import {
  expectEveryAccountOnce,
  expectOneEmailPerPerson,
} from '@caravan/engine/run/run-checks.test-support';
import { testDialects } from '@caravan/storage/test-databases';
import { insertUser } from '@caravan/storage/user.repository';
import { buildApp } from './app.ts';
import { testConfig } from './config.ts';
import { startEngineRuntime } from './engine-runtime.ts';
import { hashPassword } from './password.ts';

const accountCount = 30;
const twoHours = 2 * 60 * 60_000;

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1_200; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting until ${what}`);
}

describe.each(testDialects)('advancing the test clock with the loops running on %s', (dialect) => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.reverse()) await step();
    cleanup.length = 0;
  });

  it('sends each message once when the clock jumps past the lease of messages being sent', async () => {
    // Each message takes 150 ms to be acknowledged, so the background dispatcher is mid-send.
    const capture = await startSmtpCapture({ delayMs: 150 });
    cleanup.push(() => capture.close());
    const s: Scenario = await prepareScenario(
      dialect,
      accountCount,
      seededRandom(7),
      inject('postgresUrl'),
    );
    cleanup.push(async () => {
      await s.database.close();
      await s.drop();
    });
    const clock = new ManualClock();
    const config = testConfig({
      testClock: true,
      smtpUrl: capture.url,
      webDist: '/nonexistent/caravan-web-dist',
    });
    const app = await buildApp({ config, database: s.database, clock });
    cleanup.push(() => app.close());
    const stopLoops = await startEngineRuntime({ config, database: s.database, clock }, () => {});
    cleanup.push(stopLoops);
    const admin = { email: 'clock-admin@example.com', password: 'clock-password-1' };
    await insertUser(s.database.db, {
      id: crypto.randomUUID(),
      email: admin.email,
      name: 'Clock admin',
      role: 'admin',
      passwordHash: await hashPassword(admin.password),
      now: clock.now(),
    });
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: admin });
    const session = login.cookies.find((c) => c.name === 'caravan_session');
    expect(session).toBeDefined();

    // The background dispatcher has claimed messages and is sending them.
    await until(async () => {
      const sending = await s.database.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'sending')
        .executeTakeFirstOrThrow();
      return Number(sending.n) > 0;
    }, 'the background dispatcher sends');
    const advanced = await app.inject({
      method: 'POST',
      url: '/api/v1/clock/advance',
      headers: {
        cookie: `caravan_session=${session?.value}`,
        origin: config.publicUrl,
      },
      payload: { ms: twoHours },
    });
    expect(advanced.statusCode).toBe(200);

    await until(async () => (await readProgress(s)).finished, 'every account and message is done');
    await expectEveryAccountOnce(s);
    const repeats = await expectOneEmailPerPerson(s, capture, 0);
    expect(repeats).toBe(0);
  });
});
