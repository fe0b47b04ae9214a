/**
 * Issue 13, "The map explains itself" and "Configuring nodes in the marketer's language", in
 * Chromium against the real server: a journey built entirely through the UI whose cards say what
 * each node does, a split by a value chosen from the data's suggestions, a listener constrained
 * by email and link, Fit view below the toolbar, the map in Swedish (kept per user), a live
 * journey's readable counts and timeline in words, and the journey list at 1280 px.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, launchBrowser } from './server.harness.ts';
import { openSignedIn, shots, type SignedIn } from './signed-in.harness.ts';

let session: SignedIn;
let page: Page;
let audienceId: string;
let emailId: string;

const api = <T>(method: string, path: string, data?: unknown) => session.api<T>(method, path, data);
const properties = () => page.getByRole('region', { name: 'Properties' });
const nodeButton = (title: string) => page.getByRole('button', { name: title, exact: true });
const nodeCard = (title: string): Locator =>
  page.locator('.react-flow__node').filter({ has: nodeButton(title) });

async function waitUntilSaved(): Promise<void> {
  await page
    .getByRole('status')
    .filter({ hasText: /^Saved$/ })
    .waitFor();
}

interface StoredNode {
  id: string;
  type: string;
  settings: Record<string, unknown>;
}
interface Stored {
  id: string;
  definition: { nodes: StoredNode[]; edges: { from: string; port: string; to: string }[] };
}

async function stored(id: string): Promise<Stored> {
  await waitUntilSaved();
  return api<Stored>('GET', `/journeys/${id}`);
}

async function addNode(from: string, port: string, item: string): Promise<void> {
  await page.getByRole('button', { name: /fit view/i }).click();
  await page
    .locator(`[data-from="${from}"][data-port="${port}"]`)
    .getByRole('button', { name: 'Add node' })
    .click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

beforeAll(async () => {
  session = await openSignedIn({ viewport: { width: 1440, height: 900 } });
  page = session.page;
  const accounts = [
    ['Acme', 'Software'],
    ['Globex', 'Software'],
    ['Umbrella', 'Finance'],
  ] as const;
  for (const [name, industry] of accounts) {
    const account = await api<{ id: string }>('POST', '/accounts', { name, industry });
    const person = await api<{ id: string }>('POST', '/people', {
      email: `buyer@${name.toLowerCase()}.example`,
      // Acme's buyer opted out: the timeline says why no email went out.
      ...(name === 'Acme' ? { emailConsent: 'optedOut' } : {}),
    });
    await api('PUT', `/accounts/${account.id}/people/${person.id}`, {});
  }
  audienceId = (
    await api<{ id: string }>('POST', '/audiences', {
      name: 'Every account',
      condition: { match: 'all', rules: [] },
    })
  ).id;
  await api('POST', `/audiences/${audienceId}/evaluate`);
  emailId = (
    await api<{ id: string }>('POST', '/emails', {
      name: 'Welcome email',
      subject: 'Welcome',
      fromName: 'Caravan',
      fromEmail: 'hello@caravan.example',
      html: '<p>Hi</p><a href="https://caravan.example/pricing">Pricing</a> <a href="https://caravan.example/demo">Book a demo</a>',
    })
  ).id;
});

afterAll(async () => session?.close());

describe('a map that explains itself', () => {
  let journeyId: string;

  it('builds a journey through the UI whose cards summarise their settings', async () => {
    journeyId = (await api<{ id: string }>('POST', '/journeys', { name: 'Readable journey' })).id;
    await page.goto(`/journeys/${journeyId}`);
    await page.getByRole('heading', { name: 'Readable journey' }).waitFor();

    // The audience picker shows each audience's live size; the card its name and size.
    await nodeButton('Account audience').click();
    const picker = properties().getByRole('combobox', { name: 'Audience', exact: true });
    await picker.fill('Every');
    const option = page.getByRole('option', { name: 'Every account', exact: true });
    await option.waitFor();
    expect(await option.textContent()).toContain('3 accounts');
    await option.click();
    await nodeCard('Account audience').getByText('Every account · 3 accounts').waitFor();

    // A new split starts with two paths: Path 1 and Other, both labelled on the map.
    await addNode('audience', 'next', 'Split paths');
    await properties().getByText('Split paths', { exact: true }).waitFor();
    const splitId = (await stored(journeyId)).definition.nodes.find((n) => n.type === 'split')!.id;
    await page.locator(`[data-from="${splitId}"][data-port="other"]`).getByText('Other').waitFor();

    // Path 1: Industry is any of Software, the value chosen from the data's suggestions.
    const builder = properties().getByRole('group', { name: 'Condition of path 1' });
    await builder.getByRole('button', { name: 'Add rule' }).click();
    const rule = builder.getByRole('group', { name: 'Rule 1' });
    await rule.getByRole('combobox', { name: 'Attribute' }).fill('Indus');
    await page.getByRole('option', { name: 'Industry', exact: true }).click();
    // Operators follow the type: a text field offers "is any of", not "is less than".
    await rule.getByRole('combobox', { name: 'Operator' }).click();
    expect(await page.getByRole('option', { name: 'is less than' }).count()).toBe(0);
    await page.getByRole('option', { name: 'is any of', exact: true }).click();
    const values = rule.getByRole('combobox', { name: 'Values' });
    await values.click();
    const suggestion = page.getByRole('option', { name: 'Software', exact: true });
    await suggestion.waitFor();
    expect(await page.getByRole('option', { name: 'Finance', exact: true }).count()).toBe(1);
    await suggestion.click();
    await properties().getByRole('textbox', { name: 'Label of path 1' }).fill('Software');
    await nodeCard('Split paths').getByText('Industry is any of Software · Other').waitFor();
    const split = (await stored(journeyId)).definition.nodes.find((n) => n.id === splitId)!;
    const path = (split.settings.paths as { id: string; condition: unknown }[])[0]!;
    expect(path.condition).toEqual({
      match: 'all',
      rules: [{ kind: 'account', attribute: 'industry', operator: 'in', value: ['Software'] }],
    });

    // Software: send the welcome email; the card names the email.
    await addNode(splitId, path.id, 'Take an action');
    await properties().getByText('People', { exact: true }).click();
    await properties().getByLabel('Action', { exact: true }).click();
    await page.getByRole('option', { name: 'Send email' }).click();
    const emailPicker = properties().getByRole('combobox', { name: 'Email', exact: true });
    await emailPicker.fill('Welcome');
    await page.getByRole('option', { name: 'Welcome email', exact: true }).click();
    await nodeCard('Send email').getByText('Welcome email').waitFor();
    const sendId = (await stored(journeyId)).definition.nodes.find((n) => n.type === 'action')!.id;

    // After the email: listen for a click on its demo link, picked by email and link.
    await addNode(sendId, 'next', 'Listen for an event');
    await properties().getByRole('switch', { name: 'Timeout', exact: true }).waitFor();
    const listenerId = (await stored(journeyId)).definition.nodes.find(
      (n) => n.type === 'event',
    )!.id;
    // With the timeout off no timeout path is drawn.
    expect(await page.locator(`[data-from="${listenerId}"][data-port="timeout"]`).count()).toBe(0);
    await properties().getByText('People', { exact: true }).click();
    await properties().getByLabel('Event type', { exact: true }).fill('clicked a link');
    await page.getByRole('option', { name: 'Clicked a link in an email', exact: true }).click();
    await properties().getByRole('combobox', { name: 'In email' }).click();
    await page.getByRole('option', { name: 'Welcome email', exact: true }).click();
    await properties().getByRole('combobox', { name: 'Link' }).click();
    await page.getByRole('option', { name: 'https://caravan.example/demo', exact: true }).click();
    const listener = nodeCard('Listen for an event');
    await listener.getByText(/Clicked a link in an email · in email Welcome email/).waitFor();
    await listener.getByText(/link https:\/\/caravan\.example\/demo/).waitFor();
    const listenerStored = (await stored(journeyId)).definition.nodes.find(
      (n) => n.id === listenerId,
    )!;
    expect(listenerStored.settings.event).toBe('emailClicked');
    expect(listenerStored.settings.constraints).toEqual(
      expect.arrayContaining([
        { field: 'nodeId', operator: 'is', values: [sendId] },
        { field: 'journeyId', operator: 'is', values: [journeyId] },
        { field: 'url', operator: 'is', values: ['https://caravan.example/demo'] },
      ]),
    );
    await page.screenshot({ path: `${shots}/map-readable-built.png` });
  });

  it('leaves room for the toolbar after Fit view', async () => {
    await page.getByRole('button', { name: /fit view/i }).click();
    await page.waitForTimeout(400);
    const toolbar = await page.getByRole('button', { name: 'Undo' }).boundingBox();
    const audience = await nodeButton('Account audience').boundingBox();
    expect(toolbar && audience).toBeTruthy();
    // The first node starts below the toolbar's bottom edge.
    expect(audience!.y).toBeGreaterThan(toolbar!.y + toolbar!.height);
  });

  it('shows the map in Swedish, and keeps the choice for the user on another browser', async () => {
    await page.getByRole('button', { name: 'User menu' }).click();
    await page.getByRole('menuitem', { name: 'Svenska' }).click();
    await nodeButton('Kontomålgrupp').waitFor();
    await nodeButton('Dela upp vägar').waitFor();
    await nodeButton('Skicka e-post').waitFor();
    await nodeButton('Lyssna efter en händelse').waitFor();
    await page.getByText('Övrigt', { exact: true }).waitFor();
    await nodeCard('Kontomålgrupp').getByText('Every account · 3 konton').waitFor();
    await nodeCard('Dela upp vägar').getByText('Bransch är någon av Software · Övrigt').waitFor();
    await page.screenshot({ path: `${shots}/map-readable-swedish.png` });
    await nodeButton('Kontomålgrupp').click();
    await page
      .getByRole('region', { name: 'Egenskaper' })
      .getByText('Kontomålgrupp')
      .first()
      .waitFor();

    // A fresh browser (no stored language) signed in as the same user opens in Swedish.
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({
        baseURL: session.caravan.url,
        viewport: { width: 1440, height: 900 },
      });
      const other = await context.newPage();
      const signIn = await other.request.post('/api/v1/auth/login', { data: admin });
      expect(signIn.ok()).toBe(true);
      await other.goto(`/journeys/${journeyId}`);
      await other.getByRole('button', { name: 'Kontomålgrupp', exact: true }).waitFor();
    } finally {
      await browser.close();
    }

    await page.getByRole('button', { name: 'Användarmeny' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await nodeButton('Account audience').waitFor();
  });
});

describe('a live journey in words', () => {
  it('shows counts of at least 12 px and the timeline in sentences', async () => {
    const journey = await api<{ id: string }>('POST', '/journeys', {
      name: 'Live and readable',
      definition: {
        nodes: [
          {
            id: 'audience',
            type: 'audience',
            settings: { source: 'audience', sourceId: audienceId },
          },
          {
            id: 'split',
            type: 'split',
            settings: {
              by: 'accounts',
              paths: [
                {
                  id: 'software',
                  label: 'Software',
                  condition: {
                    match: 'all',
                    rules: [
                      {
                        kind: 'account',
                        attribute: 'industry',
                        operator: 'equals',
                        value: 'Software',
                      },
                    ],
                  },
                },
              ],
              otherPath: true,
            },
          },
          {
            id: 'email',
            type: 'action',
            settings: { on: 'people', action: { type: 'sendEmail', emailId } },
          },
          { id: 'wait', type: 'wait', settings: { duration: { amount: 2, unit: 'days' } } },
          { id: 'hold', type: 'wait', settings: { duration: { amount: 3, unit: 'days' } } },
        ],
        edges: [
          { from: 'audience', port: 'next', to: 'split' },
          { from: 'split', port: 'software', to: 'email' },
          { from: 'email', port: 'next', to: 'wait' },
          { from: 'split', port: 'other', to: 'hold' },
        ],
      },
      schedule: {
        start: 'immediately',
        end: new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString(),
      },
    });
    await api('POST', `/journeys/${journey.id}/publish`);
    await page.goto(`/journeys/${journey.id}`);
    const current = page.getByRole('button', { name: 'Accounts currently at Wait 2 days: 2' });
    await current.waitFor({ timeout: 60_000 });

    // Counts are readable at the map's default zoom: 12 px or more on screen.
    const onScreen = await current.evaluate((el) => {
      const viewport = document.querySelector('.react-flow__viewport') as HTMLElement;
      const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
      return parseFloat(getComputedStyle(el).fontSize) * zoom;
    });
    expect(onScreen).toBeGreaterThanOrEqual(12);
    // The path labels carry how many took each path.
    await page.locator('[data-from="split"][data-port="software"]').getByText('2').waitFor();
    await page.locator('[data-from="split"][data-port="other"]').getByText('1').waitFor();

    await page.getByRole('button', { name: /fit view/i }).click();
    await page.waitForTimeout(400);
    await current.click();
    const drawer = page.getByRole('dialog', { name: 'Accounts — Wait 2 days' });
    await drawer.getByRole('button', { name: /Acme/ }).click();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    const took = timeline.getByText('Took path Software: Industry is Software');
    await took.waitFor();
    // The engine's own words stay one hover away.
    expect(await took.first().getAttribute('title')).toContain('port software');
    await timeline
      .getByText('Email not sent: the person opted out of email')
      .waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${shots}/map-readable-timeline.png` });

    // This server has no SMTP_URL: Globex's email failed, and the timeline says why in words.
    await page.getByRole('button', { name: 'Back to accounts' }).click();
    await drawer.getByRole('button', { name: /Globex/ }).click();
    const failed = timeline.getByText('Email not sent: email sending is not configured (SMTP_URL)');
    await failed.waitFor({ timeout: 30_000 });
    expect(await failed.first().getAttribute('title')).toContain('SMTP_NOT_CONFIGURED');
    // And the admin is told how to fix it.
    await page
      .getByRole('note', { name: 'Email sending is not configured' })
      .getByText(/set SMTP_URL on the server/)
      .waitFor();
  });
});

describe('the journey list at 1280 px', () => {
  it('gives names room, truncates a 255-character name and sorts from the whole header cell', async () => {
    const long = 'N'.repeat(255);
    await api('POST', '/journeys', { name: long });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/journeys');
    const link = page.getByRole('link', { name: long });
    await link.waitFor();
    // One or two lines, ending in an ellipsis, and the default columns inside the viewport.
    const box = await link.boundingBox();
    expect(box!.height).toBeLessThanOrEqual(2 * 26);
    expect(box!.width).toBeLessThan(460);
    const publishedBy = await page
      .getByRole('columnheader', { name: 'Published by' })
      .boundingBox();
    expect(publishedBy!.x + publishedBy!.width).toBeLessThanOrEqual(1280);
    await link.hover();
    await page.getByRole('tooltip').filter({ hasText: long }).waitFor();

    // A click at the right end of the Name header cell, away from its label, sorts.
    const header = page.getByRole('columnheader', { name: 'Name' });
    const cell = (await header.boundingBox())!;
    const before = await header.getAttribute('aria-sort');
    await page.mouse.click(cell.x + cell.width - 6, cell.y + cell.height / 2);
    await expect.poll(() => header.getAttribute('aria-sort')).not.toBe(before);
    await page.screenshot({ path: `${shots}/journey-list-1280.png` });

    // The map header keeps its buttons on one line beside the truncated name.
    await link.click();
    const settings = page.getByRole('button', { name: 'Journey settings' });
    const more = page.getByRole('button', { name: 'More...' });
    await settings.waitFor();
    const [a, b] = [(await settings.boundingBox())!, (await more.boundingBox())!];
    expect(Math.abs(a.y - b.y)).toBeLessThan(4);
    const title = (await page.getByRole('heading', { level: 1 }).boundingBox())!;
    expect(title.x + title.width).toBeLessThanOrEqual(a.x);
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});
