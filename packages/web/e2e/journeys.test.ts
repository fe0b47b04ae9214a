/**
 * The *Account journeys* list and the journey map, driven in Chromium against the real server.
 * Controls are found by role and accessible name — the labels are the product's contract.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, launchBrowser, startCaravan, type RunningCaravan } from './server.harness.ts';

const shots = '/tmp/caravan-shots';
let caravan: RunningCaravan;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** The audience publishable journeys start from (publish checks that it exists). */
let audienceId: string;

interface JourneyJson {
  id: string;
  name: string;
  status: string;
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  caravan = await startCaravan();
  browser = await launchBrowser();
  context = await browser.newContext({
    baseURL: caravan.url,
    viewport: { width: 1440, height: 900 },
  });
  page = await context.newPage();
  // Every test but the sign-in one starts signed in; the cookie lands in this context.
  const signIn = await page.request.post('/api/v1/auth/login', { data: admin });
  if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()} ${await signIn.text()}`);
  // One account, so that a published journey has a pass in progress (an empty journey that is
  // closed completes by itself at once, and could then no longer be aborted).
  await api('POST', '/accounts', { name: 'Waiting Ltd' });
  const audience = await api<{ id: string }>('POST', '/audiences', {
    name: 'Every account',
    condition: { match: 'all', rules: [] },
  });
  audienceId = audience.id;
});

afterAll(async () => {
  await browser?.close();
  await caravan?.stop();
});

/** Calls the API with the browser's session cookie (signed in by the first test). */
async function api<T>(method: string, path: string, data?: unknown): Promise<T> {
  const response = await page.request.fetch(`/api/v1${path}`, {
    method,
    data,
    // Playwright's request API sends no Origin; the app's own requests do (CSRF checks need it).
    headers: { origin: caravan.url },
  });
  const body = response.status() === 204 ? undefined : await response.json();
  if (!response.ok())
    throw new Error(`${method} ${path} → ${response.status()} ${JSON.stringify(body)}`);
  return body as T;
}

function createJourneyByApi(name: string, description = ''): Promise<JourneyJson> {
  return api('POST', '/journeys', { name, description });
}

/** A small publishable journey: an audience with a source, a long wait, and an end date. */
async function makePublishable(id: string): Promise<void> {
  const end = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
  await api('PATCH', `/journeys/${id}`, {
    definition: {
      nodes: [
        {
          id: 'audience',
          type: 'audience',
          settings: { source: 'audience', sourceId: audienceId },
        },
        { id: 'wait', type: 'wait', settings: { duration: { amount: 5, unit: 'days' } } },
      ],
      edges: [{ from: 'audience', port: 'next', to: 'wait' }],
    },
    schedule: { start: 'immediately', end },
  });
}

async function openList(): Promise<void> {
  await page.goto('/journeys');
  await page.getByRole('heading', { name: 'Account journeys' }).waitFor();
}

async function search(text: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search' }).fill(text);
}

const header = (name: string) => page.getByRole('columnheader', { name, exact: true });
const button = (name: string) => page.getByRole('button', { name, exact: true });
const dialog = (name: string) => page.getByRole('dialog', { name });

/** The status badge of the open journey, found by its exact label. */
async function statusBadge(): Promise<string> {
  const label = /^(Draft|Scheduled|Live|Closed to new entries|Aborted|Completed)$/;
  return (await page.getByRole('main').getByText(label).first().textContent()) ?? '';
}

describe('account journeys in the browser', () => {
  it('sends a visitor to sign in and then to the account journeys list', async () => {
    const visitor = await browser.newContext({ baseURL: caravan.url });
    try {
      const login = await visitor.newPage();
      await login.goto('/journeys');
      await login.waitForURL('**/login');
      const password = login.getByRole('textbox', { name: 'Password' });
      await login.getByRole('textbox', { name: 'Email' }).fill(admin.email);
      await password.fill('wrong-password');
      await login.getByRole('button', { name: 'Sign in' }).click();
      await login.getByRole('alert').waitFor();
      await password.fill(admin.password);
      await login.getByRole('button', { name: 'Sign in' }).click();
      await login.waitForURL('**/journeys');
      await login.getByRole('heading', { name: 'Account journeys' }).waitFor();
      await login.getByRole('link', { name: 'Account journeys' }).waitFor();
      await login.getByRole('button', { name: 'User menu' }).click();
      await login.getByRole('menuitem', { name: 'Sign out', exact: true }).click();
      await login.waitForURL('**/login');
    } finally {
      await visitor.close();
    }
  });

  it('switches the interface to Swedish and back from the user menu', async () => {
    await openList();
    await button('User menu').click();
    await page.getByRole('menuitem', { name: 'Svenska' }).click();
    await page.getByRole('heading', { name: 'Kontoresor' }).waitFor();
    await button('Skapa kontoresa').waitFor();
    await button('Användarmeny').click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Account journeys' }).waitFor();
  });

  it('creates a journey from the list and opens it as a draft', async () => {
    await openList();
    await button('Create account journey').click();
    const create = dialog('Create account journey');
    await create.getByLabel('Name').fill('Onboarding 2025');
    await create.getByLabel('Description').fill('Welcome new accounts');
    await create.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/journeys\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Onboarding 2025' }).waitFor();
    expect(await statusBadge()).toBe('Draft');
    await button('Publish').waitFor();
    await button('More...').waitFor();
    await page.getByRole('button', { name: 'Account audience' }).waitFor();
  });

  it('finds a journey by name with the search box and shows the count', async () => {
    await createJourneyByApi('Search target alpha');
    await createJourneyByApi('Search target beta');
    await openList();
    await search('target alpha');
    await page.getByText('1 journey', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Search target alpha' }).waitFor();
    await page.getByRole('link', { name: 'Search target beta' }).waitFor({ state: 'detached' });
  });

  it('sorts by status ascending, then descending, when the Status header is clicked', async () => {
    await createJourneyByApi('Sorting draft');
    const live = await createJourneyByApi('Sorting live');
    await makePublishable(live.id);
    await api('POST', `/journeys/${live.id}/publish`);
    await openList();
    await search('Sorting');
    await page.getByText('2 journeys', { exact: true }).waitFor();
    const firstName = () => page.getByRole('row').nth(1).getByRole('link').textContent();

    await header('Status').getByRole('button').click();
    await expect.poll(() => header('Status').getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(firstName).toBe('Sorting draft');

    await header('Status').getByRole('button').click();
    await expect.poll(() => header('Status').getAttribute('aria-sort')).toBe('descending');
    await expect.poll(firstName).toBe('Sorting live');
    await page.screenshot({ path: `${shots}/journey-list.png`, fullPage: true });
  });

  it('hides and shows columns with Customize table and remembers the choice after a reload', async () => {
    await openList();
    await header('Description').waitFor();
    await header('Start date').waitFor({ state: 'detached' });

    await button('Customize table').click();
    const customize = dialog('Customize table');
    await customize.getByRole('checkbox', { name: 'Description' }).uncheck();
    await customize.getByRole('checkbox', { name: 'Start date' }).check();
    await customize.getByRole('button', { name: 'Apply' }).click();
    await customize.waitFor({ state: 'detached' });
    await header('Start date').waitFor();
    await header('Description').waitFor({ state: 'detached' });

    await page.reload();
    await page.getByRole('heading', { name: 'Account journeys' }).waitFor();
    await header('Start date').waitFor();
    await header('Description').waitFor({ state: 'detached' });

    await button('Customize table').click();
    await customize.getByRole('checkbox', { name: 'Description' }).check();
    await customize.getByRole('button', { name: 'Apply' }).click();
    await header('Description').waitFor();
  });

  it('renames a journey with the Edit pencil', async () => {
    const journey = await createJourneyByApi('Rename me');
    await page.goto(`/journeys/${journey.id}`);
    await page.getByRole('heading', { name: 'Rename me' }).waitFor();
    await button('Edit').click();
    await page.getByRole('textbox', { name: 'Name' }).fill('Renamed journey');
    await page.getByRole('textbox', { name: 'Name' }).press('Enter');
    await page.getByRole('heading', { name: 'Renamed journey' }).waitFor();
    const stored = await api<JourneyJson>('GET', `/journeys/${journey.id}`);
    expect(stored.name).toBe('Renamed journey');
  });

  it('publishes, closes, duplicates both ways, aborts and deletes through the map header', async () => {
    const journey = await createJourneyByApi('Lifecycle journey', 'From draft to gone');
    await makePublishable(journey.id);
    await page.goto(`/journeys/${journey.id}`);
    await page.getByRole('heading', { name: 'Lifecycle journey' }).waitFor();

    await button('Publish').click();
    await dialog('Publish journey').getByRole('button', { name: 'Publish' }).click();
    await button('Close to new entries').waitFor();
    expect(await statusBadge()).toBe('Live');
    await button('Duplicate').waitFor();
    await button('Abort').waitFor();
    await button('Publish').waitFor({ state: 'detached' });
    await button('Delete').waitFor({ state: 'detached' });
    await page.screenshot({ path: `${shots}/journey-live.png`, fullPage: true });

    await button('Close to new entries').click();
    await dialog('Close to new entries')
      .getByRole('button', { name: 'Close to new entries' })
      .click();
    await page.getByText('Closed to new entries', { exact: true }).first().waitFor();
    expect(await statusBadge()).toBe('Closed to new entries');
    await button('Close to new entries').waitFor({ state: 'detached' });

    for (const type of ['Partial content duplication', 'Duplicate without details']) {
      await page.goto(`/journeys/${journey.id}`);
      await button('Duplicate').click();
      const duplicate = dialog('Duplicate journey');
      const name = duplicate.getByRole('textbox', { name: 'Name' });
      expect(await name.inputValue()).toBe('Lifecycle journey_copy');
      const copyName = `Lifecycle copy (${type})`;
      await name.fill(copyName);
      await duplicate.getByRole('radio', { name: type }).check();
      await duplicate.getByRole('button', { name: 'Duplicate' }).click();
      await page.getByRole('heading', { name: copyName }).waitFor();
      expect(page.url()).not.toContain(journey.id);
      expect(await statusBadge()).toBe('Draft');
    }

    await page.goto(`/journeys/${journey.id}`);
    await button('Abort').click();
    await dialog('Abort journey').getByRole('button', { name: 'Abort' }).click();
    await button('Delete').waitFor();
    expect(await statusBadge()).toBe('Aborted');

    await button('Delete').click();
    await dialog('Delete journey').getByRole('button', { name: 'Delete' }).click();
    await page.waitForURL('**/journeys');
    await search('Lifecycle journey');
    await page
      .getByRole('link', { name: 'Lifecycle copy (Partial content duplication)' })
      .waitFor();
    expect(await page.getByRole('link', { name: 'Lifecycle journey', exact: true }).count()).toBe(
      0,
    );
  });

  it('deletes a draft from the row More menu of the list', async () => {
    await createJourneyByApi('Row menu draft');
    await openList();
    await search('Row menu draft');
    await page.getByText('1 journey', { exact: true }).waitFor();
    await page
      .getByRole('row', { name: /Row menu draft/ })
      .getByRole('button', { name: 'More' })
      .click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await dialog('Delete journey').getByRole('button', { name: 'Delete' }).click();
    await page.getByText('0 journeys', { exact: true }).waitFor();
  });
});
