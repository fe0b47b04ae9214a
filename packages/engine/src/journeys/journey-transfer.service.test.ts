import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Database } from '@caravan/storage/database';
import { listStatusChanges } from '@caravan/storage/journey.repository';
import { openTestDatabase, testDialects } from '@caravan/storage/test-databases';
import { insertUser } from '@caravan/storage/user.repository';
import { ManualClock } from '../runtime/clock.ts';
import { createJourney } from './journey-commands.service.ts';
import type { EngineDeps } from './journey-queries.service.ts';
import {
  checkJourneyFile,
  exportJourney,
  importJourney,
  journeyFileName,
  parseJourneyFile,
  type JourneyFile,
} from './journey-transfer.service.ts';

const now = new Date('2026-03-02T09:00:00.000Z');

function sampleFile(overrides: Partial<JourneyFile> = {}): JourneyFile {
  return {
    format: 'caravan.journey',
    version: 1,
    name: 'Q1 nurture',
    description: 'Welcome new accounts',
    definition: {
      nodes: [
        { id: 'audience', type: 'audience', settings: { source: 'audience', sourceId: 'aud-1' } },
        { id: 'wait', type: 'wait', settings: { duration: { amount: 2, unit: 'days' } } },
      ],
      edges: [{ from: 'audience', port: 'next', to: 'wait' }],
    },
    schedule: { start: 'immediately', end: '2026-04-01T00:00:00.000Z' },
    settings: { reEntry: { enabled: false }, emailDeduplication: true, myTokens: [] },
    ...overrides,
  };
}

describe('journey files', () => {
  it('names the download after a slug of the journey name', () => {
    expect(journeyFileName('Q1 Nurture (EU)')).toBe('q1-nurture-eu.journey.json');
    expect(journeyFileName('Ré-engagement été')).toBe('re-engagement-ete.journey.json');
    expect(journeyFileName('日本')).toBe('journey.journey.json');
  });

  it('parses a valid file and reports every mismatching field by its path', () => {
    expect(parseJourneyFile(JSON.stringify(sampleFile()))).toEqual({
      ok: true,
      value: sampleFile(),
    });
    const bad = parseJourneyFile(JSON.stringify({ ...sampleFile(), format: 'x', name: '' }));
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.issues.map((i) => i.path)).toEqual(['format', 'name']);
    expect(bad.error.message).toMatch(/^Not a Caravan journey file: format: /);
  });

  it('reports text that is not JSON at the root of the file', () => {
    const result = parseJourneyFile('{ "format": ');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.issues[0]?.path).toBe('');
  });

  it('checks a file with the publish rules, references unchecked', () => {
    expect(checkJourneyFile(sampleFile(), now)).toEqual([]);
    const problems = checkJourneyFile(
      sampleFile({ schedule: { start: 'immediately', end: null } }),
      now,
    );
    expect(problems.map((p) => p.code)).toContain('SCHEDULE_END_MISSING');
  });
});

describe.each(testDialects)('journey export and import on %s', (dialect) => {
  let database: Database;
  let deps: EngineDeps;
  let userId: string;

  beforeEach(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
    deps = { database, clock: new ManualClock(now) };
    userId = crypto.randomUUID();
    await insertUser(database.db, {
      id: userId,
      email: 'pat@example.com',
      name: 'Pat',
      role: 'manager',
      passwordHash: 'x',
      now,
    });
  });
  afterEach(async () => database.close());

  it('exports a journey and imports it back as an identical draft with its own history', async () => {
    const { format: _f, version: _v, ...input } = sampleFile();
    const created = await createJourney(deps, userId, input);
    if (!created.ok) throw new Error(created.error.message);

    const exported = await exportJourney(deps, created.value.id);
    expect(exported).toEqual({ ok: true, value: sampleFile() });
    if (!exported.ok) return;
    const imported = await importJourney(deps, userId, exported.value, 'Q1 nurture copy');

    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    expect(imported.value).toMatchObject({ ...input, name: 'Q1 nurture copy', status: 'draft' });
    expect(imported.value.id).not.toBe(created.value.id);
    const history = await listStatusChanges(database.db, imported.value.id);
    expect(history.map((c) => c.to)).toEqual(['draft']);
  });

  it('refuses an import whose name another journey has', async () => {
    await importJourney(deps, userId, sampleFile());
    const again = await importJourney(deps, userId, sampleFile({ name: 'q1 NURTURE' }));
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe('JOURNEY_NAME_TAKEN');
  });

  it('answers JOURNEY_NOT_FOUND when exporting an unknown id', async () => {
    const result = await exportJourney(deps, crypto.randomUUID());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('JOURNEY_NOT_FOUND');
  });
});
