/** Brings the schema up to date; the CLI and the server call this on start. */
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import { err, ok, type Result } from '@caravan/core/result';
import type { Database } from './database.ts';
import * as users from './migrations/2026-11-29-0001-users.ts';
import * as journeys from './migrations/2026-11-29-0002-journeys.ts';
import * as b2b from './migrations/2026-11-29-0003-b2b.ts';
import * as engine from './migrations/2026-11-29-0004-engine.ts';
import * as ingestion from './migrations/2026-12-05-0006-ingestion.ts';
import * as admin from './migrations/2026-12-04-0009-admin.ts';
import * as reports from './migrations/2026-12-05-0007-reports.ts';
import * as timelineIndexes from './migrations/2026-12-05-0010-timeline-indexes.ts';
import * as reportMessageTotals from './migrations/2026-12-05-0011-report-message-totals.ts';
import * as smsLinks from './migrations/2026-12-05-0012-sms-links.ts';
import * as timelineForeignKey from './migrations/2026-12-06-0013-timeline-foreign-key.ts';

/** Listed statically (no directory scan) so that bundling and tsx both see every migration. */
const migrations: Readonly<Record<string, Migration>> = {
  '2026-11-29-0001-users': users,
  '2026-11-29-0002-journeys': journeys,
  '2026-11-29-0003-b2b': b2b,
  '2026-11-29-0004-engine': engine,
  '2026-12-04-0009-admin': admin,
  '2026-12-05-0006-ingestion': ingestion,
  '2026-12-05-0007-reports': reports,
  '2026-12-05-0010-timeline-indexes': timelineIndexes,
  '2026-12-05-0011-report-message-totals': reportMessageTotals,
  '2026-12-05-0012-sms-links': smsLinks,
  '2026-12-06-0013-timeline-foreign-key': timelineForeignKey,
};

const provider: MigrationProvider = { getMigrations: async () => ({ ...migrations }) };

export interface MigrationError {
  code: 'MIGRATION_FAILED';
  message: string;
}

/** Runs every pending migration; answers the names it ran (empty when already up to date). */
export async function migrateToLatest(
  database: Database,
): Promise<Result<string[], MigrationError>> {
  const migrator = new Migrator({ db: database.db, provider });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    return err({
      code: 'MIGRATION_FAILED',
      message: failed ? `Migration ${failed} failed: ${reason}` : `Migrating failed: ${reason}`,
    });
  }
  return ok(results.filter((r) => r.status === 'Success').map((r) => r.migrationName));
}
