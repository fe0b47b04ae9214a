/**
 * Issue 5, "How it is checked": from an empty draft, build through the map editor a journey with
 * an audience, a people email, a wait with must-end-on, a split by accounts with three paths and
 * other, a listener with a timeout path, a people split, a variant split and a merge; see a
 * validation error come and go; set the schedule; publish; reload and find it intact; export its
 * JSON, validate it with the CLI and import it as an identical draft. Chromium against the real
 * server, nothing mocked.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignedIn, shots, type SignedIn } from './signed-in.harness.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
let session: SignedIn;
let page: Page;

interface StoredNode {
  id: string;
  type: string;
  settings: Record<string, unknown>;
}
interface StoredJourney {
  id: string;
  status: string;
  definition: { nodes: StoredNode[]; edges: { from: string; port: string; to: string }[] };
  schedule: unknown;
  settings: unknown;
}

beforeAll(async () => {
  session = await openSignedIn({ viewport: { width: 1600, height: 1100 }, acceptDownloads: true });
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

async function stored(journeyId: string): Promise<StoredJourney> {
  await waitUntilSaved();
  return api<StoredJourney>('GET', `/journeys/${journeyId}`);
}

/** The id of the only stored node of `type` matching `where`. */
async function nodeId(
  journeyId: string,
  type: string,
  where: (n: StoredNode) => boolean = () => true,
): Promise<string> {
  const node = (await stored(journeyId)).definition.nodes.find((n) => n.type === type && where(n));
  if (!node) throw new Error(`no ${type} node stored`);
  return node.id;
}

async function addNode(from: string, port: string, item: string): Promise<void> {
  await page.getByRole('button', { name: /fit view/i }).click();
  await page
    .locator(`[data-from="${from}"][data-port="${port}"]`)
    .getByRole('button', { name: 'Add node' })
    .click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

/** A searchable picker: type part of the name, choose the option. */
async function pick(label: string, name: string): Promise<void> {
  const box = properties().getByLabel(label, { exact: true });
  await box.click();
  await box.fill(name);
  await page.getByRole('option', { name, exact: true }).click();
}

/** A path's condition through the builder's JSON view (the rule forms are tested elsewhere). */
async function setCondition(pathNumber: number, condition: unknown): Promise<void> {
  const group = properties().getByRole('group', { name: `Condition of path ${pathNumber}` });
  await group.getByRole('switch', { name: 'JSON' }).check();
  await group.getByRole('textbox', { name: 'Condition as JSON' }).fill(JSON.stringify(condition));
  await group.getByRole('textbox', { name: 'Condition as JSON' }).blur();
}

const accountRule = (value: string) => ({
  match: 'all',
  rules: [{ kind: 'account', attribute: 'industry', operator: 'equals', value }],
});

describe('building a journey on the map', () => {
  it('builds, validates, schedules, publishes, reloads, exports and imports a journey', async () => {
    await api('POST', '/audiences', {
      name: 'Build audience',
      condition: { match: 'all', rules: [] },
    });
    await api('POST', '/emails', {
      name: 'Build welcome',
      subject: 'Welcome',
      fromName: 'Caravan',
      fromEmail: 'hello@example.com',
      html: '<p>Hi</p><a href="{{system.unsubscribeUrl}}">Unsubscribe</a>',
      text: 'Hi',
    });
    const journey = await api<StoredJourney>('POST', '/journeys', { name: 'Built on the map' });
    await page.goto(`/journeys/${journey.id}`);
    await page.getByRole('heading', { name: 'Built on the map' }).waitFor();

    // The audience: its problem shows on the node until an audience is picked.
    const audienceBadge = nodeCard('Account audience').getByRole('status');
    await audienceBadge.waitFor();
    await nodeButton('Account audience').click();
    await pick('Audience', 'Build audience');
    await audienceBadge.waitFor({ state: 'detached' });

    // A split by accounts with three paths and Other, each path with a condition.
    await addNode('audience', 'next', 'Split paths');
    await properties().getByRole('button', { name: 'Add path' }).click();
    await properties().getByRole('button', { name: 'Add path' }).click();
    await properties().getByRole('switch', { name: 'Other path' }).check();
    await properties().getByRole('textbox', { name: 'Label of path 1' }).fill('Tech');
    await properties().getByRole('textbox', { name: 'Label of path 2' }).fill('Finance');
    await properties().getByRole('textbox', { name: 'Label of path 3' }).fill('Retail');
    for (const [n, industry] of [
      [1, 'Tech'],
      [2, 'Finance'],
      [3, 'Retail'],
    ] as const) {
      await setCondition(n, accountRule(industry));
    }
    const splitId = await nodeId(journey.id, 'split');
    const paths = (await stored(journey.id)).definition.nodes.find((n) => n.id === splitId)!
      .settings.paths as { id: string; condition?: unknown }[];
    expect(paths.map((p) => p.condition)).toEqual(
      ['Tech', 'Finance', 'Retail'].map((v) => accountRule(v)),
    );
    const [tech, finance, retail] = paths.map((p) => p.id) as [string, string, string];

    // Tech: a people email, then a wait that must end on Tuesday 09:00.
    await addNode(splitId, tech, 'Take an action');
    await properties().getByText('People', { exact: true }).click();
    await properties().getByLabel('Action', { exact: true }).click();
    await page.getByRole('option', { name: 'Send email' }).click();
    await pick('Email', 'Build welcome');
    await nodeButton('Send email').waitFor();
    const emailId = await nodeId(journey.id, 'action');
    await addNode(emailId, 'next', 'Wait');
    await properties().getByRole('switch', { name: 'Must end on' }).check();
    await properties().getByRole('checkbox', { name: 'Tue' }).check();
    await properties().getByLabel('Time', { exact: true }).fill('09:00');
    await properties()
      .getByText(/An account entering now would leave on .*Tuesday/)
      .waitFor();

    // Finance: a listener with a timeout path; its problem comes and goes with the event type.
    await addNode(splitId, finance, 'Listen for an event');
    const listenerBadge = nodeCard('Listen for an event').getByRole('status');
    await listenerBadge.waitFor();
    await properties().getByRole('switch', { name: 'Timeout', exact: true }).check();
    await properties().getByLabel('Event type', { exact: true }).fill('interesting');
    await page.getByRole('option', { name: 'Had an interesting moment' }).click();
    await listenerBadge.waitFor({ state: 'detached' });
    await page.locator('[data-port="timeout"]').waitFor();

    // Retail: a split by people with one path.
    await addNode(splitId, retail, 'Split paths');
    const peopleSplitId = await nodeId(journey.id, 'split', (n) => n.id !== splitId);
    await properties().getByText('People', { exact: true }).click();
    await setCondition(1, {
      match: 'all',
      rules: [{ kind: 'person', attribute: 'title', operator: 'contains', value: 'CTO' }],
    });

    // Other: a variant split, 50 / 50.
    await addNode(splitId, 'other', 'Variant split paths');
    await properties().getByText('Total: 100%').waitFor();

    // A merge after the wait joins the listener's timeout path.
    const waitId = await nodeId(journey.id, 'wait');
    await addNode(waitId, 'next', 'Merge paths');
    const mergeBadge = nodeCard('Merge paths').getByRole('status');
    await mergeBadge.waitFor();
    await properties().getByRole('checkbox', { name: 'Listen for an event: Timeout' }).check();
    await mergeBadge.waitFor({ state: 'detached' });

    // Only the schedule is missing now; the settings dialog fixes it.
    await page.getByText('Resolve errors before publishing').waitFor();
    await page.getByRole('button', { name: 'Journey settings', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Journey settings' });
    const end = new Date(Date.now() + 60 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    await settings.getByLabel('End date and time').fill(`${end}T12:00`);
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.waitFor({ state: 'detached' });
    await page.getByText('Resolve errors before publishing').waitFor({ state: 'detached' });
    await waitUntilSaved();
    await page.screenshot({ path: `${shots}/editor-build.png` });
    const built = await api<StoredJourney>('GET', `/journeys/${journey.id}`);
    expect(built.definition.nodes.map((n) => n.type).sort()).toEqual([
      'action',
      'audience',
      'event',
      'merge',
      'split',
      'split',
      'variantSplit',
      'wait',
    ]);
    expect(built.definition.nodes.find((n) => n.id === peopleSplitId)?.settings.by).toBe('people');

    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const publish = page.getByRole('dialog', { name: 'Publish journey' });
    await publish.getByRole('table', { name: 'Review journey settings' }).waitFor();
    await publish.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('button', { name: 'Close to new entries' }).waitFor();

    // Reloaded, the live journey shows the same map and the same definition.
    await page.reload();
    for (const title of [
      'Send email',
      'Listen for an event',
      'Merge paths',
      'Variant split paths',
    ]) {
      await nodeButton(title).waitFor();
    }
    const live = await api<StoredJourney>('GET', `/journeys/${journey.id}`);
    expect(live.status).toBe('live');
    expect(live.definition).toEqual(built.definition);

    // Export from the map, import from the list: an identical draft.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export JSON' }).click(),
    ]);
    const file = await download.path();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ name: 'Built on the map' });
    // The same file validates from the CLI with the same core validation.
    const cli = ['--import', 'tsx', 'packages/cli/src/main.ts', 'validate', file];
    const validated = execFileSync(process.execPath, cli, { cwd: repoRoot, encoding: 'utf8' });
    expect(validated).toMatch(/: valid \(0 errors/);
    await page.goto('/journeys');
    await page.getByRole('button', { name: 'Import journey' }).click();
    const importing = page.getByRole('dialog', { name: 'Import journey' });
    await importing.getByLabel('Journey file (JSON)').setInputFiles(file);
    await importing.getByLabel('Name').fill('Built on the map (imported)');
    await importing.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Built on the map (imported)' }).waitFor();
    const copyId = page.url().split('/').pop() ?? '';
    const copy = await api<StoredJourney>('GET', `/journeys/${copyId}`);
    expect(copy.status).toBe('draft');
    expect(copy.definition).toEqual(live.definition);
    expect(copy.schedule).toEqual(live.schedule);
    expect(copy.settings).toEqual(live.settings);
  });
});
