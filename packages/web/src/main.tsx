/**
 * The entry module: small, so that it runs as soon as it arrives. It starts what the opened page
 * needs (a map: its chunk and its journey) in parallel with the app itself (`app-entry.tsx`),
 * instead of after it.
 */
import '@mantine/core/styles.css';
import { storedLanguage } from './i18n/stored-language.ts';
import { prepareDateTimeFormat } from './layout/format.ts';
import { prefetchRoute } from './route-prefetch.ts';

prefetchRoute(window.location.pathname);
void import('./app-entry.tsx');
// After the requests are out: this waits for nothing but the main thread, idle until they return.
prepareDateTimeFormat(storedLanguage());
