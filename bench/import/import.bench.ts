/**
 * `npm run bench:import`: the CSV import's speed on both databases, next to the raw rate of the
 * same rows written by plain multi-row INSERTs through Kysely (1,000 rows a statement, one
 * transaction each) — so the ratio shows what validation, matching and upserting cost.
 *
 * Generates 100,000 people (1 % bad rows) and 100,000 accounts as CSV files in a temp dir and
 * imports each into a fresh database. PostgreSQL: CARAVAN_BENCH_POSTGRES_URL, or a throw-away
 * server started the way the test suite starts one (`test/postgres.global-setup.ts`).
 * Prints JSON (for tooling) and a table (for docs/benchmarks.md).
 *
 *   --db sqlite,postgres     databases (default both)
 *   --entity people,accounts files (default both)
 *   --rows 100000            rows per file (default 100,000)
 *   --statements             also print the import's time per kind of SQL statement
 * A single combination can be profiled: `node --cpu-prof --import tsx bench/import/import.bench.ts
 * --db sqlite --entity people`.
 */
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { LogEvent } from 'kysely';
import type { TestProject } from 'vitest/node';
import { insertAttributeDefinition } from '@caravan/storage/attribute-definition.repository';
import type { Database, DialectName } from '@caravan/storage/database';
import { openTestDatabase } from '@caravan/storage/test-databases';
import { ManualClock } from '@caravan/engine/runtime/clock';
import type { ImportEntity } from '@caravan/engine/import/csv-import-columns';
import { generateAccountsCsv, generatePeopleCsv } from '@caravan/engine/import/csv-import-fixtures';
import { importCsv } from '@caravan/engine/import/csv-import.service';
import startPostgres from '../../test/postgres.global-setup.ts';

function valueOf(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  if (index >= 0) return argv[index + 1];
  return argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

function listOf<T extends string>(name: string, allowed: readonly T[]): T[] {
  const given = valueOf(process.argv, name);
  if (given === undefined) return [...allowed];
  const values = given.split(',').map((s) => s.trim());
  for (const v of values) {
    if (!allowed.includes(v as T)) throw new Error(`${name}: unknown value "${v}"`);
  }
  return values as T[];
}

const rowCount = Number((valueOf(process.argv, '--rows') ?? '100000').replace(/_/g, ''));
if (!Number.isInteger(rowCount) || rowCount < 1) throw new Error('--rows: a positive integer');
const dialects = listOf<DialectName>('--db', ['sqlite', 'postgres']);
const entities = listOf<ImportEntity>('--entity', ['people', 'accounts']);
const statementTimings = process.argv.includes('--statements');

/** Per statement kind (its first words), how often it ran and for how long, in ms. */
function statementLog() {
  const kinds = new Map<string, { count: number; ms: number }>();
  const log = (event: LogEvent) => {
    const kind = event.query.sql.replace(/\s+/g, ' ').slice(0, 70);
    const entry = kinds.get(kind) ?? { count: 0, ms: 0 };
    entry.count += 1;
    entry.ms += event.queryDurationMillis;
    kinds.set(kind, entry);
  };
  const print = (label: string) => {
    const rows = [...kinds].sort((a, b) => b[1].ms - a[1].ms);
    console.log(`statements of the import, ${label}:`);
    for (const [kind, { count, ms }] of rows) {
      console.log(`  ${ms.toFixed(0).padStart(7)} ms ${String(count).padStart(6)}×  ${kind}`);
    }
  };
  return { log, print };
}
const clock = new ManualClock(new Date('2026-03-02T09:00:00.000Z'));

interface Measurement {
  dialect: DialectName;
  entity: ImportEntity;
  rows: number;
  imported: number;
  rejected: number;
  importSeconds: number;
  importRowsPerSecond: number;
  rawSeconds: number;
  rawRowsPerSecond: number;
  /** Import rate divided by raw rate. */
  ratioToRaw: number;
}

async function freshDatabase(
  dialect: DialectName,
  postgresUrl: string,
  log?: (event: LogEvent) => void,
): Promise<Database> {
  const database = await openTestDatabase(dialect, postgresUrl, log ? { log } : {});
  await insertAttributeDefinition(database.db, {
    entity: 'person',
    name: 'score',
    label: 'Score',
    type: 'number',
    now: clock.now(),
  });
  return database;
}

async function timeImport(database: Database, entity: ImportEntity, path: string) {
  const started = performance.now();
  const result = await importCsv(
    { database, clock },
    { entity, input: createReadStream(path), totalBytes: statSync(path).size },
  );
  const seconds = (performance.now() - started) / 1000;
  if (!result.ok) throw new Error(result.error.message);
  const { inserted, updated, unchanged, rejected, rejectedNotListed } = result.value;
  return {
    seconds,
    imported: inserted + updated + unchanged,
    rejected: rejected.length + rejectedNotListed,
  };
}

const personFields: Record<string, string> = {
  externalId: 'external_id',
  email: 'email',
  mobilePhone: 'mobile_phone',
  firstName: 'first_name',
  lastName: 'last_name',
  jobTitle: 'job_title',
  city: 'city',
  country: 'country',
};

/** The good rows of the file as table rows, ready to insert (prepared outside the timing). */
function rawRows(entity: ImportEntity, text: string, badLines: ReadonlySet<number>) {
  const records = parse(text, { relax_column_count: true, info: true }) as unknown as Array<{
    record: string[];
    info: { lines: number };
  }>;
  const header = records[0]?.record ?? [];
  const at = clock.now().toISOString();
  return records.slice(1).flatMap(({ record, info }) => {
    if (badLines.has(info.lines)) return [];
    const cell = (name: string) => {
      const value = record[header.indexOf(name)];
      return value === undefined || value === '' ? null : value;
    };
    const common = { id: crypto.randomUUID(), created_at: at, updated_at: at };
    if (entity === 'accounts') {
      return [
        {
          ...common,
          external_id: cell('externalId'),
          name: cell('name') ?? '',
          domain: cell('domain'),
          industry: cell('industry'),
          annual_revenue: Number(cell('annualRevenue')),
          employees: Number(cell('employees')),
          city: cell('city'),
          state: cell('state'),
          country: cell('country'),
          sic_code: cell('sicCode'),
          attributes: '{}',
        },
      ];
    }
    const person: Record<string, unknown> = {
      ...common,
      email_consent: cell('emailConsent') ?? 'optedIn',
      sms_consent: cell('smsConsent') ?? 'optedOut',
      attributes: JSON.stringify({ score: Number(cell('score')) }),
    };
    for (const [field, column] of Object.entries(personFields)) person[column] = cell(field);
    return [person];
  });
}

async function timeRawInserts(database: Database, entity: ImportEntity, rows: unknown[]) {
  const table = entity === 'accounts' ? 'accounts' : 'people';
  const started = performance.now();
  for (let start = 0; start < rows.length; start += 1000) {
    const chunk = rows.slice(start, start + 1000);
    await database.db.transaction().execute(async (trx) => {
      // The rows are built for exactly this table above; Kysely cannot see that through the union.
      await trx
        .insertInto(table)
        .values(chunk as never)
        .execute();
    });
  }
  return (performance.now() - started) / 1000;
}

interface BenchFile {
  entity: ImportEntity;
  path: string;
  text: string;
  rows: number;
  badLines: Set<number>;
}

async function measure(dialect: DialectName, postgresUrl: string, file: BenchFile) {
  const statements = statementTimings ? statementLog() : undefined;
  const importing = await freshDatabase(dialect, postgresUrl, statements?.log);
  const imported = await timeImport(importing, file.entity, file.path).finally(() =>
    importing.close(),
  );
  statements?.print(`${dialect} ${file.entity}`);
  const rows = rawRows(file.entity, file.text, file.badLines);
  const raw = await freshDatabase(dialect, postgresUrl);
  const rawSeconds = await timeRawInserts(raw, file.entity, rows).finally(() => raw.close());
  const importRowsPerSecond = Math.round(file.rows / imported.seconds);
  const rawRowsPerSecond = Math.round(rows.length / rawSeconds);
  return {
    dialect,
    entity: file.entity,
    rows: file.rows,
    imported: imported.imported,
    rejected: imported.rejected,
    importSeconds: Number(imported.seconds.toFixed(2)),
    importRowsPerSecond,
    rawSeconds: Number(rawSeconds.toFixed(2)),
    rawRowsPerSecond,
    ratioToRaw: Number((importRowsPerSecond / rawRowsPerSecond).toFixed(2)),
  } satisfies Measurement;
}

async function postgresServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const external = process.env.CARAVAN_BENCH_POSTGRES_URL;
  if (external) return { url: external, stop: async () => {} };
  let url = '';
  const project = { provide: (_key: string, value: string) => (url = value) };
  const stop = await startPostgres(project as unknown as TestProject);
  return { url, stop };
}

function writeFiles(dir: string): BenchFile[] {
  const people = generatePeopleCsv(rowCount, 100);
  const accounts = generateAccountsCsv(rowCount);
  return [
    { entity: 'people', file: people },
    { entity: 'accounts', file: accounts },
  ].map(({ entity, file }) => {
    const path = join(dir, `${entity}.csv`);
    writeFileSync(path, file.text);
    return {
      entity: entity as ImportEntity,
      path,
      text: file.text,
      rows: file.rows,
      badLines: new Set(file.bad.map((b) => b.line)),
    };
  });
}

function printTable(results: readonly Measurement[]): void {
  const lines = [
    '| database | file | rows | imported | rejected | import rows/s | raw INSERT rows/s | ratio |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${r.dialect} | ${r.entity} | ${r.rows} | ${r.imported} | ${r.rejected} | ` +
        `${r.importRowsPerSecond} | ${r.rawRowsPerSecond} | ${r.ratioToRaw} |`,
    ),
  ];
  console.log(lines.join('\n'));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'caravan-import-bench-'));
  const postgres = dialects.includes('postgres')
    ? await postgresServer()
    : { url: '', stop: async () => {} };
  try {
    const files = writeFiles(dir).filter((f) => entities.includes(f.entity));
    const results: Measurement[] = [];
    for (const dialect of dialects) {
      for (const file of files) results.push(await measure(dialect, postgres.url, file));
    }
    console.log(JSON.stringify({ node: process.version, results }, null, 2));
    printTable(results);
  } finally {
    await postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
