/**
 * The journey map editor, driven in Chromium against the real server: adding nodes with the +
 * on a path, the Properties forms, validation on the nodes, undo / redo and autosave.
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
/** The card of a node on the canvas, found by its title. */
const nodeCard = (title: string): Locator =>
  page.locator('.react-flow__node').filter({ has: nodeButton(title) });

async function waitUntilSaved(): Promise<void> {
  await page
    .getByRole('status')
    .filter({ hasText: /^Saved$/ })
    .waitFor();
}

/** The stored node of `type` (after autosave), to find the + of its paths. */
async function storedNode(journeyId: string, type: string): Promise<StoredNode> {
  await waitUntilSaved();
  const journey = await api<StoredJourney>('GET', `/journeys/${journeyId}`);
  const node = journey.definition.nodes.find((n) => n.type === type);
  if (!node) throw new Error(`no ${type} node stored`);
  return node;
}

async function addNode(from: string, port: string, item: string): Promise<void> {
  await page
    .locator(`[data-from="${from}"][data-port="${port}"]`)
    .getByRole('button', { name: 'Add node' })
    .click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

describe('the journey map editor', () => {
  it('builds a journey with waits, splits and a listener, validates, undoes and autosaves', async () => {
    const journey = await api<StoredJourney>('POST', '/journeys', { name: 'Editor journey' });
    await page.goto(`/journeys/${journey.id}`);
    await page.getByRole('heading', { name: 'Editor journey' }).waitFor();
    await page.getByText('Resolve errors before publishing').waitFor();
    expect(await page.getByRole('button', { name: 'Publish' }).isDisabled()).toBe(true);

    // A Wait after the audience, aligned to Tuesdays at 09:00.
    await addNode('audience', 'next', 'Wait');
    await nodeButton('Wait 5 days').waitFor();
    await properties().getByText('Wait 5 days').waitFor();
    await properties().getByRole('switch', { name: 'Must end on' }).check();
    await properties().getByRole('checkbox', { name: 'Tue' }).check();
    await properties().getByLabel('Time', { exact: true }).fill('09:00');
    await properties()
      .getByText(/An account entering now would leave on .*Tuesday/)
      .waitFor();

    // A split with three paths and Other after the wait.
    const wait = await storedNode(journey.id, 'wait');
    await addNode(wait.id, 'next', 'Split paths');
    await properties().getByText('Split paths', { exact: true }).waitFor();
    await properties().getByRole('button', { name: 'Add path' }).click();
    await properties().getByRole('button', { name: 'Add path' }).click();
    await properties().getByRole('switch', { name: 'Other path' }).check();
    await properties().getByRole('textbox', { name: 'Label of path 3' }).fill('Enterprise');
    await page.getByText('Enterprise', { exact: true }).first().waitFor();
    await nodeCard('Split paths').getByRole('status').waitFor();

    // A listener with a timeout path on the first path: its problems show on it until fixed.
    const split = await storedNode(journey.id, 'split');
    const firstPath = (split.settings.paths as { id: string }[])[0]!.id;
    await addNode(split.id, firstPath, 'Listen for an event');
    const listenerBadge = nodeCard('Listen for an event').getByRole('status');
    await listenerBadge.waitFor();
    expect(await listenerBadge.getAttribute('aria-label')).toBe('1 problem');
    await properties().getByText('Choose the event to listen for.').waitFor();
    await properties().getByRole('switch', { name: 'Timeout', exact: true }).check();
    await properties()
      .getByText(/An account entering now would leave on/)
      .waitFor();
    await properties().getByLabel('Event type', { exact: true }).fill('interesting');
    await page.getByRole('option', { name: 'Had an interesting moment' }).click();
    await listenerBadge.waitFor({ state: 'detached' });
    await page.locator('[data-port="timeout"]').waitFor();
    await page.screenshot({ path: `${shots}/editor-built.png` });

    // Undo takes the typed event type back (the problem returns); redo restores it; so do keys.
    await page.getByRole('button', { name: 'Undo' }).click();
    await listenerBadge.waitFor();
    await page.getByRole('button', { name: 'Redo' }).click();
    await listenerBadge.waitFor({ state: 'detached' });
    await page.keyboard.press('Control+z');
    await listenerBadge.waitFor();
    await page.keyboard.press('Control+Shift+z');
    await listenerBadge.waitFor({ state: 'detached' });

    // The Problems list jumps to the node a problem belongs to.
    await page.getByRole('button', { name: 'Problems' }).click();
    const drawer = page.getByRole('dialog', { name: 'Problems' });
    await drawer.getByText('Add at least one rule to path "Enterprise".').click();
    await drawer.waitFor({ state: 'detached' });
    await properties().getByRole('textbox', { name: 'Label of path 3' }).waitFor();
    await page.screenshot({ path: `${shots}/editor-problems.png` });

    // Saved: a reload finds the same journey.
    await waitUntilSaved();
    await page.reload();
    await nodeButton('Listen for an event').waitFor();
    await nodeButton('Split paths').waitFor();
    await nodeButton('Wait 5 days').waitFor();
    const stored = await api<StoredJourney>('GET', `/journeys/${journey.id}`);
    const byType = (type: string) => stored.definition.nodes.find((n) => n.type === type);
    expect(stored.definition.nodes.map((n) => n.type).sort()).toEqual([
      'audience',
      'event',
      'split',
      'wait',
    ]);
    expect(byType('wait')?.settings).toEqual({
      duration: { amount: 5, unit: 'days' },
      mustEndOn: { weekdays: ['tue'], time: '09:00' },
    });
    const splitSettings = byType('split')?.settings as {
      paths: { label: string }[];
      otherPath: boolean;
    };
    expect(splitSettings.paths.map((p) => p.label)).toEqual(['Path 1', 'Path 2', 'Enterprise']);
    expect(splitSettings.otherPath).toBe(true);
    expect(byType('event')?.settings).toMatchObject({
      on: 'accounts',
      event: 'interestingMoment',
      timeoutPath: true,
      timeout: { duration: { amount: 3, unit: 'days' } },
    });
    expect(stored.definition.edges).toHaveLength(3);
  });

  it('merges paths, switches an action to people, shares variants evenly and deletes nodes', async () => {
    const rule = (value: string) => ({
      match: 'all',
      rules: [{ kind: 'account', attribute: 'industry', operator: 'equals', value }],
    });
    const journey = await api<StoredJourney>('POST', '/journeys', {
      name: 'Editor paths journey',
      definition: {
        nodes: [
          { id: 'audience', type: 'audience', settings: { source: 'audience', sourceId: 'a-1' } },
          {
            id: 'split',
            type: 'split',
            settings: {
              by: 'accounts',
              paths: [
                { id: 'tech', label: 'Tech', condition: rule('Tech') },
                { id: 'fin', label: 'Finance', condition: rule('Finance') },
              ],
              otherPath: false,
            },
          },
          { id: 'wait', type: 'wait', settings: { duration: { amount: 2, unit: 'days' } } },
        ],
        edges: [
          { from: 'audience', port: 'next', to: 'split' },
          { from: 'split', port: 'tech', to: 'wait' },
        ],
      },
    });
    await page.goto(`/journeys/${journey.id}`);
    await nodeButton('Wait 2 days').waitFor();

    // Merge paths is offered only below the split; its check boxes join the open Finance path.
    await page
      .locator('[data-from="audience"][data-port="next"]')
      .getByRole('button', { name: 'Add node' })
      .click();
    await page.getByRole('menuitem', { name: 'Wait', exact: true }).waitFor();
    expect(await page.getByRole('menuitem', { name: 'Merge paths' }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await addNode('wait', 'next', 'Merge paths');
    const mergeBadge = nodeCard('Merge paths').getByRole('status');
    await mergeBadge.waitFor();
    await properties().getByRole('checkbox', { name: 'Split paths: Finance' }).check();
    await mergeBadge.waitFor({ state: 'detached' });

    // An account action; switching to people asks before it clears the action.
    const merge = await storedNode(journey.id, 'merge');
    await addNode(merge.id, 'next', 'Take an action');
    await properties().getByText('Accounts', { exact: true }).click();
    await properties().getByLabel('Action', { exact: true }).click();
    await page.getByRole('option', { name: 'Send sales alert' }).click();
    await properties().getByLabel('Recipients (comma-separated emails)').fill('sales@example.com');
    await nodeButton('Send sales alert').waitFor();
    await properties().getByText('People', { exact: true }).click();
    const switchDialog = page.getByRole('dialog', { name: 'Switch between accounts and people' });
    await switchDialog.getByRole('button', { name: 'Switch' }).click();
    await nodeButton('Take an action').waitFor();

    // A variant split: the running total follows the shares; Distribute evenly makes 100%.
    const action = await storedNode(journey.id, 'action');
    await addNode(action.id, 'next', 'Variant split paths');
    await properties().getByText('Total: 100%').waitFor();
    await properties().getByLabel('Share of path 1').fill('70');
    await properties().getByText('Total: 120%').waitFor();
    await properties().getByRole('button', { name: 'Add path' }).click();
    await properties().getByRole('button', { name: 'Distribute evenly' }).click();
    await properties().getByText('Total: 100%').waitFor();
    expect(await properties().getByLabel('Share of path 1').inputValue()).toBe('34%');
    await properties().getByRole('button', { name: 'Delete path 3' }).click();
    await properties().getByLabel('Share of path 3').waitFor({ state: 'detached' });
    await page.screenshot({ path: `${shots}/editor-variants.png` });

    // A split with a node on a path cannot go; the wait can, after confirming.
    await page.getByRole('button', { name: /fit view/i }).click();
    await nodeButton('Split paths').click();
    await properties().getByRole('button', { name: 'Delete node' }).click();
    await page
      .getByRole('dialog', { name: 'Delete node' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await page.getByText('Remove the nodes on the path first.').waitFor();
    await nodeButton('Wait 2 days').click();
    await properties().getByRole('button', { name: 'Delete node' }).click();
    await page
      .getByRole('dialog', { name: 'Delete node' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await nodeButton('Wait 2 days').waitFor({ state: 'detached' });

    await waitUntilSaved();
    const stored = await api<StoredJourney>('GET', `/journeys/${journey.id}`);
    const types = stored.definition.nodes.map((n) => n.type).sort();
    expect(types).toEqual(['action', 'audience', 'merge', 'split', 'variantSplit']);
    const mergeId = stored.definition.nodes.find((n) => n.type === 'merge')!.id;
    const into = stored.definition.edges.filter((e) => e.to === mergeId).map((e) => e.port);
    expect(into.sort()).toEqual(['fin', 'tech']);
    const variant = stored.definition.nodes.find((n) => n.type === 'variantSplit')!;
    const shares = (variant.settings.paths as { percent: number }[]).map((p) => p.percent);
    expect(shares).toEqual([34, 33]);
    expect(stored.definition.nodes.find((n) => n.type === 'action')!.settings).toEqual({
      on: 'people',
    });
  });

  it('shows a live journey read-only: no + on its paths and its Properties disabled', async () => {
    const end = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
    // Publish checks that the audience exists.
    const audience = await api<{ id: string }>('POST', '/audiences', {
      name: 'Editor live audience',
      condition: { match: 'all', rules: [] },
    });
    const journey = await api<StoredJourney>('POST', '/journeys', {
      name: 'Editor live journey',
      definition: {
        nodes: [
          {
            id: 'audience',
            type: 'audience',
            settings: { source: 'audience', sourceId: audience.id },
          },
          { id: 'wait', type: 'wait', settings: { duration: { amount: 1, unit: 'days' } } },
        ],
        edges: [{ from: 'audience', port: 'next', to: 'wait' }],
      },
      schedule: { start: 'immediately', end },
    });
    await api('POST', `/journeys/${journey.id}/publish`);
    await page.goto(`/journeys/${journey.id}`);
    await nodeButton('Wait 1 day').click();
    await properties().getByText('Wait 1 day').waitFor();
    expect(await properties().getByLabel('Amount').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Add node' }).count()).toBe(0);
    expect(await properties().getByRole('button', { name: 'Delete node' }).count()).toBe(0);
  });
});
