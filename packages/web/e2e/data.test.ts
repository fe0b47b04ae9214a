/**
 * The B2B data pages (accounts, people, emails, SMS, event types, import), driven in Chromium
 * against the real server. Controls are found by role and accessible name.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignedIn, shots, type SignedIn } from './signed-in.harness.ts';

let session: SignedIn;
let page: Page;

beforeAll(async () => {
  session = await openSignedIn({ viewport: { width: 1440, height: 900 } });
  page = session.page;
});

afterAll(async () => session?.close());

const api = <T>(method: string, path: string, data?: unknown) => session.api<T>(method, path, data);

const button = (name: string) => page.getByRole('button', { name, exact: true });
const dialog = (name: string) => page.getByRole('dialog', { name });
const heading = (name: string) => page.getByRole('heading', { name, level: 1 });
const navigation = () => page.getByRole('navigation', { name: 'Navigation' });

describe('data pages', () => {
  it('creates an account, finds it by search, opens it and adds a person to it', async () => {
    await api('POST', '/people', {
      email: 'ada@acme.example',
      firstName: 'Ada',
      lastName: 'Byron',
    });
    await page.goto('/journeys');
    await navigation().getByRole('link', { name: 'Accounts' }).click();
    await heading('Accounts').waitFor();

    await button('Create account').click();
    const create = dialog('Create account');
    await create.getByLabel('Name').fill('Acme Robotics');
    await create.getByLabel('Domain').fill('acme.example');
    await create.getByLabel('Employees').fill('250');
    await create.getByRole('button', { name: 'Create' }).click();
    await create.waitFor({ state: 'detached' });

    await api('POST', '/accounts', { name: 'Other Corp' });
    await page.getByRole('searchbox', { name: 'Search' }).fill('acme');
    await page.getByText('1 in total').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Acme Robotics' });
    expect(await row.textContent()).toContain('acme.example');
    await page.screenshot({ path: `${shots}/data-accounts.png`, fullPage: true });

    await row.getByRole('link', { name: 'Acme Robotics' }).click();
    await heading('Acme Robotics').waitFor();
    await page.getByRole('combobox', { name: 'Person (search by email)' }).fill('ada@');
    await page.getByRole('option', { name: /ada@acme\.example/ }).click();
    await page.getByLabel('Role').fill('Champion');
    await button('Add person').click();
    const people = page.getByRole('table', { name: 'People' });
    await people.getByRole('row').filter({ hasText: 'ada@acme.example' }).waitFor();
    expect(await people.textContent()).toContain('Champion');
    await page.screenshot({ path: `${shots}/data-account-detail.png`, fullPage: true });
  });

  it('saves an edited account field with Edit and Save', async () => {
    const account = await api<{ id: string }>('POST', '/accounts', { name: 'Editable AB' });
    await page.goto(`/accounts/${account.id}`);
    await heading('Editable AB').waitFor();
    await button('Edit').click();
    await page.getByLabel('Industry').fill('Forestry');
    await button('Save').click();
    await button('Edit').waitFor();
    const saved = await api<{ industry: string | null }>('GET', `/accounts/${account.id}`);
    expect(saved.industry).toBe('Forestry');
  });

  it('imports a people CSV and shows the counts and the rejected line', async () => {
    await page.goto('/import');
    await heading('Import').waitFor();
    await page.getByRole('main').getByText('People', { exact: true }).click();
    expect(await page.getByRole('radio', { name: 'People' }).isChecked()).toBe(true);
    const csv = [
      'email,firstName,lastName,emailConsent',
      'grace@example.com,Grace,Hopper,optedIn',
      'broken@example.com,Bad,Row,maybe',
      'linus@example.com,Linus,Torvalds,optedOut',
    ].join('\n');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'CSV file' }).click();
    await (
      await chooser
    ).setFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await button('Import').click();

    const inserted = page.getByRole('group', { name: 'Inserted' });
    await inserted.waitFor();
    expect(await inserted.textContent()).toContain('2');
    expect(await page.getByRole('group', { name: 'Rejected' }).textContent()).toContain('1');
    const rejected = page.getByRole('table', { name: 'Rejected rows' });
    const cells = await rejected.getByRole('row').nth(1).getByRole('cell').allTextContents();
    expect(cells[0]).toBe('3');
    expect(cells[1]).toMatch(/emailConsent/);
    await page.screenshot({ path: `${shots}/data-import.png`, fullPage: true });
  });

  it('counts SMS segments as the message is typed', async () => {
    await page.goto('/sms');
    await heading('SMS').waitFor();
    await button('Create SMS').click();
    await dialog('Create SMS').getByLabel('Name').fill('Webinar reminder');
    await dialog('Create SMS').getByLabel('Message').fill('Hi');
    await dialog('Create SMS').getByRole('button', { name: 'Create' }).click();
    await heading('Webinar reminder').waitFor();

    const message = page.getByRole('textbox', { name: 'Message' });
    await message.fill('Hello {{person.firstName}}');
    await page.getByText('1 segment · GSM-7').waitFor();
    await message.fill('x'.repeat(161));
    await page.getByText('2 segments · GSM-7').waitFor();
    await message.fill('Hej 👋');
    await page.getByText('1 segment · UCS-2').waitFor();
    await button('Save').click();
    await expect
      .poll(
        async () => (await api<{ items: { message: string }[] }>('GET', '/sms')).items[0]?.message,
      )
      .toBe('Hej 👋');
    await page.screenshot({ path: `${shots}/data-sms.png`, fullPage: true });
  });

  it('creates an email and previews it for a person in a sandboxed frame', async () => {
    await api('POST', '/people', { email: 'mia@example.com', firstName: 'Mia' });
    await page.goto('/emails');
    await heading('Emails').waitFor();
    await button('Create email').click();
    const create = dialog('Create email');
    await create.getByLabel(/^Name/).fill('Welcome');
    await create.getByLabel('Subject').fill('Hello {{person.firstName}}');
    await create.getByLabel('From name').fill('Caravan');
    await create.getByLabel('From email').fill('news@example.com');
    await create.getByLabel('HTML').fill('<p>Welcome, {{person.firstName}}!</p>');
    await create.getByRole('button', { name: 'Create' }).click();
    await heading('Welcome').waitFor();
    await page.getByRole('alert', { name: 'Problems' }).getByText('Warning').first().waitFor();

    await page.getByLabel('Preview as (search by email)', { exact: true }).first().fill('mia@');
    await page.getByRole('option', { name: /mia@example\.com/ }).click();
    await page.getByText('Subject: Hello Mia').waitFor();
    const frame = page.getByTitle('Email preview');
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await frame.getAttribute('srcdoc')).toContain('Welcome, Mia!');
    await page.frameLocator('iframe[title="Email preview"]').getByText('Welcome, Mia!').waitFor();
    await page.screenshot({ path: `${shots}/data-email.png`, fullPage: true });
  });

  it("turns a person's email consent off with its switch and lists their accounts", async () => {
    const person = await api<{ id: string }>('POST', '/people', {
      email: 'sam@example.com',
      firstName: 'Sam',
      lastName: 'Lee',
    });
    const account = await api<{ id: string }>('POST', '/accounts', { name: 'Lee Holdings' });
    await api('PUT', `/accounts/${account.id}/people/${person.id}`, { role: 'Buyer' });
    await page.goto('/people');
    await page.getByRole('searchbox', { name: 'Search' }).fill('sam@');
    await page.getByRole('link', { name: 'Sam Lee' }).click();
    await heading('Sam Lee').waitFor();
    const accounts = page.getByRole('table', { name: 'Accounts' });
    await accounts.getByRole('link', { name: 'Lee Holdings' }).waitFor();

    const consent = page.getByRole('switch', { name: 'Email consent' });
    expect(await consent.isChecked()).toBe(true);
    await consent.click({ force: true });
    await expect
      .poll(
        async () =>
          (await api<{ emailConsent: string }>('GET', `/people/${person.id}`)).emailConsent,
      )
      .toBe('optedOut');
    await page.screenshot({ path: `${shots}/data-person-detail.png`, fullPage: true });
  });

  it('creates an event type with a field', async () => {
    await page.goto('/event-types');
    await heading('Event types').waitFor();
    await button('Create event type').click();
    const create = dialog('Create event type');
    await create.getByLabel(/^Name/).fill('Webinar Attended');
    await create
      .getByLabel(/^Label/)
      .first()
      .fill('Webinar attended');
    await create.getByRole('button', { name: 'Add field' }).click();
    await create.getByLabel(/^Field name/).fill('webinarId');
    await create
      .getByLabel(/^Label/)
      .nth(1)
      .fill('Webinar');
    await create.getByRole('button', { name: 'Create' }).click();
    await create.waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ hasText: 'Webinar Attended' });
    expect(await row.textContent()).toContain('webinarId (Text)');
    await page.screenshot({ path: `${shots}/data-event-types.png`, fullPage: true });
  });

  it('shows on the account page the lists and audiences the account is in', async () => {
    const account = await api<{ id: string }>('POST', '/accounts', { name: 'Listed Ltd' });
    const list = await api<{ id: string }>('POST', '/account-lists', {
      name: 'Key accounts',
      kind: 'static',
    });
    await api('PUT', `/account-lists/${list.id}/members`, { accountIds: [account.id] });
    await page.goto(`/accounts/${account.id}`);
    await heading('Listed Ltd').waitFor();
    await page.getByRole('heading', { name: 'Lists and audiences' }).waitFor();
    await page.getByText('List: Key accounts').waitFor();
    await page.getByRole('heading', { name: 'Journeys' }).waitFor();
    await page.getByText('This account has not been in any journey.').waitFor();
  });

  it('opens every data page from the navigation', async () => {
    await page.goto('/journeys');
    for (const name of ['Accounts', 'People', 'Emails', 'SMS', 'Event types', 'Import']) {
      await navigation().getByRole('link', { name, exact: true }).click();
      await heading(name).waitFor();
      const file = name.toLowerCase().replace(' ', '-');
      await page.screenshot({ path: `${shots}/data-nav-${file}.png`, fullPage: true });
    }
  });
});
