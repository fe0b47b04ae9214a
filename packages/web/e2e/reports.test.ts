/**
 * Reports in Chromium against the real server, its worker and a real SMTP server (issue 12):
 * the Report tab shows the numbers the API gives, a status drills through to its accounts, the
 * email performance CSV follows the journey filter, the overview draws, and Swedish labels.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignedIn, shots, type SignedIn } from './signed-in.harness.ts';
import { startTestSmtp, type TestSmtp } from './smtp.harness.ts';

let session: SignedIn;
let page: Page;
let smtp: TestSmtp;

const api = <T>(method: string, path: string, data?: unknown) => session.api<T>(method, path, data);
const arrival = { timeout: 30_000 };

interface Report {
  accounts: number;
  completionRate: number;
  statuses: Array<{ status: string; count: number }>;
  email: Array<{ name: string; sent: number; delivered: number }>;
}

async function journeyWithEmail(name: string, emailName: string, audienceId: string) {
  const email = await api<{ id: string }>('POST', '/emails', {
    name: emailName,
    subject: 'Hello {{person.firstName}}',
    fromName: 'Caravan',
    fromEmail: 'news@caravan.example.com',
    html: '<p>Hi</p>',
    text: 'Hi',
  });
  const journey = await api<{ id: string }>('POST', '/journeys', {
    name,
    definition: {
      nodes: [
        {
          id: 'audience',
          type: 'audience',
          settings: { source: 'audience', sourceId: audienceId },
        },
        {
          id: 'mail',
          type: 'action',
          settings: { on: 'people', action: { type: 'sendEmail', emailId: email.id } },
        },
      ],
      edges: [{ from: 'audience', port: 'next', to: 'mail' }],
    },
    schedule: { start: 'immediately', end: new Date(Date.now() + 30 * 86_400_000).toISOString() },
  });
  await api('POST', `/journeys/${journey.id}/publish`);
  return journey.id;
}

async function settledReport(id: string, sent: number): Promise<Report> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const report = await api<Report>('GET', `/journeys/${id}/report`);
    const done = report.statuses.find((s) => s.status === 'completed')?.count === report.accounts;
    if ((report.email[0]?.sent ?? 0) >= sent && done && report.accounts > 0) return report;
    if (Date.now() > deadline) throw new Error(`report not settled: ${JSON.stringify(report)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  session = await openSignedIn(
    { viewport: { width: 1440, height: 900 }, acceptDownloads: true },
    { SMTP_URL: smtp.url },
  );
  page = session.page;
});

afterAll(async () => {
  await session?.close();
  await smtp?.close();
});

describe('reports', () => {
  let journeyId: string;
  let otherId: string;
  let report: Report;

  beforeAll(async () => {
    for (const [account, email] of [
      ['Report Nordwind', 'anna@nordwind.example'],
      ['Report Fjord', 'erik@fjord.example'],
    ] as const) {
      const created = await api<{ id: string }>('POST', '/accounts', {
        name: account,
        industry: 'Reporting',
      });
      const person = await api<{ id: string }>('POST', '/people', { email, firstName: account });
      await api('PUT', `/accounts/${created.id}/people/${person.id}`, { role: null });
    }
    const audience = await api<{ id: string }>('POST', '/audiences', {
      name: 'Report audience',
      condition: {
        match: 'all',
        rules: [{ kind: 'account', attribute: 'industry', operator: 'equals', value: 'Reporting' }],
      },
    });
    journeyId = await journeyWithEmail('Report welcome', 'Report welcome email', audience.id);
    otherId = await journeyWithEmail('Report follow-up', 'Report follow-up email', audience.id);
    report = await settledReport(journeyId, 2);
    await settledReport(otherId, 2);
  });

  it('shows on the Report tab the numbers the API gives, live', async () => {
    await page.goto(`/journeys/${journeyId}`);
    await page.getByRole('tab', { name: 'Report' }).click();
    const rate = page.getByRole('group', { name: 'Completion rate' });
    await rate.getByText(`${report.completionRate} %`).waitFor(arrival);
    const emails = page.getByRole('region', { name: 'Email performance' });
    const row = emails.getByRole('row', { name: /Report welcome email/ });
    await row.waitFor(arrival);
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells[1]).toBe(String(report.email[0]!.sent));
    expect(cells[2]).toBe(String(report.email[0]!.delivered));
    await page.screenshot({ path: `${shots}/journey-report.png`, fullPage: true });
  });

  it("shows on the map each email node's sent / opened / clicked as the API gives them", async () => {
    const metrics = await api<{
      nodes: Array<{ nodeId: string; messages?: Record<string, number> }>;
    }>('GET', `/journeys/${journeyId}/metrics`);
    const messages = metrics.nodes.find((n) => n.nodeId === 'mail')?.messages;
    expect(messages).toMatchObject({ channel: 'email', sent: report.email[0]!.sent });
    await page.getByRole('tab', { name: 'Map' }).click();
    const counts = page.getByRole('group', { name: /^Emails of / });
    await counts.waitFor(arrival);
    for (const [label, key] of [
      ['Sent', 'sent'],
      ['Opened', 'opened'],
      ['Clicked', 'clicked'],
    ] as const) {
      await counts.getByLabel(`${label} ${messages![key]}`, { exact: true }).waitFor(arrival);
    }
    expect(await page.getByRole('group', { name: /^Emails of / }).count()).toBe(1);
    await page.screenshot({ path: `${shots}/map-email-counts.png` });
    await page.getByRole('tab', { name: 'Report' }).click();
  });

  it("shows each email's performance across journeys on the email list and the email page", async () => {
    const { items } = await api<{
      items: Array<{ emailId: string; name: string } & Record<string, number>>;
    }>('GET', '/reports/email-performance?pageSize=200');
    const row = items.find((r) => r.name === 'Report welcome email')!;
    expect(row.sent).toBeGreaterThanOrEqual(2);
    await page.goto('/emails');
    const listed = page.getByRole('row', { name: /Report welcome email/ });
    await listed
      .getByRole('cell', { name: `${row.openRate} %` })
      .first()
      .waitFor(arrival);
    const cells = await listed.getByRole('cell').allInnerTexts();
    expect(cells.slice(3)).toEqual([
      String(row.sent),
      String(row.delivered),
      `${row.openRate} %`,
      `${row.clickRate} %`,
      String(row.bounced),
    ]);
    await page.screenshot({ path: `${shots}/email-list-performance.png` });
    await listed.getByRole('link', { name: 'Report welcome email' }).click();
    await page.getByRole('heading', { name: 'Performance across journeys' }).waitFor(arrival);
    await page
      .getByRole('group', { name: 'Sent', exact: true })
      .getByText(String(row.sent), { exact: true })
      .waitFor(arrival);
    await page
      .getByRole('region', { name: 'Email performance' })
      .getByRole('row', { name: /Report welcome email/ })
      .waitFor();
    await page.goto(`/journeys/${journeyId}`);
    await page.getByRole('tab', { name: 'Report' }).click();
  });

  it('drills through from a status to the accounts in it', async () => {
    await page.getByRole('button', { name: 'Show the accounts: Completed' }).click();
    const drawer = page.getByRole('dialog', { name: 'Accounts: Completed' });
    await drawer.getByRole('link', { name: 'Report Nordwind' }).waitFor(arrival);
    await drawer.getByRole('link', { name: 'Report Fjord' }).waitFor();
    await page.keyboard.press('Escape');
  });

  it('downloads the email performance CSV with the journey filter applied', async () => {
    await page.goto('/reports/email-performance');
    await page.getByRole('combobox', { name: 'Journeys' }).click();
    await page.getByRole('option', { name: 'Report welcome' }).click();
    await page.keyboard.press('Escape');
    const table = page.getByRole('region', { name: 'Email performance' }).last();
    await table.getByRole('row', { name: /Report welcome email/ }).waitFor(arrival);
    await page.getByRole('button', { name: 'More options for Email performance' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'Download CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^Email,Journeys,Sent/);
    expect(csv).toContain('Report welcome email');
    expect(csv).not.toContain('Report follow-up email');
  });

  it('draws the overview of all journeys', async () => {
    await page.goto('/journeys');
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByRole('region', { name: 'Journeys by completion rate' }).waitFor(arrival);
    await page
      .getByRole('region', { name: 'All journeys' })
      .getByRole('link', { name: 'Report welcome' })
      .waitFor();
    await page.screenshot({ path: `${shots}/journeys-overview.png`, fullPage: true });
  });

  it('speaks Swedish', async () => {
    await page.evaluate(() => localStorage.setItem('caravan.language', 'sv'));
    await page.goto(`/journeys/${journeyId}`);
    await page.getByRole('tab', { name: 'Rapport' }).click();
    await page.getByRole('region', { name: 'Kontostatus' }).waitFor(arrival);
    await page.getByRole('group', { name: 'Andel slutförda' }).waitFor();
    await page.evaluate(() => localStorage.setItem('caravan.language', 'en'));
  });
});
