import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Libraries of the app shell and of most pages (React, Mantine, React Query, the router, i18n,
 * zod): one chunk with the shell. Left to automatic splitting, they became some forty small
 * chunks that a page like the map asks for all at once, six at a time over HTTP/1.1 — the
 * journey's own request waited behind them. The heavy libraries of single pages (React Flow
 * and dagre, the charts, CodeMirror) stay in their pages' chunks.
 */
const shellLibraries =
  /node_modules[\\/](react|react-dom|scheduler|@mantine[\\/](core|hooks)|@floating-ui|react-remove-scroll[^\\/]*|react-style-singleton|use-callback-ref|use-sidecar|get-nonce|tslib|@tanstack|react-router|i18next|react-i18next|zod|react-number-format|react-textarea-autosize|use-composed-ref|use-isomorphic-layout-effect|use-latest|cookie|set-cookie-parser|html-parse-stringify|void-elements|clsx)[\\/]/;

/**
 * `zod-config.ts` (zod without `new Function`, which the CSP forbids) goes with zod into the
 * library chunk: a chunk's modules run in dependency order, and that chunk holds no app code, so
 * the setting is made before any of the app's modules can parse a schema. In the app's shared
 * chunk it ran after modules that already had, and zod's check for `new Function` tripped the CSP.
 */
const shellLibrariesAndZodConfig = new RegExp(
  `${shellLibraries.source}|src[\\\\/]zod-config\\.ts$`,
);

/**
 * Stylesheets stay out of the library chunk: `main.tsx` imports Mantine's CSS, and a CSS module
 * in that chunk made the small entry import all 800 kB of it, so the map's chunk and journey
 * were requested only after the libraries had been parsed.
 */
const inShellLibraries = (id: string) =>
  !id.endsWith('.css') && shellLibrariesAndZodConfig.test(id);

/**
 * What `main.tsx` imports: the small entry that starts a map's loading before the app's, and the
 * date formatting it prepares while the rest arrives (shared by many pages: without this it went
 * to the shared chunk, which the entry would then have waited for).
 */
const entryModule =
  /src[\\/](route-prefetch\.ts|api[\\/](http-client|journeys\.api)\.ts|layout[\\/]format\.ts)$/;

// The server (`caravan start`) serves `dist/`; in development Vite proxies the API to it.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // First, so that no other group takes them: the entry must not wait for the libraries.
            { name: 'entry', test: entryModule, priority: 3 },
            { name: 'shell-libraries', test: inShellLibraries, priority: 2 },
            // The app's own modules that several pages share (API clients, pickers, badges):
            // one chunk instead of a request each.
            {
              name: 'shared',
              test: /packages[\\/](web|core)[\\/]src[\\/]/,
              minShareCount: 2,
              priority: 1,
            },
          ],
        },
      },
    },
  },
});
