/**
 * Screenshots of the 150-node nested split/merge journey (`nested-journey.fixture.ts`) for
 * docs/map-layout.md: `node --import tsx packages/web/e2e/map-screenshots.ts <name>` after
 * `npm run build:web` writes docs/images/map-<name>-overview.png (the whole journey after the
 * map's own fit) and map-<name>-detail.png (the top of the journey at the default zoom).
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nestedJourney } from '../src/map/layout/nested-journey.fixture.ts';
import { admin, launchBrowser, startCaravan } from './server.harness.ts';

const images = resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs/images');
const name = process.argv[2] ?? 'after';

const caravan = await startCaravan();
const browser = await launchBrowser();
try {
  const context = await browser.newContext({
    baseURL: caravan.url,
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  const signIn = await page.request.post('/api/v1/auth/login', { data: admin });
  if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()}`);
  const post = async <T>(path: string, data: unknown): Promise<T> => {
    const response = await page.request.post(`/api/v1${path}`, { data });
    if (!response.ok()) throw new Error(`${path} → ${response.status()} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const audience = await post<{ id: string }>('/audiences', {
    name: 'Software and finance accounts',
    condition: { match: 'all', rules: [] },
  });
  const definition = nestedJourney(audience.id);
  const journey = await post<{ id: string }>('/journeys', {
    name: 'Nested splits and merges (150 nodes)',
    definition,
  });
  await page.goto(`/journeys/${journey.id}`);
  await page.waitForFunction(
    (count) => document.querySelectorAll('.react-flow__node-journey').length >= count,
    definition.nodes.length,
    { timeout: 60_000 },
  );
  await page.waitForTimeout(1500);
  await page.screenshot({ path: join(images, `map-${name}-overview.png`) });
  const zoomIn = page.getByRole('button', { name: /zoom in/i });
  for (let i = 0; i < 3; i++) await zoomIn.click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(images, `map-${name}-detail.png`) });
  console.log(`wrote docs/images/map-${name}-overview.png and map-${name}-detail.png`);
} finally {
  await browser.close();
  await caravan.stop();
}
