import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { openDatabase, type DialectName } from '@caravan/storage/database';
import { createPostgresTestDatabase } from '@caravan/storage/dialects/postgres/test-database';
import { createSqliteTestDatabase } from '@caravan/storage/dialects/sqlite/test-database';
import { listPeople } from '@caravan/storage/person.repository';
import { testDialects } from '@caravan/storage/test-databases';
import { runImport } from './import.command.ts';

function capture(isTTY: boolean) {
  const captured = { out: '', err: '' };
  return {
    captured,
    output: {
      out: (text: string) => void (captured.out += text),
      err: (text: string) => void (captured.err += text),
      isTTY,
    },
  };
}

describe.each(testDialects)('caravan import on %s', (dialect: DialectName) => {
  let scratch: { url: string; drop(): Promise<void> };
  let dir: string;

  beforeEach(async () => {
    scratch =
      dialect === 'sqlite'
        ? createSqliteTestDatabase()
        : await createPostgresTestDatabase(inject('postgresUrl'));
    dir = mkdtempSync(join(tmpdir(), 'caravan-import-cli-'));
  });
  afterEach(async () => {
    await scratch.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  function csvFile(lines: string[]): string {
    const path = join(dir, 'people.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  }

  it('exits 0 with a summary, the first 20 rejected rows and progress lines every 10 %', async () => {
    const good = Array.from({ length: 2000 }, (_, i) => `p${i}@example.com,P${i}`);
    const bad = Array.from({ length: 25 }, () => 'not-an-email,X');
    const file = csvFile(['email,firstName', ...good, ...bad]);
    const { captured, output } = capture(false);

    expect(await runImport([file, '--entity', 'people'], scratch.url, output)).toBe(0);

    expect(captured.out).toContain('Imported: 2000 inserted, 0 updated, 0 unchanged; 25 rejected.');
    expect(captured.out).toContain('  line 2002: email: ');
    expect(captured.out).toContain('  line 2021: email: ');
    expect(captured.out).not.toContain('line 2022:');
    expect(captured.out).toContain('  … and 5 more rejected rows');
    const lines = captured.err.trim().split('\n');
    expect(lines.at(-1)).toBe('100% 2,025 rows read, 2,000 imported, 25 rejected');
    expect(lines.length).toBeLessThanOrEqual(11);
    const database = await openDatabase(scratch.url);
    expect((await listPeople(database.db, { limit: 1, offset: 0 })).total).toBe(2000);
    await database.close();
  });

  it('redraws one progress bar on a terminal', async () => {
    const file = csvFile(['email', 'ann@example.com']);
    const { captured, output } = capture(true);
    expect(await runImport([file, '--entity=people'], scratch.url, output)).toBe(0);
    expect(captured.err).toMatch(/^\r\[#{30}\] 100% 1 rows read, 1 imported, 0 rejected\n$/);
  });

  it('exits 1 when the file cannot be read or its header cannot be imported', async () => {
    const missing = capture(false);
    expect(
      await runImport([join(dir, 'nope.csv'), '--entity', 'people'], scratch.url, missing.output),
    ).toBe(1);
    expect(missing.captured.err).toContain('cannot read');
    const header = capture(false);
    const file = csvFile(['email,colour', 'ann@example.com,red']);
    expect(await runImport([file, '--entity', 'people'], scratch.url, header.output)).toBe(1);
    expect(header.captured.err).toContain('unknown column "colour"');
  });

  it('imports a file whose headers are mapped with --map, matched by synonym or skipped', async () => {
    const file = csvFile(['Work Address,E-mail,Given,Notes', 'ann@example.com,x,Ann,vip']);
    const { captured, output } = capture(false);
    const args = [
      file,
      '--entity',
      'people',
      '--map',
      'Work Address=email,E-mail=,Given=firstName',
    ];
    expect(await runImport(args, scratch.url, output)).toBe(1);
    // Notes is neither mapped nor a known name: the header is refused, naming it.
    expect(captured.err).toContain('unknown column "Notes"');
    const mapped = capture(false);
    const all = [...args.slice(0, 3), '--map', 'Work Address=email,E-mail=,Given=firstName,Notes='];
    expect(await runImport(all, scratch.url, mapped.output)).toBe(0);
    expect(mapped.captured.out).toContain('Imported: 1 inserted');
    const database = await openDatabase(scratch.url);
    const people = await listPeople(database.db, { limit: 5, offset: 0 });
    expect(people.items.map((p) => [p.email, p.firstName])).toEqual([['ann@example.com', 'Ann']]);
    await database.close();
  });

  it('exits 2 on usage errors', async () => {
    for (const args of [
      [],
      ['a.csv'],
      ['a.csv', '--entity', 'users'],
      ['a.csv', '--bogus'],
      ['a.csv', '--entity', 'people', '--map', 'Company Name'],
    ]) {
      const { captured, output } = capture(false);
      expect(await runImport(args, scratch.url, output)).toBe(2);
      expect(captured.err).toContain('Usage: caravan import');
    }
  });
});
