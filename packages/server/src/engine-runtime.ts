/**
 * The engine as a process runs it: the worker loop (due enrollments), the dispatcher loop (the
 * outbox), both woken at once by the in-process signal and — on PostgreSQL — by NOTIFY from
 * other processes, and polling besides. `caravan start` runs one next to the API; `caravan
 * worker` runs only this, as many processes as wanted, against PostgreSQL.
 */
import type { Clock } from '@caravan/core/clock';
import type { EngineEvents } from '@caravan/engine/runtime/engine-events';
import { loadEngineSecret } from '@caravan/engine/runtime/engine-secret';
import { processDueEnrollments, runEngineUntilIdle } from '@caravan/engine/run/engine-worker';
import { startDispatcherLanes } from '@caravan/engine/outbox/dispatcher-lanes';
import {
  releaseOutboxLeases,
  runDispatcherUntilIdle,
  type DispatcherDeps,
} from '@caravan/engine/outbox/dispatcher';
import { completeFinishedJourneys } from '@caravan/engine/journeys/journey-run-lifecycle';
import { outboundPolicy } from '@caravan/engine/outbox/outbound-policy';
import { closeSmtpTransports } from '@caravan/engine/outbox/smtp-transport';
import { startScheduledJourneys } from '@caravan/engine/journeys/scheduler';
import { startWorkLoop } from '@caravan/engine/runtime/work-loop';
import type { Database } from '@caravan/storage/database';
import { listenForWakes } from '@caravan/storage/dialects/postgres/wake-listener';
import type { Config } from './config.ts';

export interface EngineRuntimeDeps {
  config: Config;
  database: Database;
  clock: Clock;
  events?: EngineEvents;
}

export async function dispatcherDeps(deps: EngineRuntimeDeps): Promise<DispatcherDeps> {
  const { config, database, clock, events } = deps;
  return {
    database,
    clock,
    ...(events ? { events } : {}),
    secret: await loadEngineSecret(database, clock, config.secret),
    publicUrl: config.publicUrl,
    ...(config.smtpUrl ? { smtpUrl: config.smtpUrl } : {}),
    ...(config.smsProviderUrl ? { smsProviderUrl: config.smsProviderUrl } : {}),
    channels: {
      smtpPoolSize: config.smtpPoolSize,
      concurrency: config.channelConcurrency,
      rate: config.channelRate,
    },
    outbound: outboundPolicy(config.outboundAllow),
  };
}

/**
 * Everything due at the clock's current time, until nothing is left: scheduled starts, the
 * worker, the dispatcher (whose callbacks may make enrollments due again), completions.
 */
export async function runAllDue(
  deps: EngineRuntimeDeps,
  dispatcher: DispatcherDeps,
): Promise<void> {
  const worker = {
    database: deps.database,
    clock: deps.clock,
    batchSize: deps.config.workerBatch,
    ...(deps.events ? { events: deps.events } : {}),
  };
  for (let round = 0; round < 100; round += 1) {
    await startScheduledJourneys(deps.database, deps.clock);
    const moved = await runEngineUntilIdle(worker);
    const sent = await runDispatcherUntilIdle(dispatcher);
    await completeFinishedJourneys(deps.database, deps.clock, deps.events);
    if (moved.enrollments === 0 && sent === 0) return;
  }
}

/** Starts the worker and dispatcher loops; the returned function stops them. */
export async function startEngineRuntime(
  deps: EngineRuntimeDeps,
  onError: (error: unknown, loop: string) => void,
  onRecovered: (loop: string) => void = () => {},
): Promise<() => Promise<void>> {
  const { database, clock, config, events } = deps;
  const dispatcher = await dispatcherDeps(deps);
  // One SQLite process is the only sender there is: what it was sending when it stopped is due again.
  if (database.dialect === 'sqlite') await releaseOutboxLeases(database.db, clock.now());
  const wakes =
    database.dialect === 'postgres' ? await listenForWakes(config.databaseUrl) : undefined;
  const worker = { database, clock, batchSize: config.workerBatch, ...(events ? { events } : {}) };
  const stopWorker = startWorkLoop({
    work: async () => (await processDueEnrollments(worker)).enrollments,
    onError: (error) => onError(error, 'worker'),
    onRecovered: () => onRecovered('worker'),
  });
  // One lane per channel, each with its own queue and concurrency (dispatcher-lanes.ts).
  const lanes = startDispatcherLanes(dispatcher, {
    onError: (error) => onError(error, 'dispatcher'),
    onRecovered: () => onRecovered('dispatcher'),
  });
  return async () => {
    await stopWorker();
    await lanes.stop();
    await wakes?.stop();
    // Pooled SMTP connections would otherwise keep the process alive until they time out.
    closeSmtpTransports();
  };
}
