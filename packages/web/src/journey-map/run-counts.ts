/**
 * The run of a published journey as the canvas nodes see it: the counts per node and how to
 * open the accounts behind a count. Provided by `RunView` around the read-only canvas only, so
 * the draft editor (no provider) draws nodes exactly as before.
 */
import { createContext, useContext } from 'react';
import type { NodeAccountsState, NodeMetrics } from '../api/journey-runs.api.ts';

export interface RunCounts {
  byNode: ReadonlyMap<string, NodeMetrics>;
  open(nodeId: string, state: NodeAccountsState): void;
}

export const RunCountsContext = createContext<RunCounts | null>(null);

/** Whether the map shows a run's counts: outside a published journey's map there is nothing to draw. */
export function useRunShown(): boolean {
  return useContext(RunCountsContext) !== null;
}

/** The counts of one node, or null outside a published journey's map. */
export function useNodeRun(
  nodeId: string,
): { metrics: NodeMetrics; open: RunCounts['open'] } | null {
  const run = useContext(RunCountsContext);
  if (!run) return null;
  const metrics = run.byNode.get(nodeId) ?? { nodeId, entered: 0, current: 0, paths: {} };
  return { metrics, open: run.open };
}

export const runMetricsKey = (journeyId: string) => ['journeys', journeyId, 'metrics'] as const;

/** Metrics are re-read this often while the map is open (issue 4: "refreshed every 5 s"). */
export const runRefreshMs = 5000;
