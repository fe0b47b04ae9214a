/** A throw-away SQLite database file for one test. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A URL to a fresh file (not `:memory:`, so WAL and the file pragmas are exercised too). */
export function createSqliteTestDatabase(): { url: string; drop(): Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'caravan-test-'));
  return {
    url: `sqlite:${join(dir, 'caravan.db')}`,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}
