/**
 * Zod compiles fast parsers with `new Function`, which the Content-Security-Policy (no
 * 'unsafe-eval', see the server's `security-headers.ts`) forbids: parse without it. Imported
 * first by `app-entry.tsx` and by the map page (which a map's URL loads before the app), before
 * any schema parses.
 */
import { z } from 'zod';

z.config({ jitless: true });
