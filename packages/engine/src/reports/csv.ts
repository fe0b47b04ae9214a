/**
 * CSV for every report (issue 12): RFC 4180 quoting, and values that a spreadsheet would run as
 * a formula (starting with =, +, -, @, tab or carriage return) prefixed with a quote (OWASP's
 * advice on CSV injection). Numbers are written as they are: a negative number is data.
 */
export type CsvValue = string | number | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** A CSV document as a stream of lines: a header, then one line per row. */
export function* csvLines<T>(
  columns: ReadonlyArray<readonly [header: string, value: (row: T) => CsvValue]>,
  rows: Iterable<T>,
): Generator<string> {
  yield csvLine(columns.map(([header]) => header));
  for (const row of rows) yield csvLine(columns.map(([, value]) => value(row)));
}
