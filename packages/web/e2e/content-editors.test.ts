/**
 * The email and SMS editors in Chromium against the real server with a real SMTP server: the HTML
 * in a code editor, a token with a fallback inserted from the picker, the live preview of the
 * unsaved draft as a chosen person at mobile width, the generated plain text, the problems marked
 * blocking or warning, and a test send that arrives at the SMTP server marked as a test.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignedIn, shots, type SignedIn } from './signed-in.harness.ts';
import { startTestSmtp, type TestSmtp } from './smtp.harness.ts';

let session: SignedIn;
let page: Page;
let smtp: TestSmtp;
let emailId: string;
let smsId: string;

const api = <T>(method: string, path: string, data?: unknown) => session.api<T>(method, path, data);

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  session = await openSignedIn({ viewport: { width: 1440, height: 900 } }, { SMTP_URL: smtp.url });
  page = session.page;
  const account = await api<{ id: string }>('POST', '/accounts', { name: 'Acme' });
  const ada = await api<{ id: string }>('POST', '/people', {
    email: 'ada@acme.example',
    firstName: 'Ada',
  });
  await api('PUT', `/accounts/${account.id}/people/${ada.id}`, {});
  emailId = (
    await api<{ id: string }>('POST', '/emails', {
      name: 'Welcome',
      subject: 'Welcome',
      fromName: 'Acme',
      fromEmail: 'news@acme.example',
      html: '<p>Hi</p>',
      text: '',
    })
  ).id;
  smsId = (await api<{ id: string }>('POST', '/sms', { name: 'Reminder', message: 'Hi ' })).id;
}, 120_000);

afterAll(async () => {
  await session?.close();
  await smtp?.close();
});

describe('email editor', () => {
  it('previews the unsaved draft with a token fallback, then as Ada on mobile, with generated text and marked problems', async () => {
    await page.goto(`/emails/${emailId}`);
    await page.getByRole('heading', { name: 'Welcome', level: 1 }).waitFor();
    const problems = page.getByRole('alert', { name: 'Problems' });
    await problems.getByText('Warning').first().waitFor();
    await problems.getByText(/no unsubscribe link/).waitFor();

    const code = page.getByRole('textbox', { name: 'HTML body' });
    await code.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('<h1>Hello ');
    await page.getByRole('button', { name: 'Insert token into HTML body' }).click();
    await page.getByLabel('Token', { exact: true }).first().click();
    await page.getByRole('option', { name: 'Person: First name' }).click();
    await page.getByRole('textbox', { name: 'Fallback when empty' }).fill('there');
    await page.getByRole('button', { name: 'Insert', exact: true }).click();
    await code.getByText('{{ person.firstName | default: "there" }}').waitFor();

    const frame = page.frameLocator('iframe[title="Email preview"]');
    await frame.getByText('Hello there').waitFor();
    // Nothing was saved: the stored HTML is unchanged.
    expect((await api<{ html: string }>('GET', `/emails/${emailId}`)).html).toBe('<p>Hi</p>');

    await page.getByLabel('Preview as (search by email)', { exact: true }).first().fill('ada');
    await page.getByRole('option', { name: /ada@acme\.example/ }).click();
    await frame.getByText('Hello Ada').waitFor();
    await page.getByText('Generated from the HTML, since no text version is written.').waitFor();
    await page.getByLabel('Plain-text version').getByText('Hello Ada').waitFor();

    // The segmented control's radios are visually hidden: a person clicks the label.
    await page.locator('label', { hasText: /^Mobile$/ }).click();
    expect(await page.getByRole('radio', { name: 'Mobile' }).isChecked()).toBe(true);
    const width = await page
      .locator('iframe[title="Email preview"]')
      .evaluate((f) => f.clientWidth);
    expect(width).toBeLessThanOrEqual(380);

    await page.getByRole('textbox', { name: 'Subject' }).fill('');
    await problems.getByText('Blocking').waitFor();
    await problems.getByText(/has no subject/).waitFor();
    await page.getByRole('textbox', { name: 'Subject' }).fill('Welcome {{ person.firstName }}');
    await page.screenshot({ path: `${shots}/content-email-editor.png`, fullPage: true });
  });

  it('sends the draft as a test that arrives at the SMTP server marked as a test', async () => {
    const before = smtp.raw.length;
    await page
      .getByRole('textbox', { name: 'Send a test to (email address)' })
      .fill('me@acme.example');
    await page.getByRole('button', { name: 'Send test' }).click();
    await page
      .getByRole('status')
      .getByText(/Test sent to me@acme\.example/)
      .waitFor();
    await until(async () => smtp.raw.length > before, 'the test email');
    expect(smtp.received.at(-1)).toEqual(['me@acme.example']);
    const raw = smtp.raw.at(-1) ?? '';
    expect(raw).toContain('Subject: [Test] Welcome Ada');
    expect(raw).toContain('X-Caravan-Test: yes');
  });
});

describe('SMS editor', () => {
  it('inserts a token with a fallback and previews the unsaved message', async () => {
    await page.goto(`/sms/${smsId}`);
    await page.getByRole('heading', { name: 'Reminder', level: 1 }).waitFor();
    const message = page.getByRole('textbox', { name: 'Message' });
    await message.click();
    await message.press('End');
    await page.getByRole('button', { name: 'Insert token into Message' }).click();
    await page.getByLabel('Token', { exact: true }).first().click();
    await page.getByRole('option', { name: 'Account: Name' }).click();
    await page.getByRole('textbox', { name: 'Fallback when empty' }).fill('friend');
    await page.getByRole('button', { name: 'Insert', exact: true }).click();
    expect(await message.inputValue()).toBe('Hi {{ account.name | default: "friend" }}');
    await page.getByLabel('SMS preview').getByText('Hi friend').waitFor();
    await page.getByLabel('Preview as (search by email)', { exact: true }).first().fill('ada');
    await page.getByRole('option', { name: /ada@acme\.example/ }).click();
    await page.getByLabel('SMS preview').getByText('Hi Acme').waitFor();
  });
});
