import { describe, expect, it } from 'vitest';
import { EngineSignal } from '@caravan/storage/engine-signal';
import { startWorkLoop } from './work-loop.ts';

const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i += 1) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

describe('the work loop', () => {
  it('keeps going through a database outage, reporting its first failure and the recovery once', async () => {
    const outcomes: Array<'away' | 'ok'> = ['away', 'away', 'away', 'ok'];
    let calls = 0;
    const errors: unknown[] = [];
    let recovered = 0;
    const stop = startWorkLoop({
      work: async () => {
        const outcome = outcomes[calls] ?? 'ok';
        calls += 1;
        if (outcome === 'away') throw refused();
        return 0;
      },
      pollMs: 5,
      signal: new EngineSignal(),
      onError: (error) => errors.push(error),
      onRecovered: () => (recovered += 1),
    });
    await until(() => calls >= 5);
    await stop();
    expect(errors).toHaveLength(1);
    expect(recovered).toBe(1);
  });

  it('reports every failure that is not an outage, and keeps going', async () => {
    let calls = 0;
    const errors: unknown[] = [];
    const stop = startWorkLoop({
      work: async () => {
        calls += 1;
        if (calls <= 2) throw new TypeError('a bug');
        return 0;
      },
      pollMs: 5,
      signal: new EngineSignal(),
      onError: (error) => errors.push(error),
    });
    await until(() => calls >= 3);
    await stop();
    expect(errors).toHaveLength(2);
  });

  it('does not spin when woken after a failure: it waits its poll interval', async () => {
    const signal = new EngineSignal();
    let calls = 0;
    const stop = startWorkLoop({
      work: async () => {
        calls += 1;
        throw refused();
      },
      pollMs: 200,
      signal,
    });
    await until(() => calls === 1);
    for (let i = 0; i < 20; i += 1) signal.wake();
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).toBe(1);
    await stop();
  });
});
