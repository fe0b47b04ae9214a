/**
 * Two tabs editing one draft: the later save is refused with a conflict instead of silently
 * overwriting the earlier one, and *Reload* brings the tab up to date.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, launchBrowser, startCaravan, type RunningCaravan } from './server.harness.ts';

let caravan: RunningCaravan;
let browser: Browser;
let tabA: Page;
let tabB: Page;

interface StoredJourney {
  id: string;
  version: number;
  definition: { nodes: { id: string; type: string }[] };
}

beforeAll(async () => {
  caravan = await startCaravan();
  browser = await launchBrowser();
  const context = await browser.newContext({
    baseURL: caravan.url,
    viewport: { width: 1600, height: 1000 },
  });
  tabA = await context.newPage();
  tabB = await context.newPage();
  const signIn = await tabA.request.post('/api/v1/auth/login', { data: admin });
  if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()} ${await signIn.text()}`);
});

afterAll(async () => {
  await browser?.close();
  await caravan?.stop();
});

async function api<T>(method: string, path: string, data?: unknown): Promise<T> {
  const response = await tabA.request.fetch(`/api/v1${path}`, {
    method,
    data,
    // Playwright's request API sends no Origin; the app's own requests do (CSRF checks need it).
    headers: { origin: caravan.url },
  });
  const body: unknown = await response.json();
  if (!response.ok()) {
    throw new Error(`${method} ${path} → ${response.status()} ${JSON.stringify(body)}`);
  }
  return body as T;
}

async function openMap(page: Page, journeyId: string): Promise<void> {
  await page.goto(`/journeys/${journeyId}`);
  await page.getByRole('heading', { name: 'Two tabs' }).waitFor();
}

/** Adds a node of the menu `item` right after the audience. */
async function addAfterAudience(page: Page, item: string): Promise<void> {
  await page
    .locator('[data-from="audience"][data-port="next"]')
    .getByRole('button', { name: 'Add node' })
    .click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

const storedTypes = async (id: string) =>
  (await api<StoredJourney>('GET', `/journeys/${id}`)).definition.nodes.map((n) => n.type).sort();

describe('two tabs on one draft', () => {
  it('refuses the stale tab with a conflict and Reload, keeping the other tab’s change', async () => {
    const journey = await api<StoredJourney>('POST', '/journeys', { name: 'Two tabs' });
    await openMap(tabA, journey.id);
    await openMap(tabB, journey.id);

    // Tab A renames the journey, then edits the map: its own saves never conflict.
    await tabA.getByRole('button', { name: 'Edit', exact: true }).click();
    await tabA.getByRole('textbox', { name: 'Name' }).fill('Two tabs renamed');
    await tabA.getByRole('textbox', { name: 'Name' }).press('Enter');
    await tabA.getByRole('heading', { name: 'Two tabs renamed' }).waitFor();
    await addAfterAudience(tabA, 'Wait');
    await tabA
      .getByRole('status')
      .filter({ hasText: /^Saved$/ })
      .waitFor();
    expect(await storedTypes(journey.id)).toEqual(['audience', 'wait']);

    await addAfterAudience(tabB, 'Split paths');
    const conflict = tabB.getByRole('alert').filter({ hasText: 'changed elsewhere' });
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain(
      'Not saved: This journey was changed elsewhere (version 3); reload to see the latest.',
    );
    expect(await storedTypes(journey.id)).toEqual(['audience', 'wait']);

    // Autosave stays off: after a further edit the stale tab still says it is not saved.
    await tabB.getByRole('button', { name: 'Undo' }).click();
    await tabB
      .getByRole('status')
      .filter({ hasText: /^Not saved: This journey was changed elsewhere/ })
      .waitFor();

    await conflict.getByRole('button', { name: 'Reload' }).click();
    await tabB.getByRole('button', { name: 'Wait 5 days', exact: true }).waitFor();
    await tabB.getByRole('heading', { name: 'Two tabs renamed' }).waitFor();
    expect(await tabB.getByRole('alert').filter({ hasText: 'changed elsewhere' }).count()).toBe(0);
  });
});
