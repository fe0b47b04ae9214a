/**
 * The settings of a draft in Chromium against the real server: *Journey settings* (schedule and
 * time zone), *Re-entry*, *My tokens*, *Email deduplication*, the *Review journey settings* part
 * of *Publish*, *Export JSON* and *Import journey* on the list.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zonedToIso } from '../src/map/settings-edits.ts';
import { openSignedIn, shots, type SignedIn } from './signed-in.harness.ts';

let session: SignedIn;
let page: Page;
let audienceId: string;

interface StoredJourney {
  id: string;
  name: string;
  status: string;
  definition: unknown;
  schedule: { start: string; end: string | null; timeZone?: string };
  settings: {
    reEntry: Record<string, unknown>;
    emailDeduplication: boolean;
    myTokens: { name: string; type: string; value: unknown }[];
  };
}

beforeAll(async () => {
  session = await openSignedIn({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
  page = session.page;
  audienceId = (
    await api<{ id: string }>('POST', '/audiences', {
      name: 'Settings audience',
      condition: { match: 'all', rules: [] },
    })
  ).id;
});

afterAll(async () => session?.close());

const api = <T>(method: string, path: string, data?: unknown) => session.api<T>(method, path, data);

const button = (name: string) => page.getByRole('button', { name, exact: true });
const dialog = (name: string) => page.getByRole('dialog', { name });

/** `YYYY-MM-DDTHH:mm` some days from now (the value a datetime-local input takes). */
function daysAhead(days: number): string {
  const date = new Date(Date.now() + days * 24 * 3600 * 1000);
  return `${date.toISOString().slice(0, 10)}T10:00`;
}

async function openMoreItem(item: string): Promise<void> {
  await button('More...').click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

async function createDraft(name: string): Promise<StoredJourney> {
  return api<StoredJourney>('POST', '/journeys', {
    name,
    definition: {
      nodes: [
        {
          id: 'audience',
          type: 'audience',
          settings: { source: 'audience', sourceId: audienceId },
        },
        { id: 'wait', type: 'wait', settings: { duration: { amount: 1, unit: 'days' } } },
      ],
      edges: [{ from: 'audience', port: 'next', to: 'wait' }],
    },
  });
}

async function setSchedule(end: string): Promise<void> {
  await button('Journey settings').click();
  const settings = dialog('Journey settings');
  await settings.getByRole('radio', { name: 'Immediately' }).check();
  // More than 3 years is refused, and the form says why.
  await settings.getByLabel('End date and time').fill(daysAhead(4 * 366));
  await settings.getByLabel('Time zone').click();
  await settings.getByLabel('Time zone').fill('Stockholm');
  await page.getByRole('option', { name: 'Europe/Stockholm' }).click();
  await settings.getByRole('button', { name: 'Save' }).click();
  await settings.getByText('Choose an end at most 3 years after the start.').waitFor();
  await settings.getByLabel('End date and time').fill(end);
  await settings.getByText('Choose an end at most 3 years after the start.').waitFor({
    state: 'detached',
  });
  await settings.getByRole('button', { name: 'Save' }).click();
  await settings.waitFor({ state: 'detached' });
}

describe('journey settings of a draft', () => {
  it('sets the schedule, re-entry, tokens and deduplication, reviews them and publishes', async () => {
    const journey = await createDraft('Settings journey');
    await page.goto(`/journeys/${journey.id}`);
    await page.getByRole('heading', { name: 'Settings journey' }).waitFor();
    // Without an end date the journey cannot be published.
    await page.getByText('Resolve errors before publishing').waitFor();

    const end = daysAhead(30);
    await setSchedule(end);
    await page.getByText('Resolve errors before publishing').waitFor({ state: 'detached' });
    let stored = await api<StoredJourney>('GET', `/journeys/${journey.id}`);
    expect(stored.schedule).toEqual({
      start: 'immediately',
      end: zonedToIso(end, 'Europe/Stockholm'),
      timeZone: 'Europe/Stockholm',
    });

    await openMoreItem('Re-entry');
    const reEntry = dialog('Re-entry');
    await reEntry.getByRole('switch', { name: 'Allow re-entry' }).check();
    await reEntry.getByLabel('Entry limit').fill('3');
    await reEntry.getByLabel('Delay', { exact: true }).fill('2');
    await reEntry.getByLabel('Delay unit').click();
    await page.getByRole('option', { name: 'Hours' }).click();
    await reEntry.getByRole('radio', { name: 'Start of the previous pass' }).check();
    await reEntry.getByRole('button', { name: 'Save' }).click();
    await reEntry.waitFor({ state: 'detached' });

    await openMoreItem('My tokens');
    const tokens = dialog('My tokens');
    await tokens.getByRole('button', { name: 'Add token' }).click();
    await tokens.getByLabel('Name of token 1').fill('my offer');
    await tokens.getByLabel('Value of token 1').fill('20% off');
    await tokens.getByRole('button', { name: 'Add token' }).click();
    await tokens.getByLabel('Name of token 2').fill('discount');
    await tokens.getByLabel('Type of token 2').selectOption('number');
    await tokens.getByLabel('Value of token 2').fill('ten');
    await tokens.getByRole('button', { name: 'Add token' }).click();
    await tokens.getByRole('button', { name: 'Save' }).click();
    await tokens.getByText('Use a letter, then letters, digits or _ (no spaces).').waitFor();
    await tokens.getByText('Enter a number.').waitFor();
    await tokens.getByText('Enter a name.').waitFor();
    await tokens.getByRole('button', { name: 'Remove token 3' }).click();
    await tokens.getByLabel('Name of token 1').fill('offer');
    await tokens.getByLabel('Value of token 2').fill('15');
    await tokens.getByText('Enter a number.').waitFor({ state: 'detached' });
    await tokens.getByRole('button', { name: 'Save' }).click();
    await tokens.waitFor({ state: 'detached' });

    await openMoreItem('Email deduplication');
    const dedup = dialog('Email deduplication');
    await dedup.getByRole('switch', { name: 'Email deduplication' }).check();
    await dedup.getByRole('button', { name: 'Save' }).click();
    await dedup.waitFor({ state: 'detached' });

    stored = await api<StoredJourney>('GET', `/journeys/${journey.id}`);
    expect(stored.settings).toEqual({
      reEntry: {
        enabled: true,
        entryLimit: 3,
        delay: { amount: 2, unit: 'hours' },
        measuredFrom: 'start',
      },
      emailDeduplication: true,
      myTokens: [
        { name: 'offer', type: 'text', value: '20% off' },
        { name: 'discount', type: 'number', value: 15 },
      ],
    });

    // Publish reviews the settings first; Edit goes to them and back.
    await button('Publish').click();
    const publish = dialog('Publish journey');
    const review = publish.getByRole('table', { name: 'Review journey settings' });
    await review.getByText('Europe/Stockholm').waitFor();
    await review.getByText('Immediately').waitFor();
    await review
      .getByText('Up to 3 re-entries, 2 hours after the start of the previous pass')
      .waitFor();
    await review.getByText('offer = 20% off, discount = 15').waitFor();
    await page.screenshot({ path: `${shots}/publish-review.png` });
    await publish.getByRole('button', { name: 'Edit' }).click();
    await dialog('Journey settings').getByRole('button', { name: 'Cancel' }).click();
    await publish.getByRole('button', { name: 'Publish' }).click();
    await button('Close to new entries').waitFor();
    stored = await api<StoredJourney>('GET', `/journeys/${journey.id}`);
    expect(stored.status).toBe('live');
  });

  it('exports a draft as JSON and imports it as a new draft, showing the problems of a bad file', async () => {
    const journey = await createDraft('Transfer journey');
    await api('PATCH', `/journeys/${journey.id}`, {
      settings: {
        reEntry: { enabled: false },
        emailDeduplication: true,
        myTokens: [{ name: 'region', type: 'text', value: 'EU' }],
      },
    });
    await page.goto(`/journeys/${journey.id}`);
    await page.getByRole('heading', { name: 'Transfer journey' }).waitFor();
    await button('More...').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'Export JSON' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('transfer-journey.journey.json');
    const path = await download.path();
    const file = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    expect(file).toEqual(await api('GET', `/journeys/${journey.id}/export`));

    await page.goto('/journeys');
    await button('Import journey').click();
    const importing = dialog('Import journey');
    const fileInput = importing.getByLabel('Journey file (JSON)');

    const notJson = '/tmp/caravan-not-json.json';
    writeFileSync(notJson, '{ this is not json');
    await fileInput.setInputFiles(notJson);
    await importing.getByRole('button', { name: 'Import' }).click();
    await importing.getByText(/^The file is not JSON/).waitFor();

    const wrongShape = '/tmp/caravan-bad-journey.json';
    writeFileSync(wrongShape, JSON.stringify({ ...file, version: 2 }));
    await fileInput.setInputFiles(wrongShape);
    await importing.getByRole('button', { name: 'Import' }).click();
    await importing.getByText('The journey could not be imported').waitFor();
    await importing.getByText(/^version: /).waitFor();

    // The file's own name is taken (the journey still exists): the server says so.
    await fileInput.setInputFiles(path);
    await importing.getByRole('button', { name: 'Import' }).click();
    await importing.getByText(/Transfer journey/).waitFor();
    await importing.getByLabel('Name').fill('Transfer journey (imported)');
    await importing.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Transfer journey (imported)' }).waitFor();
    const copyId = page.url().split('/').pop() ?? '';
    expect(copyId).not.toBe(journey.id);

    const source = await api<StoredJourney>('GET', `/journeys/${journey.id}`);
    const copy = await api<StoredJourney>('GET', `/journeys/${copyId}`);
    expect(copy.status).toBe('draft');
    expect(copy.definition).toEqual(source.definition);
    expect(copy.schedule).toEqual(source.schedule);
    expect(copy.settings).toEqual(source.settings);
  });
});
