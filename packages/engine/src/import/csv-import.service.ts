/**
 * Folder `import/`: CSV import of accounts and people, with column mapping, batches and account
 * links. A workflow folder: may import the data folders and `runtime/`.
 *
 * CSV import of accounts or people: the file streams through `csv-parse`, each row is checked
 * with the core schemas, and valid rows are upserted 1,000 at a time (one transaction each) by
 * external id, else domain (accounts) or email (people). A bad row is rejected with its line
 * number and reason; the rest of the file still imports.
 *
 * Line numbers are physical lines of the file, 1-based, the header being line 1: a record whose
 * quoted field spans lines is reported at the line where it starts, so that an editor's "go to
 * line" lands on it.
 */
import { Transform, pipeline, type Readable } from 'node:stream';
import { parse, type Options } from 'csv-parse';
import { err, ok, type Result } from '@caravan/core/result';
import { listAttributeDefinitions } from '@caravan/storage/attribute-definition.repository';
import type { AttributeDefinition } from '@caravan/core/b2b/custom-attribute';
import type { DataDeps } from '../data/attribute-definitions.service.ts';
import type { ColumnMapping } from '@caravan/core/b2b/csv-mapping';
import { planColumns, type ColumnPlan, type ImportEntity } from './csv-import-columns.ts';
import { checkBatch, writeBatch, type BatchRow, type CheckedBatch } from './csv-import-batch.ts';

export interface ImportProgress {
  rowsRead: number;
  imported: number;
  rejected: number;
  bytesRead: number;
  /** Known when the caller knows the size (a file, a Content-Length). */
  totalBytes?: number;
}

export interface RejectedRow {
  line: number;
  reason: string;
}

export interface ImportResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Ordered by line; at most `maxListedRejections`, the rest only counted. */
  rejected: RejectedRow[];
  rejectedNotListed: number;
}

export interface ImportError {
  code: 'CSV_HEADER_INVALID';
  message: string;
  /** Every problem with the header, at once. */
  details: string[];
}

export interface ImportOptions {
  entity: ImportEntity;
  input: Readable;
  totalBytes?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Header → column, custom attribute or '' (skip); see core `csv-mapping.ts`. */
  mapping?: ColumnMapping;
}

export const importBatchSize = 1000;
/** Enough to fix a file by; beyond it a count keeps the report small. */
export const maxListedRejections = 10_000;

interface ParsedRecord {
  line: number;
  cells: string[];
}

class ImportRun {
  readonly result: ImportResult = {
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    rejectedNotListed: 0,
  };
  rowsRead = 0;
  bytesRead = 0;

  constructor(private readonly options: ImportOptions) {}

  reject(line: number, reason: string): void {
    if (this.result.rejected.length < maxListedRejections) {
      this.result.rejected.push({ line, reason });
    } else {
      this.result.rejectedNotListed += 1;
    }
  }

  private lastReported = '';

  /** Reports the current state, unless it is exactly what was reported last. */
  progress(): void {
    const { inserted, updated, unchanged, rejected, rejectedNotListed } = this.result;
    const progress: ImportProgress = {
      rowsRead: this.rowsRead,
      imported: inserted + updated + unchanged,
      rejected: rejected.length + rejectedNotListed,
      bytesRead: this.bytesRead,
      ...(this.options.totalBytes === undefined ? {} : { totalBytes: this.options.totalBytes }),
    };
    const key = JSON.stringify(progress);
    if (key === this.lastReported) return;
    this.lastReported = key;
    this.options.onProgress?.(progress);
  }
}

/**
 * The parsed records with the physical line each starts on. Malformed records (a quote never
 * closed, a stray quote) are reported to `onMalformed` with their line, not thrown.
 */
function parseRecords(
  input: Readable,
  run: ImportRun,
  onMalformed: (line: number, reason: string) => void,
): AsyncIterable<ParsedRecord> {
  let lastLine = 0;
  const counter = new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      run.bytesRead += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      done(null, chunk);
    },
  });
  const options: Options<ParsedRecord, string[]> = {
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_records_with_error: true,
    on_record: (cells, context) => {
      const line = lastLine + 1;
      lastLine = context.lines;
      return { line, cells };
    },
    on_skip: (error) => {
      const line = lastLine + 1;
      const endLine = Number((error as { lines?: number } | undefined)?.lines ?? line);
      lastLine = endLine;
      const span = endLine > line ? ` (lines ${line}–${endLine} were not imported)` : '';
      onMalformed(line, `malformed CSV: ${error?.message ?? 'unreadable record'}${span}`);
      return undefined;
    },
  };
  // The typings tie `on_record`'s output to `columns`; records come out as ParsedRecord.
  const parser = parse(options as unknown as Options);
  // pipeline() forwards an input error (an unreadable file) to the parser, ending the iteration.
  return pipeline(input, counter, parser, () => {});
}

function isBlank(cells: readonly string[]): boolean {
  return cells.length === 1 && (cells[0] ?? '').trim() === '';
}

/**
 * Writes batches one after another while the caller reads and checks the next one, so that
 * parsing overlaps the database's work (PostgreSQL answers asynchronously). A batch starts only
 * when the previous one has committed, so later rows still see earlier ones.
 */
class BatchWriter {
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: DataDeps,
    private readonly run: ImportRun,
  ) {}

  async enqueue(checked: CheckedBatch): Promise<void> {
    await this.writing;
    const written = writeBatch(this.deps, checked).then((outcome) => {
      const { result } = this.run;
      result.inserted += outcome.inserted;
      result.updated += outcome.updated;
      result.unchanged += outcome.unchanged;
      for (const rejected of outcome.rejected) this.run.reject(rejected.line, rejected.reason);
      this.run.progress();
    });
    // Marked handled now; the failure still surfaces at the next enqueue() or drain().
    written.catch(() => undefined);
    this.writing = written;
  }

  drain(): Promise<void> {
    return this.writing;
  }
}

async function definitionsFor(deps: DataDeps, entity: ImportEntity) {
  return listAttributeDefinitions(deps.database.db, entity === 'accounts' ? 'account' : 'person');
}

function headerError(problems: string[]): ImportError {
  return {
    code: 'CSV_HEADER_INVALID',
    message: `The header row cannot be imported: ${problems.join('; ')}.`,
    details: problems,
  };
}

/**
 * Imports the CSV in `input`; an unreadable input rejects (it is not an expected failure of the
 * data). Progress is reported after every batch and once at the end.
 */
export async function importCsv(
  deps: DataDeps,
  options: ImportOptions,
): Promise<Result<ImportResult, ImportError>> {
  const run = new ImportRun(options);
  const definitions: AttributeDefinition[] = await definitionsFor(deps, options.entity);
  let plan: ColumnPlan | undefined;
  let batch: BatchRow[] = [];
  const writer = new BatchWriter(deps, run);
  const onMalformed = (line: number, reason: string) => {
    run.rowsRead += 1;
    run.reject(line, reason);
  };
  for await (const record of parseRecords(options.input, run, onMalformed)) {
    if (isBlank(record.cells)) continue;
    if (plan === undefined) {
      const planned = planColumns(options.entity, record.cells, definitions, options.mapping);
      if (!planned.ok) return err(headerError(planned.error));
      plan = planned.value;
      continue;
    }
    run.rowsRead += 1;
    batch.push({ line: record.line, cells: record.cells });
    if (batch.length >= importBatchSize) {
      await writer.enqueue(checkBatch(plan, batch));
      batch = [];
    }
  }
  if (plan === undefined) return err(headerError(['the file is empty; expected a header row']));
  if (batch.length > 0) await writer.enqueue(checkBatch(plan, batch));
  await writer.drain();
  run.result.rejected.sort((a, b) => a.line - b.line);
  run.progress();
  return ok(run.result);
}
