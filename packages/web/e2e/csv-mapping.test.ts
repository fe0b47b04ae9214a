/**
 * The CSV import's mapping step in Chromium against the real server: headers matched by synonym,
 * one column mapped by hand to a custom attribute and one skipped, the preview of the first rows
 * as imported, the template download, and the accounts stored with the mapped values.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignedIn, shots, type SignedIn } from './signed-in.harness.ts';

let session: SignedIn;
let page: Page;

const api = <T>(method: string, path: string, data?: unknown) => session.api<T>(method, path, data);

beforeAll(async () => {
  session = await openSignedIn({ viewport: { width: 1440, height: 900 } });
  page = session.page;
  await api('POST', '/attribute-definitions', {
    entity: 'account',
    name: 'tier',
    label: 'Customer tier',
    type: 'text',
  });
}, 120_000);

afterAll(async () => {
  await session?.close();
});

describe('CSV import with a column mapping', () => {
  it('suggests fields for Company Name and Website, maps Level to a custom attribute, skips Notes and imports', async () => {
    await page.goto('/import');
    const template = page.getByRole('link', { name: 'Download a template (Accounts)' });
    expect(await template.getAttribute('download')).toBe('caravan-accounts-template.csv');
    expect(decodeURIComponent((await template.getAttribute('href')) ?? '')).toContain(
      'externalId,name,domain',
    );

    const csv = [
      'Company Name,Website,Level,Notes',
      'Acme Mapped,acme-mapped.example,Gold,call back',
      'Beta Mapped,beta-mapped.example,Silver,',
    ].join('\n');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'CSV file' }).click();
    await (
      await chooser
    ).setFiles({ name: 'accounts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });

    const mapping = page.getByRole('table', { name: 'Column mapping' });
    await mapping.waitFor();
    const target = (header: string) => page.getByLabel(`Import "${header}" into`).first();
    expect(await target('Company Name').inputValue()).toBe('Name');
    expect(await target('Website').inputValue()).toBe('Domain');
    expect(await target('Level').inputValue()).toBe('Skip this column');
    await target('Level').click();
    await page.getByRole('option', { name: 'Customer tier' }).click();
    expect(await target('Notes').inputValue()).toBe('Skip this column');

    const preview = page.getByRole('table', { name: 'Import preview' });
    const headers = await preview.getByRole('columnheader').allTextContents();
    expect(headers).toEqual(['Name', 'Domain', 'Customer tier']);
    const first = await preview.getByRole('row').nth(1).getByRole('cell').allTextContents();
    expect(first).toEqual(['Acme Mapped', 'acme-mapped.example', 'Gold']);
    await page.screenshot({ path: `${shots}/import-mapping.png`, fullPage: true });

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const inserted = page.getByRole('group', { name: 'Inserted' });
    await inserted.waitFor();
    expect(await inserted.textContent()).toContain('2');

    const found = await api<{ items: Array<{ name: string; domain: string; attributes: object }> }>(
      'GET',
      '/accounts?search=Mapped',
    );
    expect(found.items.map((a) => [a.name, a.domain, a.attributes])).toEqual([
      ['Acme Mapped', 'acme-mapped.example', { tier: 'Gold' }],
      ['Beta Mapped', 'beta-mapped.example', { tier: 'Silver' }],
    ]);
  });
});
