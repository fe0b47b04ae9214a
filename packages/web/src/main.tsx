/**
 * The entry module: small, so that it runs as soon as it arrives. It starts what the opened page
 * needs (a map: its chunk and its journey) in parallel with the app itself (`app-entry.tsx`),
 * instead of after it.
 */
import '@mantine/core/styles.css';
import { prefetchRoute } from './route-prefetch.ts';

prefetchRoute(window.location.pathname);
void import('./app-entry.tsx');
