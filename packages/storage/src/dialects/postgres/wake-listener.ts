/**
 * Across processes on PostgreSQL, `NOTIFY caravan_engine` (sent in the transactions that make
 * work due, delivered on commit) wakes this process's engine loops through the in-process signal.
 * A dropped connection is re-opened; wakes missed meanwhile are covered by polling.
 */
import pg from 'pg';
import { engineSignal } from '../../engine-signal.ts';
import { wakeChannel } from '../../listener-wake.repository.ts';

export async function listenForWakes(connectionString: string): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  const connect = async (): Promise<void> => {
    if (stopped) return;
    const next = new pg.Client({ connectionString });
    next.on('notification', () => engineSignal.wake());
    next.on('error', () => {
      if (client === next) client = undefined;
      setTimeout(() => void connect().catch(() => {}), 1000).unref();
    });
    await next.connect();
    await next.query(`LISTEN ${wakeChannel}`);
    client = next;
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end().catch(() => {});
  };
}
