/**
 * Names of the counters that make a journey's metrics (kept in `journey_counters`). Per node:
 * `entered`, `current` and `port:<id>` for each path taken; the totals row (node '') counts
 * entered, active (in progress) and each way a pass ended.
 */
import type { EndReason } from './timeline.ts';

export const nodeCounter = {
  entered: 'entered',
  current: 'current',
  port: (port: string) => `port:${port}`,
} as const;

export const totalCounter = {
  entered: 'entered',
  active: 'active',
  ended: (reason: EndReason) => `ended:${reason}`,
} as const;
