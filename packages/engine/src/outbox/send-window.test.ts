import { describe, expect, it } from 'vitest';
import { GroupSettler, SendWindow } from './send-window.ts';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('the send window', () => {
  it('starts the next send the moment any one finishes, not when the slowest of a slice does', async () => {
    const slow = deferred();
    const started: string[] = [];
    const window = new SendWindow<string>(2, async (item) => {
      started.push(item);
      if (item === 'slow') await slow.promise;
    });
    window.push(['slow', 'a', 'b', 'c', 'd', 'e']);
    // Five quick sends pass through the second slot while the slow one still holds the first.
    await window.below(1);
    while (window.inFlight > 1) await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['slow', 'a', 'b', 'c', 'd', 'e']);
    expect(window.inFlight).toBe(1);
    slow.resolve();
    await window.drained();
    expect(window.inFlight).toBe(0);
  });

  it('never has more than its concurrency in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const window = new SendWindow<number>(3, async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight -= 1;
    });
    window.push(Array.from({ length: 30 }, (_, i) => i));
    await window.drained();
    expect(most).toBe(3);
  });

  it('keeps to a rate limit in messages per second', async () => {
    const starts: number[] = [];
    const window = new SendWindow<number>(
      10,
      async () => {
        starts.push(performance.now());
      },
      50,
    );
    window.push([1, 2, 3, 4, 5, 6]);
    await window.drained();
    // Six starts at 50/s: the last no earlier than 5 × 20 ms after the first.
    expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(95);
  });

  it('starts nothing more once stopped and hands back what waited', async () => {
    const gate = deferred();
    const window = new SendWindow<number>(1, () => gate.promise);
    window.push([1, 2, 3]);
    window.stopStarting();
    expect(window.takeBacklog()).toEqual([2, 3]);
    gate.resolve();
    await window.drained();
    expect(window.inFlight).toBe(0);
  });
});

describe('the group settler', () => {
  it('settles what finishes together in one group, and each alone when quiet', async () => {
    const groups: number[][] = [];
    const settler = new GroupSettler<number>(async (group) => {
      groups.push(group);
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
    await Promise.all([1, 2, 3, 4].map((n) => settler.settle(n)));
    expect(groups).toEqual([[1, 2, 3, 4]]);
    await settler.settle(5);
    expect(groups.at(-1)).toEqual([5]);
  });

  it('lets a failed group fail only its own settlements', async () => {
    const settler = new GroupSettler<number>(async (group) => {
      if (group.includes(1)) throw new Error('database away');
    });
    await expect(settler.settle(1)).rejects.toThrow('database away');
    await expect(settler.settle(2)).resolves.toBeUndefined();
  });
});
