import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { engineSignal } from '../../engine-signal.ts';
import { wakeChannel } from '../../listener-wake.repository.ts';
import { startOutageProxy, type OutageProxy } from './outage-proxy.test-support.ts';
import { listenForWakes, type WakeListener } from './wake-listener.ts';

async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function notify(): Promise<void> {
  const client = new pg.Client({ connectionString: inject('postgresUrl') });
  await client.connect();
  await client.query(`NOTIFY ${wakeChannel}`);
  await client.end();
}

describe('the PostgreSQL wake listener', () => {
  let proxy: OutageProxy | undefined;
  let listener: WakeListener | undefined;
  afterEach(async () => {
    await listener?.stop();
    await proxy?.close();
  });

  it('listens again after an outage longer than a second, and wakes the loops once it is back', async () => {
    proxy = await startOutageProxy(inject('postgresUrl'));
    listener = await listenForWakes(proxy.url);
    expect(listener.state()).toMatchObject({ listening: true, attempts: 0 });
    let wakes = 0;
    const unsubscribe = engineSignal.subscribe(() => (wakes += 1));
    try {
      await notify();
      await until(() => wakes > 0, 'a NOTIFY wakes the loops');

      await proxy.down();
      await until(() => !listener!.state().listening, 'the listener notices the outage');
      // Several reconnection attempts fail while the database is away (0.5 s, then 1 s …).
      await until(() => listener!.state().attempts >= 2, 'two reconnections failed');
      expect(listener.state().lastError).toBeDefined();
      await proxy.up();
      const before = wakes;
      await until(() => listener!.state().listening, 'the listener is back');
      expect(listener.state().attempts).toBe(0);
      // NOTIFYs sent while nobody listened are lost: reconnecting wakes the loops once itself.
      expect(wakes).toBeGreaterThan(before);

      const afterReconnect = wakes;
      await notify();
      await until(() => wakes > afterReconnect, 'a NOTIFY after the outage wakes the loops');
    } finally {
      unsubscribe();
    }
  });

  it('stops for good when told to, even while it is reconnecting', async () => {
    proxy = await startOutageProxy(inject('postgresUrl'));
    listener = await listenForWakes(proxy.url);
    await proxy.down();
    await until(() => !listener!.state().listening, 'the listener notices the outage');
    await listener.stop();
    await proxy.up();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(listener.state().listening).toBe(false);
    listener = undefined;
  });
});
