/**
 * Date and number formatting in the user's language; null-safe so that table cells stay simple.
 * A formatter is made once per language: making one costs far more than formatting with it (the
 * first took ~35 ms of a map's opening), and a table formats hundreds of cells.
 */
const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

/** The shared `Intl.DateTimeFormat` of `language` with `options`. */
export function dateTimeFormat(
  language: string,
  options?: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `date\u0000${language}\u0000${JSON.stringify(options ?? {})}`;
  let format = formats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(language, options);
    formats.set(key, format);
  }
  return format as Intl.DateTimeFormat;
}

/** The shared `Intl.NumberFormat` of `language` with `options`. */
export function numberFormat(
  language: string,
  options?: Intl.NumberFormatOptions,
): Intl.NumberFormat {
  const key = `number\u0000${language}\u0000${JSON.stringify(options ?? {})}`;
  let format = formats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(language, options);
    formats.set(key, format);
  }
  return format as Intl.NumberFormat;
}

export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** Numbers in the user's language; `null` (unknown) as a dash. */
export function formatNumber(value: number | null | undefined, language: string): string {
  if (value === null || value === undefined) return '—';
  return numberFormat(language).format(value);
}
