/**
 * The system status page's numbers: the engine runtimes and their heartbeats, the gauges
 * Prometheus samples (due-timer lag, outbox depth, active passes) with the outbox also by
 * channel, the ingestion rate, the database's kind and size, and the version.
 */
import type { Database } from '@caravan/storage/database';
import { outboxDepthByChannel } from '@caravan/storage/outbox-log.query';
import {
  countActivitiesReceivedSince,
  databaseSize,
  listHeartbeats,
  type WorkerHeartbeat,
} from '@caravan/storage/worker-heartbeat.repository';
import { readEngineGauges } from './engine-gauges.ts';
import { heartbeatStaleMs } from './heartbeat.ts';

export interface SystemStatus {
  version: string;
  now: string;
  database: { kind: 'sqlite' | 'postgres'; sizeBytes: number };
  workers: Array<WorkerHeartbeat & { alive: boolean }>;
  dueLagSeconds: number;
  enrollmentsActive: number;
  outbox: {
    pending: number;
    sending: number;
    dead: number;
    byChannel: Array<{ channel: string; pending: number; sending: number; dead: number }>;
  };
  ingestion: { lastMinute: number; lastHour: number };
}

/**
 * `now` is the engine's clock (the test clock when on), for the due-timer lag and ingestion;
 * heartbeats are judged by the wall clock they were written with.
 */
export async function readSystemStatus(
  database: Database,
  now: Date,
  version: string,
): Promise<SystemStatus> {
  const db = database.db;
  const gauges = await readEngineGauges(db, now);
  const depth = await outboxDepthByChannel(db);
  const channels = new Map<string, { pending: number; sending: number; dead: number }>();
  for (const row of depth) {
    const entry = channels.get(row.channel) ?? { pending: 0, sending: 0, dead: 0 };
    entry[row.status as 'pending' | 'sending' | 'dead'] += row.count;
    channels.set(row.channel, entry);
  }
  const wallClock = Date.now();
  const workers = (await listHeartbeats(db)).map((w) => ({
    ...w,
    alive: wallClock - Date.parse(w.beatAt) <= heartbeatStaleMs,
  }));
  return {
    version,
    now: now.toISOString(),
    database: { kind: database.dialect, sizeBytes: await databaseSize(db) },
    workers,
    dueLagSeconds: gauges.dueLagSeconds,
    enrollmentsActive: gauges.enrollmentsActive,
    outbox: {
      ...gauges.outboxDepth,
      byChannel: [...channels].map(([channel, counts]) => ({ channel, ...counts })),
    },
    ingestion: {
      lastMinute: await countActivitiesReceivedSince(db, new Date(now.getTime() - 60_000)),
      lastHour: await countActivitiesReceivedSince(db, new Date(now.getTime() - 3_600_000)),
    },
  };
}
