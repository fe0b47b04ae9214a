/**
 * What the engine tells the rest of the process as it works (`noun:verb`): the Prometheus
 * metrics, logs and tests listen here. Emitted after the transaction that did the work committed.
 */
import { EventEmitter } from 'node:events';

export interface EngineEventMap {
  /** Accounts entered journeys (set-based entry or one by one). */
  'accounts:entered': [{ journeyId: string; count: number }];
  /** One claimed batch was processed. `lagMs`: how late its oldest due time was. */
  'batch:processed': [{ enrollments: number; steps: number; lagMs: number }];
  /** Passes ended (completed, aborted, removed, journeyEnded). */
  'accounts:exited': [{ journeyId: string; reason: string; count: number }];
  'message:sent': [{ channel: string; journeyId: string | null }];
  'message:suppressed': [{ channel: string; journeyId: string | null; reason: string }];
  'message:retried': [{ channel: string; journeyId: string | null; error: string }];
  'message:dead': [{ channel: string; journeyId: string | null; error: string }];
  'journey:completed': [{ journeyId: string }];
}

export type EngineEvents = EventEmitter<EngineEventMap>;

export function createEngineEvents(): EngineEvents {
  return new EventEmitter<EngineEventMap>();
}
