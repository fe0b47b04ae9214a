/**
 * A published journey's run on the map, in Chromium against the real server and its embedded
 * worker: counts appear on the nodes, a count opens its accounts, an account opens its timeline.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignedIn, type SignedIn } from './signed-in.harness.ts';

let session: SignedIn;
let page: Page;

/** Calls the API with the browser's session cookie. */
const api = <T>(method: string, path: string, data?: unknown) => session.api<T>(method, path, data);

/** Generous: the worker moves the accounts within seconds and the map re-reads every 5 s. */
const arrival = { timeout: 30_000 };

beforeAll(async () => {
  session = await openSignedIn({ viewport: { width: 1440, height: 900 } });
  page = session.page;
});

afterAll(async () => session?.close());

describe('the run of a published journey', () => {
  let journeyId: string;

  beforeAll(async () => {
    for (const name of ['Nordwind AB', 'Fjord Systems', 'Tundra Labs']) {
      await api('POST', '/accounts', { name });
    }
    const audience = await api<{ id: string }>('POST', '/audiences', {
      name: 'Run audience',
      condition: { match: 'all', rules: [] },
    });
    const journey = await api<{ id: string }>('POST', '/journeys', {
      name: 'Run on the map',
      definition: {
        nodes: [
          {
            id: 'audience',
            type: 'audience',
            settings: { source: 'audience', sourceId: audience.id },
          },
          { id: 'wait', type: 'wait', settings: { duration: { amount: 2, unit: 'days' } } },
        ],
        edges: [{ from: 'audience', port: 'next', to: 'wait' }],
      },
      schedule: {
        start: 'immediately',
        end: new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString(),
      },
    });
    journeyId = journey.id;
    await api('POST', `/journeys/${journeyId}/publish`);
  });

  it('shows entered and current counts on the nodes', async () => {
    await page.goto(`/journeys/${journeyId}`);
    await page
      .getByRole('button', { name: 'Accounts entered Account audience: 3' })
      .waitFor(arrival);
    await page
      .getByRole('button', { name: 'Accounts currently at Wait 2 days: 3' })
      .waitFor(arrival);
    const totals = page.getByRole('region', { name: 'Journey totals' });
    expect(await totals.textContent()).toContain('In progress: 3');
  });

  it("lists a node's accounts and opens an account's timeline", async () => {
    await page.getByRole('button', { name: 'Accounts currently at Wait 2 days: 3' }).click();
    const drawer = page.getByRole('dialog', { name: 'Accounts — Wait 2 days' });
    await drawer.waitFor();
    const accounts = drawer.getByRole('list', { name: 'Accounts' });
    await accounts.getByRole('button', { name: /Fjord Systems/ }).waitFor();
    expect(await accounts.getByRole('listitem').count()).toBe(3);
    await accounts.getByRole('button', { name: /Fjord Systems/ }).click();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.waitFor();
    const text = (await timeline.textContent()) ?? '';
    expect(text).toContain('Pass 1');
    expect(text).toContain('Account audience');
    expect(text).toContain('Entered');
  });
});
