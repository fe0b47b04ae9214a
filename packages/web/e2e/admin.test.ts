/**
 * The administration pages in Chromium against the real server (with a real SMTP server): a user
 * created on *Users* signs in; a key revoked on *API keys* is refused; a communication limit set
 * on *Sending settings* suppresses a send, seen in the *Delivery log*; a dead letter retried there
 * reaches the SMTP server; each change is in the *Audit log*.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignedIn, shots, type SignedIn } from './signed-in.harness.ts';
import { startTestSmtp, type TestSmtp } from './smtp.harness.ts';

let session: SignedIn;
let page: Page;
let smtp: TestSmtp;

const api = <T>(method: string, path: string, data?: unknown) => session.api<T>(method, path, data);
const navigation = () => page.getByRole('navigation', { name: 'Navigation' });
const heading = (name: string) => page.getByRole('heading', { name, level: 1 });
const arrival = { timeout: 30_000 };

async function openAdminPage(link: string, title: string): Promise<void> {
  await navigation().getByRole('link', { name: link }).first().click();
  await heading(title).waitFor();
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Expects the audit log's newest rows to hold an entry of `action` about `entity`. */
async function expectAudited(action: string, entity: string): Promise<void> {
  await openAdminPage('Audit log', 'Audit log');
  const row = page
    .getByRole('table', { name: 'Audit log' })
    .getByRole('row')
    .filter({ hasText: action });
  await row.filter({ hasText: entity }).first().waitFor();
}

let audienceId: string;
let emailId: string;
let journeys = 0;

/** Publishes a journey that sends the email to every person of every account. */
async function publishEmailJourney(): Promise<void> {
  journeys += 1;
  const journey = await api<{ id: string }>('POST', '/journeys', {
    name: `Send journey ${journeys}`,
    definition: {
      nodes: [
        {
          id: 'audience',
          type: 'audience',
          settings: { source: 'audience', sourceId: audienceId },
        },
        {
          id: 'email',
          type: 'action',
          settings: { on: 'people', action: { type: 'sendEmail', emailId } },
        },
      ],
      edges: [{ from: 'audience', port: 'next', to: 'email' }],
    },
    schedule: { start: 'immediately', end: new Date(Date.now() + 30 * 86_400_000).toISOString() },
  });
  await api('POST', `/journeys/${journey.id}/publish`);
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
  audienceId = (
    await api<{ id: string }>('POST', '/audiences', {
      name: 'Everyone',
      condition: { match: 'all', rules: [] },
    })
  ).id;
  emailId = (
    await api<{ id: string }>('POST', '/emails', {
      name: 'Hello',
      subject: 'Hello',
      fromName: 'Acme',
      fromEmail: 'news@acme.example',
      html: '<p>Hi</p><a href="{{system.unsubscribeUrl}}">Unsubscribe</a>',
      text: 'Hi',
    })
  ).id;
}, 120_000);

afterAll(async () => {
  await session?.close();
  await smtp?.close();
});

describe('administration', () => {
  it('creates a manager on Users, who signs in and does not see the admin-only pages', async () => {
    await page.goto('/journeys');
    await openAdminPage('Users', 'Users');
    await page.getByRole('button', { name: 'Create user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create user' });
    await dialog.getByLabel('Name').fill('Mia Manager');
    await dialog.getByLabel('Email').fill('mia@example.com');
    await dialog.getByRole('combobox', { name: 'Role', exact: true }).click();
    await page.getByRole('option', { name: 'Manager' }).click();
    await dialog.getByRole('textbox', { name: 'Password', exact: true }).fill('mia-password-1');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await dialog.waitFor({ state: 'detached' });
    const table = page.getByRole('table', { name: 'Users' });
    await table.getByRole('row').filter({ hasText: 'mia@example.com' }).waitFor();
    await page.screenshot({ path: `${shots}/admin-users.png`, fullPage: true });

    const mia = await (
      await session.browser.newContext({ baseURL: session.caravan.url })
    ).newPage();
    await mia.goto('/login');
    await mia.getByLabel('Email').fill('mia@example.com');
    await mia.getByRole('textbox', { name: 'Password' }).fill('mia-password-1');
    await mia.getByRole('button', { name: 'Sign in' }).click();
    await mia.getByRole('heading', { name: 'Account journeys', level: 1 }).waitFor();
    const nav = mia.getByRole('navigation', { name: 'Navigation' });
    await nav.getByRole('link', { name: /Delivery log/ }).waitFor();
    expect(await nav.getByRole('link', { name: 'Users' }).count()).toBe(0);
    expect((await mia.request.get('/api/v1/audit')).status()).toBe(403);
    await mia.context().close();

    await expectAudited('Created user', 'mia@example.com');
  });

  it('creates a Segment write key shown once with its SDK snippet, revokes it, and the next request is refused', async () => {
    await openAdminPage('API keys', 'API keys and write keys');
    await page.getByRole('button', { name: 'Create key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create key' });
    await dialog.getByText('Segment write key').click();
    await dialog.getByLabel('Name').fill('Website');
    await dialog.getByRole('button', { name: 'Create key' }).click();
    const secret = page.getByRole('dialog', { name: 'Your new key' });
    const key = ((await secret.getByLabel('Key', { exact: true }).textContent()) ?? '').trim();
    expect(key).toMatch(/^cvn_/);
    const snippet =
      (await secret.getByLabel('SDK configuration', { exact: true }).textContent()) ?? '';
    expect(snippet).toContain(`host: '${session.caravan.url}'`);
    expect(snippet).toContain('@segment/analytics-node');
    await secret.getByRole('button', { name: 'Close' }).click();

    const call = () =>
      page.request.get('/api/v1/journeys', { headers: { authorization: `Bearer ${key}` } });
    expect((await call()).status()).toBe(200);
    const row = page
      .getByRole('table', { name: 'API keys and write keys' })
      .getByRole('row')
      .filter({ hasText: 'Website' });
    await row.getByText('Segment write key').waitFor();
    await page.getByRole('button', { name: 'Revoke Website' }).click();
    await page
      .getByRole('dialog', { name: 'Revoke key' })
      .getByRole('button', { name: 'Revoke' })
      .click();
    await row.waitFor({ state: 'detached' });
    expect((await call()).status()).toBe(401);

    await expectAudited('Revoked key', 'Website');
  });

  it('shows a new webhook secret once, lists its destination without it, and rotates it', async () => {
    await openAdminPage('Webhook secrets', 'Webhook signing secrets');
    await page.getByRole('button', { name: 'Create or rotate a secret' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rotate secret' });
    await dialog.getByLabel('Webhook URL').fill('https://hooks.example.com/caravan/leads');
    await dialog.getByRole('button', { name: 'Rotate secret' }).click();
    const shown = page.getByRole('dialog', { name: 'The new secret' });
    const first = ((await shown.getByLabel('Secret', { exact: true }).textContent()) ?? '').trim();
    expect(first).toMatch(/^whsec_/);
    await shown.getByRole('button', { name: 'Close' }).click();

    const table = page.getByRole('table', { name: 'Webhook signing secrets' });
    await table.getByRole('row').filter({ hasText: 'https://hooks.example.com' }).waitFor();
    expect(await table.textContent()).not.toContain(first);

    await page
      .getByRole('button', { name: 'Rotate the secret of https://hooks.example.com' })
      .click();
    await page
      .getByRole('dialog', { name: 'Rotate secret' })
      .getByRole('button', { name: 'Rotate secret' })
      .click();
    const replaced = page.getByRole('dialog', { name: 'The new secret' });
    await replaced.getByText('no longer signs anything').waitFor();
    const second = (
      (await replaced.getByLabel('Secret', { exact: true }).textContent()) ?? ''
    ).trim();
    expect(second).toMatch(/^whsec_/);
    expect(second).not.toBe(first);
    await replaced.getByRole('button', { name: 'Close' }).click();

    await expectAudited('Changed settings', 'https://hooks.example.com');
  });

  it('suppresses a send over a communication limit set on Sending settings, with that reason in the delivery log', async () => {
    await openAdminPage('Sending settings', 'Sending settings');
    await page.getByRole('button', { name: 'Add limit' }).click();
    await page.getByRole('textbox', { name: 'Amount of limit 1' }).fill('0');
    await page.getByRole('button', { name: 'Save limits' }).click();
    await until(
      async () =>
        (await api<{ limits: unknown[] }>('GET', '/communication-limits')).limits.length === 1,
      'the limit to be saved',
    );
    await publishEmailJourney();

    await openAdminPage('Delivery log', 'Delivery log');
    await page.getByRole('combobox', { name: 'Status', exact: true }).click();
    await page.getByRole('option', { name: 'Suppressed' }).click();
    const row = page
      .getByRole('table', { name: 'Delivery log' })
      .getByRole('row')
      .filter({ hasText: 'ada@acme.example' });
    await row
      .first()
      .waitFor(arrival)
      .catch(async () => {
        await page.reload();
        await row.first().waitFor(arrival);
      });
    expect(await row.first().textContent()).toContain('COMMUNICATION_LIMIT');
    await page.screenshot({ path: `${shots}/admin-delivery-log.png`, fullPage: true });
    await api('PUT', '/communication-limits', { limits: [] });

    await expectAudited('Changed settings', 'Communication limits');
  });

  it('retries a dead letter from the delivery log and the SMTP server receives it', async () => {
    smtp.refuseWith = 550;
    await publishEmailJourney();
    let deadId = 0;
    await until(async () => {
      const dead = await api<{ items: Array<{ id: number }> }>('GET', '/outbox?status=dead');
      deadId = dead.items[0]?.id ?? 0;
      return deadId > 0;
    }, 'a dead letter');
    smtp.refuseWith = undefined;

    await page.goto('/journeys');
    await navigation().getByLabel('1 dead letter').waitFor(arrival);
    await openAdminPage('Delivery log', 'Delivery log');
    await page.getByRole('combobox', { name: 'Status', exact: true }).click();
    await page.getByRole('option', { name: 'Dead' }).click();
    await page.getByRole('button', { name: `Retry message ${deadId}` }).click();
    await page
      .getByRole('dialog', { name: 'Retry dead letters' })
      .getByRole('button', { name: 'Retry' })
      .click();
    await until(
      async () => smtp.received.some((to) => to.includes('ada@acme.example')),
      'the email',
    );
    await until(async () => {
      const sent = await api<{ items: Array<{ id: number }> }>('GET', '/outbox?status=sent');
      return sent.items.some((m) => m.id === deadId);
    }, 'the message to be sent');
  });

  it('filters the delivery log to the journey picked by name', async () => {
    await publishEmailJourney();
    const picked = `Send journey ${journeys}`;
    await publishEmailJourney();
    const other = `Send journey ${journeys}`;
    await until(async () => {
      const all = await api<{ items: Array<{ journeyName: string | null }> }>('GET', '/outbox');
      return all.items.some((m) => m.journeyName === other);
    }, 'both journeys to create messages');

    await page.goto('/journeys');
    await openAdminPage('Delivery log', 'Delivery log');
    const journey = page.getByRole('combobox', { name: 'Journey', exact: true });
    await journey.click();
    await journey.fill(picked);
    await page.getByRole('option', { name: new RegExp(`^${picked} `) }).click();
    const table = page.getByRole('table', { name: 'Delivery log' });
    await table.getByRole('row').filter({ hasText: picked }).first().waitFor(arrival);
    await until(
      async () => (await table.getByRole('row').filter({ hasText: other }).count()) === 0,
      `rows of ${other} to leave the table`,
    );
  });

  it('shows the system status with a live worker and the database', async () => {
    await openAdminPage('System status', 'System status');
    const workers = page.getByRole('table', { name: 'Workers' });
    await workers.getByText('caravan start').waitFor();
    await workers.getByText('Alive').waitFor();
    await page.getByRole('group', { name: 'Database' }).getByText('SQLite').waitFor();
    await page.screenshot({ path: `${shots}/admin-system.png`, fullPage: true });
  });
});
