/**
 * `caravan import <file.csv> --entity accounts|people`: streams the file into the database with
 * a progress bar on stderr (redrawn on a terminal, a line every 10 % otherwise), then prints a
 * summary and the first rejected rows. Exit codes: 0 the file was read (even with rejected
 * rows), 1 the file or database cannot be used (unreadable file, header that cannot be
 * imported), 2 usage errors.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { systemClock } from '@caravan/core/clock';
import { parseMapArgument, type ColumnMapping } from '@caravan/core/b2b/csv-mapping';
import type { ImportEntity } from '@caravan/engine/import/csv-import-columns';
import {
  importCsv,
  type ImportProgress,
  type ImportResult,
} from '@caravan/engine/import/csv-import.service';
import { openMigratedDatabase } from '@caravan/server/bootstrap';

export const importUsage = `Usage: caravan import <file.csv> --entity accounts|people [--map 'Header=column,…']

Upserts accounts (by externalId, else domain) or people (by externalId, else email) from a CSV
file whose header names the columns; see docs/csv-import.md for the column names. Headers are
also matched case-insensitively and by common synonyms ("Company Name", "Website", "E-mail");
--map names the column of any other header, e.g. --map 'Company Name=name,Notes=' (an empty
column skips the header).`;

/** Where the command writes; `isTTY` picks the redrawn bar over progress lines. */
export interface ImportOutput {
  out: (text: string) => void;
  err: (text: string) => void;
  isTTY: boolean;
}

const shownRejections = 20;
const barWidth = 30;

function percentOf(p: ImportProgress): number {
  if (!p.totalBytes) return 100;
  return Math.min(100, Math.floor((p.bytesRead / p.totalBytes) * 100));
}

function describe(p: ImportProgress): string {
  const n = (value: number) => value.toLocaleString('en-US');
  return `${n(p.rowsRead)} rows read, ${n(p.imported)} imported, ${n(p.rejected)} rejected`;
}

/**
 * Progress on stderr: a bar redrawn in place on a terminal, else a line per 10 % step of the
 * bytes read, and always the final state (the bytes run ahead of the rows being written).
 */
export function progressReporter(output: ImportOutput) {
  let lastStep = -1;
  let last: ImportProgress | undefined;
  let lastPrinted: ImportProgress | undefined;
  const line = (p: ImportProgress) => `${percentOf(p)}% ${describe(p)}\n`;
  return {
    report(p: ImportProgress): void {
      last = p;
      const percent = percentOf(p);
      if (output.isTTY) {
        const filled = Math.round((percent / 100) * barWidth);
        const bar = `${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}`;
        output.err(`\r[${bar}] ${String(percent).padStart(3)}% ${describe(p)}`);
        lastPrinted = p;
        return;
      }
      const step = Math.floor(percent / 10);
      if (step <= lastStep) return;
      lastStep = step;
      lastPrinted = p;
      output.err(line(p));
    },
    /** Ends the redrawn bar, or prints the final state if its step was already printed. */
    finish(): void {
      if (output.isTTY) {
        if (lastPrinted) output.err('\n');
      } else if (last && last !== lastPrinted) {
        output.err(line(last));
      }
    },
  };
}

function printResult(output: ImportOutput, result: ImportResult): void {
  const rejectedCount = result.rejected.length + result.rejectedNotListed;
  output.out(
    `Imported: ${result.inserted} inserted, ${result.updated} updated, ` +
      `${result.unchanged} unchanged; ${rejectedCount} rejected.\n`,
  );
  if (rejectedCount === 0) return;
  output.out('Rejected rows:\n');
  for (const { line, reason } of result.rejected.slice(0, shownRejections)) {
    output.out(`  line ${line}: ${reason}\n`);
  }
  const more = rejectedCount - Math.min(shownRejections, result.rejected.length);
  if (more > 0) output.out(`  … and ${more} more rejected rows\n`);
}

type Parsed =
  | { ok: true; file: string; entity: ImportEntity; mapping: ColumnMapping }
  | { ok: false; message: string };

function parseImportArgs(args: string[]): Parsed {
  try {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { entity: { type: 'string', short: 'e' }, map: { type: 'string', short: 'm' } },
    });
    const [file, ...extra] = positionals;
    if (file === undefined) return { ok: false, message: 'name the CSV file to import' };
    if (extra.length > 0) return { ok: false, message: `unexpected argument "${extra[0]}"` };
    if (values.entity !== 'accounts' && values.entity !== 'people') {
      return { ok: false, message: '--entity must be accounts or people' };
    }
    const mapping = parseMapArgument(values.map ?? '');
    if (!mapping.ok) return { ok: false, message: `--map: ${mapping.message}` };
    return { ok: true, file, entity: values.entity, mapping: mapping.value };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Runs the command; `args` are the words after `import`. Returns the exit code. */
export async function runImport(
  args: string[],
  databaseUrl: string,
  output: ImportOutput,
): Promise<number> {
  const parsed = parseImportArgs(args);
  if (!parsed.ok) {
    output.err(`caravan import: ${parsed.message}\n\n${importUsage}\n`);
    return 2;
  }
  const size = await stat(parsed.file).then(
    (s) => (s.isFile() ? s.size : undefined),
    () => undefined,
  );
  if (size === undefined) {
    output.err(`caravan import: cannot read ${parsed.file}\n`);
    return 1;
  }
  const opened = await openMigratedDatabase(databaseUrl);
  if (!opened.ok) {
    output.err(`caravan import: ${opened.error.message}\n`);
    return 1;
  }
  const database = opened.value;
  const progress = progressReporter(output);
  try {
    const result = await importCsv(
      { database, clock: systemClock },
      {
        entity: parsed.entity,
        input: createReadStream(parsed.file),
        totalBytes: size,
        mapping: parsed.mapping,
        onProgress: (p) => progress.report(p),
      },
    );
    progress.finish();
    if (!result.ok) {
      output.err(`caravan import: ${result.error.message}\n`);
      return 1;
    }
    printResult(output, result.value);
    return 0;
  } catch (error) {
    progress.finish();
    output.err(`caravan import: ${parsed.file}: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await database.close();
  }
}
