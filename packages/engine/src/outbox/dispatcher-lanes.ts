/**
 * The dispatcher as `caravan start` and `caravan worker` run it: one lane per channel, each with
 * its own work loop, claim, queue and concurrency (`channel-lanes.ts`). A lane claims only its
 * own channel's rows and claims its next batch while the last one is still sending (when fewer
 * than `concurrency` wait for a slot), so its window never runs dry between batches; a slow or
 * hanging provider fills only its own lane.
 *
 * A lane claims a few windows' worth at a time (`laneBatchSize`): a claimed row waits for a slot
 * under its 60 s lease, and one that waited too long is given back rather than started late.
 */
import type { OutboxChannel } from '@caravan/core/engine/outbox';
import { startWorkLoop } from '../runtime/work-loop.ts';
import { DispatchRun, type DispatcherDeps } from './dispatch-run.ts';
import { claimOutboxBatch, prepareClaimed } from './dispatcher.ts';

/** Rows a lane claims at once: four windows' worth, at least 16, at most 500. */
export function laneBatchSize(concurrency: number): number {
  return Math.min(500, Math.max(16, concurrency * 4));
}

export interface DispatcherLanes {
  /** Stops every lane: waits for the sends in flight and gives back what waited for a slot. */
  stop(): Promise<void>;
}

/** One unit of a lane's work loop; answers the rows claimed (0 = nothing due, the loop idles). */
async function laneStep(
  deps: DispatcherDeps,
  run: DispatchRun,
  channel: OutboxChannel,
  concurrency: number,
): Promise<number> {
  const window = run.window(channel);
  if (run.stopped) return 0;
  // Enough is queued: wait until the window is about to run dry, then claim the next batch.
  if (window.backlog >= concurrency) {
    await window.below(concurrency);
    return 1;
  }
  const batch = await claimOutboxBatch(deps, laneBatchSize(concurrency), [channel]);
  if (batch.claimed.length === 0) return 0;
  run.push(await prepareClaimed(run, deps, batch));
  await window.below(concurrency);
  return batch.claimed.length;
}

export function startDispatcherLanes(
  deps: DispatcherDeps,
  loop: { onError?: (error: unknown) => void; onRecovered?: () => void } = {},
): DispatcherLanes {
  const run = new DispatchRun(deps);
  const stops = run.lanes.map((lane) =>
    startWorkLoop({
      work: () => laneStep(deps, run, lane.channel, lane.concurrency),
      ...(loop.onError ? { onError: loop.onError } : {}),
      ...(loop.onRecovered ? { onRecovered: loop.onRecovered } : {}),
    }),
  );
  return {
    stop: async () => {
      run.stopStarting();
      await Promise.all(stops.map((stop) => stop()));
      await run.releaseBacklog();
      await run.drained();
    },
  };
}
