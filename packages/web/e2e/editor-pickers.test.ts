/**
 * The map editor's data pickers and condition builder, driven in Chromium against the real
 * server: an audience picked by name, a split path's rule built with the builder (its validation
 * problem goes away), an email created inline from *Send email*; all intact after a reload.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignedIn, shots, type SignedIn } from './signed-in.harness.ts';

let session: SignedIn;
let page: Page;

interface StoredNode {
  id: string;
  type: string;
  settings: Record<string, unknown>;
}
interface StoredJourney {
  id: string;
  definition: { nodes: StoredNode[]; edges: { from: string; port: string; to: string }[] };
}

beforeAll(async () => {
  session = await openSignedIn({ viewport: { width: 1600, height: 1000 } });
  page = session.page;
});

afterAll(async () => session?.close());

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

async function storedJourney(id: string): Promise<StoredJourney> {
  await waitUntilSaved();
  return api<StoredJourney>('GET', `/journeys/${id}`);
}

async function addNode(from: string, port: string, item: string): Promise<void> {
  await page
    .locator(`[data-from="${from}"][data-port="${port}"]`)
    .getByRole('button', { name: 'Add node' })
    .click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

/** Types into a searchable picker and clicks the option named `option`. */
async function pick(box: Locator, text: string, option: string): Promise<void> {
  await box.fill(text);
  await page.getByRole('option', { name: option, exact: true }).click();
}

const emptyCondition = { match: 'all', rules: [] };

describe('the map editor pickers and condition builder', () => {
  it('picks an audience by name and builds "industry equals Software" on a split path', async () => {
    const software = await api<{ id: string }>('POST', '/audiences', {
      name: 'Software buyers',
      condition: emptyCondition,
    });
    await api('POST', '/audiences', { name: 'Retail buyers', condition: emptyCondition });
    const journey = await api<StoredJourney>('POST', '/journeys', { name: 'Picker journey' });
    await page.goto(`/journeys/${journey.id}`);
    await page.getByRole('heading', { name: 'Picker journey' }).waitFor();

    // The audience node: its picker searches the audiences and shows names.
    await nodeButton('Account audience').click();
    await properties().getByText('Choose the account audience or list to start from.').waitFor();
    await pick(
      properties().getByRole('combobox', { name: 'Audience', exact: true }),
      'Softw',
      'Software buyers',
    );
    await properties()
      .getByText('Choose the account audience or list to start from.')
      .waitFor({ state: 'detached' });

    // A split by accounts: its path has no rule until the builder adds one.
    await addNode('audience', 'next', 'Split paths');
    await properties().getByText('Split paths', { exact: true }).waitFor();
    const missing = properties().getByText('Add at least one rule to path "Path 1".');
    await missing.waitFor();
    const builder = properties().getByRole('group', { name: 'Condition of path 1' });
    await builder.getByRole('button', { name: 'Add rule' }).click();
    const rule = builder.getByRole('group', { name: 'Rule 1' });
    await pick(rule.getByRole('combobox', { name: 'Attribute' }), 'Indus', 'Industry');
    await rule.getByRole('combobox', { name: 'Value' }).fill('Software');
    await missing.waitFor({ state: 'detached' });
    await page.screenshot({ path: `${shots}/editor-pickers-builder.png` });

    // Saved as the core condition; a reload shows the same rule and the audience by name.
    const stored = await storedJourney(journey.id);
    const byType = (type: string) => stored.definition.nodes.find((n) => n.type === type);
    expect(byType('audience')?.settings).toEqual({ source: 'audience', sourceId: software.id });
    expect((byType('split')?.settings.paths as { condition: unknown }[])[0]?.condition).toEqual({
      match: 'all',
      rules: [{ kind: 'account', attribute: 'industry', operator: 'equals', value: 'Software' }],
    });

    await page.reload();
    await nodeButton('Split paths').click();
    const reloaded = properties()
      .getByRole('group', { name: 'Condition of path 1' })
      .getByRole('group', { name: 'Rule 1' });
    expect(await reloaded.getByRole('combobox', { name: 'Attribute' }).inputValue()).toBe(
      'Industry',
    );
    expect(await reloaded.getByRole('combobox', { name: 'Value' }).inputValue()).toBe('Software');
    expect(await properties().getByText('Add at least one rule').count()).toBe(0);
    await nodeCard('Split paths').waitFor();
    await nodeButton('Account audience').click();
    const audience = properties().getByRole('combobox', { name: 'Audience', exact: true });
    await expect.poll(() => audience.inputValue()).toBe('Software buyers');
  });

  it('creates a new email inline from Send email and selects it', async () => {
    const journey = await api<StoredJourney>('POST', '/journeys', { name: 'Inline email journey' });
    await page.goto(`/journeys/${journey.id}`);
    await page.getByRole('heading', { name: 'Inline email journey' }).waitFor();
    await addNode('audience', 'next', 'Take an action');
    await properties().getByText('People', { exact: true }).click();
    await properties().getByLabel('Action', { exact: true }).click();
    await page.getByRole('option', { name: 'Send email' }).click();

    await properties().getByRole('button', { name: 'New email…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New email' });
    await dialog.getByLabel(/^Name/).fill('Welcome aboard');
    await dialog.getByLabel(/^Subject/).fill('Hello {{person.firstName}}');
    await dialog.getByLabel(/^From name/).fill('Caravan');
    await dialog.getByLabel(/^From email/).fill('news@example.com');
    await dialog.getByLabel(/^HTML body/).fill('<p>Welcome!</p>');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'detached' });

    const email = properties().getByRole('combobox', { name: 'Email', exact: true });
    await expect.poll(() => email.inputValue()).toBe('Welcome aboard');
    const emails = await api<{ items: { id: string; name: string }[] }>('GET', '/emails');
    const created = emails.items.find((e) => e.name === 'Welcome aboard');
    expect(created).toBeDefined();
    const stored = await storedJourney(journey.id);
    expect(stored.definition.nodes.find((n) => n.type === 'action')?.settings).toEqual({
      on: 'people',
      action: { type: 'sendEmail', emailId: created?.id },
    });
  });
});
