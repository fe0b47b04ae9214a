/** Caravan's version, as the system status and heartbeats report it: the server package's. */
import { readFileSync } from 'node:fs';

let cached: string | undefined;

export function caravanVersion(): string {
  if (cached === undefined) {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version?: unknown;
    };
    cached = typeof pkg.version === 'string' ? pkg.version : 'unknown';
  }
  return cached;
}
