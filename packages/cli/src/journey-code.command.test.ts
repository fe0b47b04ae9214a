import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import { openMigratedDatabase } from '@caravan/server/bootstrap';
import { findJourney, listJourneys } from '@caravan/storage/journey.repository';
import { insertUser } from '@caravan/storage/user.repository';
import { runExport, runImportJourney, runValidate } from './journey-code.command.ts';

const now = new Date('2026-03-02T09:00:00.000Z');

function capture() {
  const captured = { out: '', err: '' };
  return {
    captured,
    output: {
      out: (text: string) => void (captured.out += text),
      err: (text: string) => void (captured.err += text),
    },
  };
}

const validDefinition: JourneyDefinition = {
  nodes: [
    { id: 'audience', type: 'audience', settings: { source: 'audience', sourceId: 'aud-1' } },
    { id: 'wait', type: 'wait', settings: { duration: { amount: 2, unit: 'days' } } },
  ],
  edges: [{ from: 'audience', port: 'next', to: 'wait' }],
};

function journeyFile(overrides: Record<string, unknown> = {}) {
  return {
    format: 'caravan.journey',
    version: 1,
    name: 'Q1 nurture',
    description: 'Welcome new accounts',
    definition: validDefinition,
    schedule: { start: 'immediately', end: '2026-04-01T00:00:00.000Z', timeZone: 'Europe/Paris' },
    settings: {
      reEntry: {
        enabled: true,
        entryLimit: 2,
        delay: { amount: 3, unit: 'days' },
        measuredFrom: 'start',
      },
      emailDeduplication: true,
      myTokens: [{ name: 'offer', type: 'text', value: '20% off' }],
    },
    ...overrides,
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'caravan-journey-code-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeJson(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

describe('caravan validate', () => {
  it('exits 0 and says the file is valid when nothing blocks publishing', async () => {
    const file = writeJson('ok.json', journeyFile());
    const { captured, output } = capture();
    expect(await runValidate([file], output, now)).toBe(0);
    expect(captured.out).toContain(`${file}: valid (0 errors,`);
    expect(captured.err).toBe('');
  });

  it('exits 1 and prints every blocking problem with its code, node and severity', async () => {
    const file = writeJson(
      'bad.json',
      journeyFile({
        definition: {
          nodes: [...validDefinition.nodes, { id: 'wait', type: 'wait', settings: {} }],
          edges: [...validDefinition.edges, { from: 'wait', port: 'next', to: 'nowhere' }],
        },
        schedule: { start: 'immediately', end: null },
      }),
    );
    const { captured, output } = capture();
    expect(await runValidate([file], output, now)).toBe(1);
    expect(captured.out).toMatch(/^ {2}error {3}NODE_ID_DUPLICATE \(node wait\): /m);
    expect(captured.out).toContain('DANGLING_EDGE');
    expect(captured.out).toContain('SCHEDULE_END_MISSING');
    expect(captured.out).toMatch(/cannot be published \(\d+ errors?, \d+ warnings?\)/);
  });

  it('exits 2 naming the field when the file does not match the format', async () => {
    const file = writeJson(
      'wrong.json',
      journeyFile({
        version: 7,
        definition: { nodes: [{ id: 'x', type: 'teleport' }], edges: [] },
      }),
    );
    const { captured, output } = capture();
    expect(await runValidate([file], output, now)).toBe(2);
    expect(captured.err).toContain('is not a Caravan journey file');
    expect(captured.err).toMatch(/^ {2}version: /m);
    expect(captured.err).toMatch(/^ {2}definition\.nodes\.0/m);
  });

  it('exits 2 when the file is not JSON or cannot be read', async () => {
    const notJson = capture();
    expect(await runValidate([writeJson('x.json', '{ nope')], notJson.output, now)).toBe(2);
    expect(notJson.captured.err).toContain('invalid JSON');
    const missing = capture();
    expect(await runValidate([join(dir, 'missing.json')], missing.output, now)).toBe(2);
    expect(missing.captured.err).toContain('cannot read');
  });

  it('exits 2 with the usage when no file is named', async () => {
    const { captured, output } = capture();
    expect(await runValidate([], output, now)).toBe(2);
    expect(captured.err).toContain('name the journey file to validate');
  });

  it('runs from the command line without any configuration', () => {
    const file = writeJson(
      'ok.json',
      journeyFile({ schedule: { start: 'immediately', end: null } }),
    );
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'main.ts'), 'validate', file],
      { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('SCHEDULE_END_MISSING');
    expect(run.status).toBe(1);
  });
});

describe('caravan export and import-journey on a SQLite file', () => {
  let databaseUrl: string;
  let actorId: string;

  beforeEach(async () => {
    databaseUrl = `sqlite:${join(dir, 'caravan.db')}`;
    const opened = await openMigratedDatabase(databaseUrl);
    if (!opened.ok) throw new Error(opened.error.message);
    actorId = crypto.randomUUID();
    await insertUser(opened.value.db, {
      id: actorId,
      email: 'admin@localhost',
      name: 'Administrator',
      role: 'admin',
      passwordHash: 'not-used',
      now,
    });
    await opened.value.close();
  });

  const options = () => ({ databaseUrl, defaultActorEmail: 'admin@localhost' });

  async function importFile(args: string[]) {
    const run = capture();
    const code = await runImportJourney(args, options(), run.output);
    return { code, ...run.captured };
  }

  async function readJourney(id: string) {
    const opened = await openMigratedDatabase(databaseUrl);
    if (!opened.ok) throw new Error(opened.error.message);
    try {
      return await findJourney(opened.value.db, id);
    } finally {
      await opened.value.close();
    }
  }

  it('imports a file, exports it, and re-imports the export as an identical draft', async () => {
    const source = journeyFile();
    const first = await importFile([writeJson('in.json', source)]);
    expect(first.code).toBe(0);
    const firstId = /with id (\S+)/.exec(first.out)?.[1] ?? '';
    const imported = await readJourney(firstId);
    expect(imported).toMatchObject({ name: 'Q1 nurture', status: 'draft' });
    expect(imported?.createdBy?.id).toBe(actorId);

    const outFile = join(dir, 'out.journey.json');
    const exported = capture();
    expect(await runExport([firstId, '--out', outFile], databaseUrl, exported.output)).toBe(0);
    expect(JSON.parse(readFileSync(outFile, 'utf8'))).toEqual(source);

    const second = await importFile([outFile, '--name', 'Q1 nurture v2']);
    expect(second.code).toBe(0);
    const copy = await readJourney(/with id (\S+)/.exec(second.out)?.[1] ?? '');
    expect(copy?.name).toBe('Q1 nurture v2');
    expect(copy?.status).toBe('draft');
    expect(copy?.definition).toEqual(imported?.definition);
    expect(copy?.schedule).toEqual(imported?.schedule);
    expect(copy?.settings).toEqual(imported?.settings);
    expect(copy?.description).toBe(imported?.description);
  });

  it('writes the export to stdout when no --out is given', async () => {
    const first = await importFile([writeJson('in.json', journeyFile())]);
    const id = /with id (\S+)/.exec(first.out)?.[1] ?? '';
    const exported = capture();
    expect(await runExport([id], databaseUrl, exported.output)).toBe(0);
    expect(JSON.parse(exported.captured.out)).toEqual(journeyFile());
  });

  it('exits 1 when the name is taken, the journey is unknown or the actor is no editor', async () => {
    const file = writeJson('in.json', journeyFile());
    expect((await importFile([file])).code).toBe(0);
    const clash = await importFile([file]);
    expect(clash.code).toBe(1);
    expect(clash.err).toContain('caravan import-journey:');

    const unknown = capture();
    expect(await runExport([crypto.randomUUID()], databaseUrl, unknown.output)).toBe(1);
    expect(unknown.captured.err).toContain('No journey has the id');

    const stranger = await importFile([file, '--name', 'Other', '--as', 'nobody@example.com']);
    expect(stranger.code).toBe(1);
    expect(stranger.err).toContain('nobody@example.com');
  });

  it('exits 2 without touching the database when the file is invalid', async () => {
    const result = await importFile([writeJson('bad.json', journeyFile({ format: 'other' }))]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^ {2}format: /m);
    const opened = await openMigratedDatabase(databaseUrl);
    if (!opened.ok) throw new Error(opened.error.message);
    const { total } = await listJourneys(opened.value.db, {
      sort: { field: 'name', direction: 'asc' },
      limit: 10,
      offset: 0,
    });
    await opened.value.close();
    expect(total).toBe(0);
  });
});
