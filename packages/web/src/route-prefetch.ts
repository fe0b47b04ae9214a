/**
 * What a map opened by its URL needs first, started by the entry module before the app's own
 * code has arrived: the map's chunk (React Flow, dagre), the journey, and — once the journey is
 * in — its layout, in a worker. Without it the map's chunk is requested only once the app shell
 * has loaded and run, and the layout waits for the map's code, one after the other.
 *
 * Kept small on purpose: it is part of the entry module, which everything waits for.
 */
import { getJourney, type ApiJourney } from './api/journeys.api.ts';
import { portLabels } from './i18n/port-labels.ts';
import { storedLanguage } from './i18n/stored-language.ts';
import { startEarlyLayout } from './map/layout/early-layout.ts';
import { layoutOptionsOf } from './map/layout-options.ts';

export const loadMapPage = () => import('./journey-map/journey-map.page.tsx');

/** The id of the journey a `/journeys/:id` path opens on the map (not `/journeys/overview`). */
export function mapJourneyId(pathname: string): string | undefined {
  const segment = /^\/journeys\/([^/]+)$/.exec(pathname)?.[1];
  if (segment === undefined || segment === 'overview') return undefined;
  try {
    // As the router's `useParams` gives it.
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

let early: { id: string; journey: Promise<ApiJourney> } | undefined;

/** Starts loading the map and its journey when the page opens on one. */
export function prefetchRoute(pathname: string): void {
  const id = mapJourneyId(pathname);
  if (id === undefined) return;
  void loadMapPage();
  const journey = getJourney(id);
  // Whoever takes it handles a failure; until then it must not count as unhandled.
  journey.then(layOutEarly, () => {});
  early = { id, journey };
}

/**
 * Lays the journey out as the canvas will: a draft in the editor (a viewer's read-only map of a
 * draft is laid out again by the canvas), anything else read-only, with this browser's language.
 */
function layOutEarly(journey: ApiJourney): void {
  const mode = journey.status === 'draft' ? 'editor' : 'read-only';
  const options = layoutOptionsOf(portLabels[storedLanguage()], mode);
  startEarlyLayout({ definition: journey.definition, options });
}

/** The journey request `prefetchRoute` started for `id`, once. */
export function takeEarlyJourney(id: string): Promise<ApiJourney> | undefined {
  if (early?.id !== id) return undefined;
  const { journey } = early;
  early = undefined;
  return journey;
}
