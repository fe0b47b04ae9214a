/**
 * The web app under the server's security headers (server `security-headers.ts`): it signs in,
 * lists journeys and opens a journey map in Chromium with the Content-Security-Policy on and not
 * one violation, refuses to be framed, and the API docs work too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignedIn, type SignedIn } from './signed-in.harness.ts';

let session: SignedIn;
const violations: string[] = [];

beforeAll(async () => {
  session = await openSignedIn();
  await session.page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  session.page.on('console', (message) => {
    if (/Content.Security.Policy|CSP violation|unsafe-eval/i.test(message.text())) {
      violations.push(message.text());
    }
  });
});

afterAll(async () => session?.close());

describe('the web app with the Content-Security-Policy on', () => {
  it('serves the app with a CSP that forbids framing and eval', async () => {
    const response = await session.page.goto('/journeys');
    const headers = response?.headers() ?? {};
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).not.toContain('unsafe-eval');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
  });

  it('lists journeys and opens a journey map without a single CSP violation', async () => {
    const journey = await session.api<{ id: string }>('POST', '/journeys', {
      name: 'Under the CSP',
    });
    const { page } = session;
    await page.goto('/journeys');
    await page.getByRole('link', { name: 'Under the CSP' }).waitFor();
    await page.goto(`/journeys/${journey.id}`);
    await page.getByRole('button', { name: 'Add node' }).first().waitFor();
    expect(violations).toEqual([]);
  });

  it('is not shown inside a frame of another page', async () => {
    const { page, caravan } = session;
    await page.setContent(`<iframe id="framed" src="${caravan.url}/journeys"></iframe>`);
    await page.waitForTimeout(1500);
    const framed = page.frames().find((frame) => frame.url().startsWith(caravan.url));
    const rendered = framed ? await framed.locator('#root').count() : 0;
    expect(rendered).toBe(0);
  });

  it('shows the API docs under the same policy', async () => {
    const { page } = session;
    violations.length = 0;
    await page.goto('/docs');
    await page.locator('.swagger-ui').first().waitFor();
    expect(violations).toEqual([]);
  });
});
