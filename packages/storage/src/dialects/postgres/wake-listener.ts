/**
 * Across processes on PostgreSQL, `NOTIFY caravan_engine` (sent in the transactions that make
 * work due, delivered on commit) wakes this process's engine loops through the in-process signal.
 *
 * The LISTEN connection is one long-lived `pg.Client`. When it dies (the database restarts or
 * goes away) it is opened again with exponential backoff — 0.5 s, 1 s, 2 s … at most 10 s — for
 * as long as the process runs, however long the outage. Meanwhile the loops poll, so no work is
 * lost, only woken later; on reconnecting the loops are woken once, since NOTIFYs sent while no
 * one listened are gone.
 */
import pg from 'pg';
import { engineSignal } from '../../engine-signal.ts';
import { wakeChannel } from '../../listener-wake.repository.ts';

export const wakeBackoff = { firstMs: 500, maxMs: 10_000 } as const;

/** What the listener is doing, for readiness and the system status. */
export interface WakeListenerState {
  listening: boolean;
  /** Failed attempts since the connection was last lost (0 while listening). */
  attempts: number;
  lastError: string | undefined;
}

export interface WakeListener {
  state(): WakeListenerState;
  stop(): Promise<void>;
}

export async function listenForWakes(connectionString: string): Promise<WakeListener> {
  let client: pg.Client | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const state: WakeListenerState = { listening: false, attempts: 0, lastError: undefined };

  const scheduleReconnect = () => {
    if (stopped || timer !== undefined) return;
    const delay = Math.min(
      wakeBackoff.maxMs,
      wakeBackoff.firstMs * 2 ** Math.min(state.attempts, 10),
    );
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, delay);
    timer.unref();
  };

  const lost = (which: pg.Client, error: unknown) => {
    if (client !== which) return;
    client = undefined;
    state.listening = false;
    state.lastError = error instanceof Error ? error.message : String(error);
    which.end().catch(() => {});
    scheduleReconnect();
  };

  const connect = async (): Promise<void> => {
    if (stopped) return;
    const next = new pg.Client({
      connectionString,
      keepAlive: true,
      connectionTimeoutMillis: 10_000,
    });
    next.on('notification', () => engineSignal.wake());
    // Registered before connecting, so that no error of this client is ever unhandled.
    next.on('error', (error) => lost(next, error));
    next.on('end', () => lost(next, new Error('the LISTEN connection ended')));
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${wakeChannel}`);
    } catch (error) {
      state.attempts += 1;
      lost(next, error);
      return;
    }
    if (stopped || client !== next) return;
    const wasDown = state.attempts > 0 || state.lastError !== undefined;
    state.listening = true;
    state.attempts = 0;
    // Work made due while nobody listened sent its NOTIFY into the void: look once now.
    if (wasDown) engineSignal.wake();
  };

  await connect();
  return {
    state: () => ({ ...state }),
    stop: async () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      const last = client;
      client = undefined;
      await last?.end().catch(() => {});
    },
  };
}
