/** What every plugin gets: the configuration, the database and the clock. */
import type { Clock } from '@caravan/core/clock';
import type { Database } from '@caravan/storage/database';
import type { Config } from './config.ts';

export interface ServerDeps {
  config: Config;
  database: Database;
  clock: Clock;
}
