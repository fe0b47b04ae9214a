/** What every plugin gets: the configuration, the database, the clock and the engine's events. */
import type { Clock } from '@caravan/core/clock';
import type { OutboundPolicy } from '@caravan/engine/outbox/outbound-policy';
import type { EngineEvents } from '@caravan/engine/runtime/engine-events';
import type { Database } from '@caravan/storage/database';
import type { Config } from './config.ts';

export interface ServerDeps {
  config: Config;
  /** Where outbound HTTP may go, from CARAVAN_OUTBOUND_ALLOW (checked at save and publish). */
  outbound: OutboundPolicy;
  database: Database;
  clock: Clock;
  /** The engine's event emitter, when a worker runs in this process (Prometheus counters). */
  events?: EngineEvents;
}
