/**
 * Starting an instance: migrations, the first admin, demo data, the scheduler and the HTTP
 * server. The CLI is a thin adapter over `startCaravan`; tests use the pieces.
 */
import type { FastifyInstance } from 'fastify';
import { systemClock, type Clock } from '@caravan/core/clock';
import { err, ok, type Result } from '@caravan/core/result';
import type { User } from '@caravan/core/user';
import { ManualClock } from '@caravan/engine/runtime/clock';
import { loadDemoB2bData } from '@caravan/engine/demo/demo-b2b-data';
import { loadDemoJourneys } from '@caravan/engine/demo/demo-data';
import { createEngineEvents } from '@caravan/engine/runtime/engine-events';
import { startSchedulerLoop } from '@caravan/engine/journeys/scheduler';
import { openDatabase, type Database } from '@caravan/storage/database';
import { isDatabaseUnavailable } from '@caravan/storage/database-unavailable';
import { migrateToLatest } from '@caravan/storage/migrate';
import { countUsers, insertUser } from '@caravan/storage/user.repository';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { startEngineRuntime } from './engine-runtime.ts';
import { caravanVersion } from './version.ts';
import { startHeartbeat } from '@caravan/engine/runtime/heartbeat';
import { generatePassword, hashPassword } from './password.ts';

/** Logged once per outage by each loop; the loops retry on their own. */
const databaseAwayMessage = 'the database is unavailable; retrying until it answers';

/**
 * The scheduler's failures, reported as they come — except an outage, which its ticks (three
 * steps a second) would otherwise report three times a second: that is said once a minute.
 */
function schedulerErrors(report: (error: unknown, away: boolean) => void) {
  let lastAway = 0;
  return (error: unknown) => {
    if (!isDatabaseUnavailable(error)) return report(error, false);
    if (Date.now() - lastAway < 60_000) return;
    lastAway = Date.now();
    report(error, true);
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface FirstAdmin {
  user: User;
  /** Set only when the password was generated; it must be shown to the operator once. */
  generatedPassword?: string;
}

/** Creates the first admin when the database has no user; undefined when users exist. */
export async function bootstrapFirstAdmin(
  database: Database,
  clock: Clock,
  config: Pick<Config, 'adminEmail' | 'adminPassword'>,
): Promise<FirstAdmin | undefined> {
  if ((await countUsers(database.db)) > 0) return undefined;
  const password = config.adminPassword ?? generatePassword();
  const user = await insertUser(database.db, {
    id: crypto.randomUUID(),
    email: config.adminEmail,
    name: 'Administrator',
    role: 'admin',
    passwordHash: await hashPassword(password),
    now: clock.now(),
  });
  return config.adminPassword ? { user } : { user, generatedPassword: password };
}

export function clockFor(config: Pick<Config, 'testClock'>): Clock {
  return config.testClock ? new ManualClock() : systemClock;
}

export interface RunningCaravan {
  app: FastifyInstance;
  url: string;
  /** Stops the scheduler, the HTTP server and the database, in that order. */
  close(): Promise<void>;
}

/** Opens the database and brings its schema up to date; closes it again on failure. */
export async function openMigratedDatabase(
  url: string,
): Promise<Result<Database, { message: string }>> {
  const database = await openDatabase(url);
  const migrated = await migrateToLatest(database);
  if (!migrated.ok) {
    await database.close();
    return err({ message: migrated.error.message });
  }
  return ok(database);
}

/** `caravan start`: everything in one process. `print` receives what the operator must see. */
export async function startCaravan(
  config: Config,
  print: (line: string) => void,
): Promise<Result<RunningCaravan, { message: string }>> {
  const opened = await openMigratedDatabase(config.databaseUrl);
  if (!opened.ok) return opened;
  const database = opened.value;
  const clock = clockFor(config);
  const admin = await bootstrapFirstAdmin(database, clock, config);
  if (admin?.generatedPassword) {
    print(`First admin created: ${admin.user.email} / ${admin.generatedPassword} (shown once)`);
  }
  if (config.demo && admin) {
    // B2B data first: the demo journeys point at its audiences, emails and solution interests.
    const b2b = await loadDemoB2bData({ database, clock }, clock.now());
    if (b2b) {
      print(
        `Loaded demo data: ${b2b.accounts} accounts, ${b2b.people} people, ${b2b.buyingGroups} buying groups.`,
      );
    }
    const count = await loadDemoJourneys(database, clock, admin.user.id);
    if (count > 0) print(`Loaded ${count} demo journeys.`);
  }
  const events = createEngineEvents();
  const app = await buildApp({ config, database, clock, events });
  const stopScheduler = startSchedulerLoop({
    database,
    clock,
    onError: schedulerErrors((error, away) =>
      away
        ? app.log.warn({ err: error }, `scheduler: ${databaseAwayMessage}`)
        : app.log.error({ err: error }, 'scheduler tick failed'),
    ),
  });
  // With the test clock the loops still run (an event wakes a listener at the clock's "now");
  // timers come due only by POST /clock/advance, which also runs what became due in order.
  const stopEngine = config.worker
    ? await startEngineRuntime(
        { config, database, clock, events },
        (error, loop) =>
          isDatabaseUnavailable(error)
            ? app.log.warn({ err: error }, `engine ${loop}: ${databaseAwayMessage}`)
            : app.log.error({ err: error }, `engine ${loop} failed`),
        (loop) => app.log.info(`engine ${loop}: the database answers again`),
      )
    : async () => {};
  const stopHeartbeat = config.worker
    ? await startHeartbeat(database.db, { kind: 'start', version: caravanVersion() }, (error) =>
        app.log.warn({ err: error }, 'heartbeat failed'),
      )
    : async () => {};
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host}:${port}`;
  return ok({
    app,
    url,
    close: async () => {
      await stopScheduler();
      await stopEngine();
      await stopHeartbeat();
      await app.close();
      await database.close();
    },
  });
}

/** `caravan worker`: the engine loops and the scheduler, no API. */
export async function startWorker(
  config: Config,
  print: (line: string) => void,
): Promise<Result<{ close(): Promise<void> }, { message: string }>> {
  const opened = await openMigratedDatabase(config.databaseUrl);
  if (!opened.ok) return opened;
  const database = opened.value;
  const clock = clockFor(config);
  const stopScheduler = startSchedulerLoop({
    database,
    clock,
    onError: schedulerErrors((error, away) =>
      print(
        away
          ? `scheduler: ${databaseAwayMessage} (${errorMessage(error)})`
          : `scheduler tick failed: ${String(error)}`,
      ),
    ),
  });
  const stopEngine = await startEngineRuntime(
    { config, database, clock },
    (error, loop) =>
      print(
        isDatabaseUnavailable(error)
          ? `engine ${loop}: ${databaseAwayMessage} (${errorMessage(error)})`
          : `engine ${loop} failed: ${errorMessage(error)}`,
      ),
    (loop) => print(`engine ${loop}: the database answers again`),
  );
  const stopHeartbeat = await startHeartbeat(
    database.db,
    { kind: 'worker', version: caravanVersion() },
    (error) => print(`heartbeat failed: ${errorMessage(error)}`),
  );
  return ok({
    close: async () => {
      await stopScheduler();
      await stopEngine();
      await stopHeartbeat();
      await database.close();
    },
  });
}
