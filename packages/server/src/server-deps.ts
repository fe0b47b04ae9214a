/** What every plugin gets: the configuration, the database, the clock and the engine's events. */
import type { Clock } from '@caravan/core/clock';
import type { EngineEvents } from '@caravan/engine/runtime/engine-events';
import type { Database } from '@caravan/storage/database';
import type { Config } from './config.ts';

export interface ServerDeps {
  config: Config;
  database: Database;
  clock: Clock;
  /** The engine's event emitter, when a worker runs in this process (Prometheus counters). */
  events?: EngineEvents;
}
