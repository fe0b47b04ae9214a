/**
 * The one + menu of the map (`node-menu.tsx`): opened at the + that was clicked, named by that +
 * (expanded / collapsed), closed by a second click on it, by Escape with focus back on its +, and
 * by moving the canvas.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignedIn, type SignedIn } from './signed-in.harness.ts';

let session: SignedIn;
let page: Page;

beforeAll(async () => {
  session = await openSignedIn({ viewport: { width: 1600, height: 1000 } });
  page = session.page;
});

afterAll(async () => session?.close());

const plusOf = (from: string, port: string) =>
  page
    .locator(`[data-from="${from}"][data-port="${port}"]`)
    .getByRole('button', { name: 'Add node' });

describe('the + menu of the map', () => {
  it('opens at the + clicked, closes on Escape with focus back on it, and when the canvas moves', async () => {
    const journey = await session.api<{ id: string }>('POST', '/journeys', {
      name: 'Menu journey',
      definition: {
        nodes: [
          { id: 'audience', type: 'audience', settings: {} },
          {
            id: 'split',
            type: 'split',
            settings: {
              by: 'accounts',
              paths: [{ id: 'p1', label: 'Software', condition: { match: 'all', rules: [] } }],
              otherPath: true,
            },
          },
        ],
        edges: [{ from: 'audience', port: 'next', to: 'split' }],
      },
    });
    await page.goto(`/journeys/${journey.id}`);
    const software = plusOf('split', 'p1');
    const other = plusOf('split', 'other');
    await software.waitFor();
    expect(await software.getAttribute('aria-expanded')).toBe('false');

    // Opened at the + clicked: the menu sits right below it, and only that + says so.
    await software.click();
    const menu = page.getByRole('menu');
    await menu.waitFor();
    const plusBox = (await software.boundingBox())!;
    const menuBox = (await menu.boundingBox())!;
    // Below it, or above it where the window has no room below: next to it either way.
    const gapBelow = menuBox.y - (plusBox.y + plusBox.height);
    const gapAbove = plusBox.y - (menuBox.y + menuBox.height);
    expect(
      (gapBelow >= -1 && gapBelow < 40) || (gapAbove >= -1 && gapAbove < 40),
      JSON.stringify({ plusBox, menuBox }),
    ).toBe(true);
    expect(Math.abs(menuBox.x + menuBox.width / 2 - (plusBox.x + plusBox.width / 2))).toBeLessThan(
      menuBox.width / 2,
    );
    expect(await software.getAttribute('aria-expanded')).toBe('true');
    expect(await other.getAttribute('aria-expanded')).toBe('false');
    // *Merge paths* is offered below a split by accounts.
    await page.getByRole('menuitem', { name: 'Merge paths', exact: true }).waitFor();

    // A second click on its + closes it.
    await software.click();
    await menu.waitFor({ state: 'detached' });
    expect(await software.getAttribute('aria-expanded')).toBe('false');
    await software.click();
    await menu.waitFor();

    // Escape closes it and gives the focus back to its +.
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    expect(await software.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await software.getAttribute('aria-expanded')).toBe('false');

    // Another + opens the same menu there; dragging the canvas closes it.
    await other.click();
    await menu.waitFor();
    expect(await other.getAttribute('aria-expanded')).toBe('true');
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    await page.mouse.move(pane.x + 30, pane.y + pane.height - 30);
    await page.mouse.down();
    await page.mouse.move(pane.x + 130, pane.y + pane.height - 60, { steps: 5 });
    await page.mouse.up();
    await menu.waitFor({ state: 'detached' });

    // An item adds its node on the path of the + it was opened from.
    await other.click();
    await page.getByRole('menuitem', { name: 'Wait', exact: true }).click();
    await page.getByRole('button', { name: /^Wait/ }).first().waitFor();
    await expect
      .poll(async () => {
        const stored = await session.api<{
          definition: { edges: { from: string; port: string }[] };
        }>('GET', `/journeys/${journey.id}`);
        return stored.definition.edges.some((e) => e.from === 'split' && e.port === 'other');
      })
      .toBe(true);
  });
});
