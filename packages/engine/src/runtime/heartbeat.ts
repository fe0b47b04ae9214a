/**
 * The heartbeat of an engine runtime: every few seconds a `caravan start` or `caravan worker`
 * process stamps its row in `worker_heartbeats`, and deletes it when it stops, so that the system
 * status shows which workers are alive and when each was last heard of. Beats use the wall
 * clock, never the test clock: liveness is about real time.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '@caravan/storage/database';
import {
  beatHeartbeat,
  deleteHeartbeat,
  pruneHeartbeats,
} from '@caravan/storage/worker-heartbeat.repository';

export const heartbeatIntervalMs = 5_000;

/** A runtime not heard of for this long is shown as not alive. */
export const heartbeatStaleMs = 30_000;

const forgetAfterMs = 24 * 60 * 60_000;

/**
 * Starts beating; the returned function stops and removes the row. A failed beat (the database
 * is away) is reported and tried again at the next interval, never thrown.
 */
export async function startHeartbeat(
  db: Db,
  runtime: { kind: 'start' | 'worker'; version: string },
  onError: (error: unknown) => void,
  intervalMs = heartbeatIntervalMs,
): Promise<() => Promise<void>> {
  const id = randomUUID();
  const startedAt = new Date().toISOString();
  const beat = async () => {
    try {
      const now = new Date();
      await beatHeartbeat(db, {
        id,
        ...runtime,
        host: hostname(),
        pid: process.pid,
        startedAt,
        beatAt: now.toISOString(),
      });
      await pruneHeartbeats(db, new Date(now.getTime() - forgetAfterMs));
    } catch (error) {
      onError(error);
    }
  };
  await beat();
  const timer = setInterval(() => void beat(), intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await deleteHeartbeat(db, id).catch(onError);
  };
}
