/**
 * The header and first rows of a CSV file, read in the browser for the mapping step and its
 * preview (the server parses the whole file with csv-parse; this reads only the start). Quoted
 * cells may hold commas, doubled quotes and line breaks.
 */
export interface CsvHead {
  header: string[];
  rows: string[][];
}

/** Splits CSV text into records; a record cut off at the end of `text` is dropped. */
export function parseCsvRecords(text: string, complete: boolean): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
    } else cell += c;
  }
  if (complete && (cell !== '' || record.length > 0)) records.push([...record, cell]);
  return records.filter((r) => r.some((c) => c.trim() !== ''));
}

/** Reads the header and up to `rowCount` rows from the first 64 kB of the file. */
export async function readCsvHead(file: Blob, rowCount = 5): Promise<CsvHead> {
  const slice = file.slice(0, 65_536);
  const text = await slice.text();
  const records = parseCsvRecords(text, file.size <= 65_536);
  const [header = [], ...rows] = records;
  return { header, rows: rows.slice(0, rowCount) };
}

/** A template file: the header row of the standard columns. */
export function templateCsv(columns: readonly string[]): string {
  return `${columns.join(',')}\n`;
}
