/**
 * What nearly every browser test starts with: the real product on a fresh database, Chromium,
 * one page signed in as the admin, and `api()` calling the API with that page's session cookie.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { admin, launchBrowser, startCaravan, type RunningCaravan } from './server.harness.ts';

/** Where tests save screenshots for a human to look at. */
export const shots = '/tmp/caravan-shots';

export interface SignedIn {
  caravan: RunningCaravan;
  browser: Browser;
  page: Page;
  /** Calls `/api/v1<path>` as the signed-in admin; throws with the answer when it is not 2xx. */
  api<T>(method: string, path: string, data?: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function openSignedIn(
  context: Omit<BrowserContextOptions, 'baseURL'> = { viewport: { width: 1440, height: 900 } },
  env: Record<string, string> = {},
): Promise<SignedIn> {
  mkdirSync(shots, { recursive: true });
  const caravan = await startCaravan(env);
  const browser = await launchBrowser();
  const page = await (await browser.newContext({ ...context, baseURL: caravan.url })).newPage();
  const signIn = await page.request.post('/api/v1/auth/login', { data: admin });
  if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()} ${await signIn.text()}`);
  return {
    caravan,
    browser,
    page,
    async api<T>(method: string, path: string, data?: unknown): Promise<T> {
      const response = await page.request.fetch(`/api/v1${path}`, {
        method,
        data,
        // Playwright's request API sends no Origin; the app's own requests do (CSRF checks need it).
        headers: { origin: caravan.url },
      });
      const body: unknown = response.status() === 204 ? undefined : await response.json();
      if (!response.ok()) {
        throw new Error(`${method} ${path} → ${response.status()} ${JSON.stringify(body)}`);
      }
      return body as T;
    },
    async close() {
      await browser.close();
      await caravan.stop();
    },
  };
}
