import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { insertAttributeDefinition } from '@caravan/storage/attribute-definition.repository';
import type { Database } from '@caravan/storage/database';
import { findPersonByExternalId } from '@caravan/storage/person.repository';
import { openTestDatabase } from '@caravan/storage/test-databases';
import { ManualClock } from '../runtime/clock.ts';
import { generatePeopleCsv } from './csv-import-fixtures.ts';
import { importCsv, type ImportProgress } from './csv-import.service.ts';

// The acceptance check of the import at volume: correctness only. Its speed is measured by
// `npm run bench:import` (bench/import), never asserted here.
describe('CSV import of 100,000 people with 1 % bad rows on SQLite', () => {
  let database: Database;
  const clock = new ManualClock(new Date('2026-03-02T09:00:00.000Z'));
  const file = generatePeopleCsv(100_000, 100);
  const events: ImportProgress[] = [];
  let result: Awaited<ReturnType<typeof importCsv>>;

  beforeAll(async () => {
    database = await openTestDatabase('sqlite', inject('postgresUrl'));
    await insertAttributeDefinition(database.db, {
      entity: 'person',
      name: 'score',
      label: 'Score',
      type: 'number',
      now: clock.now(),
    });
    // Split into 64 KiB chunks as a file stream would deliver it.
    const bytes = Buffer.from(file.text);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 65_536) }, (_, i) =>
      bytes.subarray(i * 65_536, (i + 1) * 65_536),
    );
    result = await importCsv(
      { database, clock },
      {
        entity: 'people',
        input: Readable.from(chunks),
        totalBytes: bytes.length,
        onProgress: (p) => events.push(p),
      },
    );
  }, 300_000);
  afterAll(async () => database.close());

  it('imports every good row', () => {
    expect(result.ok && result.value.inserted).toBe(99_000);
    expect(result.ok && result.value.updated + result.value.unchanged).toBe(0);
  });

  it('reports every bad row by its physical line with its reason', () => {
    const rejected = result.ok ? result.value.rejected : [];
    expect(rejected.map((r) => r.line)).toEqual(file.bad.map((b) => b.line));
    rejected.forEach((r, i) => expect(r.reason).toContain(file.bad[i]?.reason));
    expect(result.ok && result.value.rejectedNotListed).toBe(0);
  });

  it('reports progress after every batch, ending at every byte', () => {
    expect(events.length).toBeGreaterThanOrEqual(100);
    expect(events.at(-1)).toEqual({
      rowsRead: 100_000,
      imported: 99_000,
      rejected: 1000,
      bytesRead: Buffer.byteLength(file.text),
      totalBytes: Buffer.byteLength(file.text),
    });
  });

  it('stores multi-line fields and custom attributes of the imported rows', async () => {
    expect(await findPersonByExternalId(database.db, 'ext-150')).toMatchObject({
      email: 'person150@example.com',
      jobTitle: 'Head of\nProcurement',
      attributes: { score: 50 },
    });
  });
});
