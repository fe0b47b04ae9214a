/**
 * The activity history on the account and person pages, in Chromium against the real server:
 * newest first, filtered by activity type (by its label), older pages with *Load more*.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignedIn, shots, type SignedIn } from './signed-in.harness.ts';

let session: SignedIn;
let page: Page;
let accountId: string;
let personId: string;

beforeAll(async () => {
  session = await openSignedIn({ viewport: { width: 1440, height: 900 } });
  page = session.page;
  const account = await session.api<{ id: string }>('POST', '/accounts', { name: 'Globex' });
  accountId = account.id;
  const person = await session.api<{ id: string }>('POST', '/people', {
    email: 'hank@globex.example',
    firstName: 'Hank',
    lastName: 'Scorpio',
  });
  personId = person.id;
  await session.api('PUT', `/accounts/${accountId}/people/${personId}`, { role: null });
  const events = Array.from({ length: 30 }, (_, i) => ({
    messageId: `history-${i}`,
    type: i % 3 === 0 ? 'formFilledOut' : 'webPageVisited',
    occurredAt: new Date(Date.UTC(2026, 2, 1, 8, i)).toISOString(),
    accountId,
    personId,
    properties: i % 3 === 0 ? { form: `Form ${i}` } : { url: `https://globex.example/p${i}` },
  }));
  await session.api('POST', '/events', { events });
});

afterAll(async () => session?.close());

const history = () => page.getByRole('table', { name: 'Activity history' });
const rows = () => history().locator('tbody tr');

describe('activity history', () => {
  it('shows the account’s activities newest first with their person, and loads older ones', async () => {
    await page.goto(`/accounts/${accountId}`);
    await page.getByRole('heading', { name: 'Globex', level: 1 }).waitFor();
    await rows().first().waitFor();
    expect(await rows().count()).toBe(25);
    const first = await rows().first().textContent();
    expect(first).toContain('Visited a web page');
    expect(first).toContain('https://globex.example/p29');
    await expect(
      history().getByRole('link', { name: 'Hank Scorpio' }).first().isVisible(),
    ).resolves.toBe(true);
    await page.getByRole('button', { name: 'Load more' }).click();
    await rows().nth(29).waitFor();
    expect(await rows().last().textContent()).toContain('Form 0');
    await page.screenshot({ path: `${shots}/activity-history-account.png`, fullPage: true });
  });

  it('filters by activity type chosen by its label', async () => {
    await page.getByRole('combobox', { name: 'Activity types' }).click();
    await page.getByRole('option', { name: 'Filled out a form' }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => rows().count()).toBe(10);
    const texts = await rows().allTextContents();
    expect(texts.every((t) => t.includes('Filled out a form'))).toBe(true);
    expect(texts[0]).toContain('Form 27');
  });

  it('shows the person’s history with a link to the account', async () => {
    await page.goto(`/people/${personId}`);
    await page.getByRole('heading', { name: 'Hank Scorpio', level: 1 }).waitFor();
    await rows().first().waitFor();
    await history().getByRole('link', { name: 'Globex' }).first().click();
    await page.getByRole('heading', { name: 'Globex', level: 1 }).waitFor();
  });
});
