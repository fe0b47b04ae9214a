/**
 * Date and number formatting in the user's language; null-safe so that table cells stay simple.
 * A formatter is made once per language: making one costs far more than formatting with it (the
 * first took ~35 ms of a map's opening), and a table formats hundreds of cells.
 */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/** The formatter of `formats` for `language` and `options`, made on first use. */
function shared<F, O>(
  formats: Map<string, F>,
  language: string,
  options: O | undefined,
  make: () => F,
): F {
  const key = `${language}\u0000${JSON.stringify(options ?? {})}`;
  let format = formats.get(key);
  if (format === undefined) {
    format = make();
    formats.set(key, format);
  }
  return format;
}

/** The shared `Intl.DateTimeFormat` of `language` with `options`. */
export function dateTimeFormat(
  language: string,
  options?: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  return shared(
    dateTimeFormats,
    language,
    options,
    () => new Intl.DateTimeFormat(language, options),
  );
}

/** The shared `Intl.NumberFormat` of `language` with `options`. */
export function numberFormat(
  language: string,
  options?: Intl.NumberFormatOptions,
): Intl.NumberFormat {
  return shared(numberFormats, language, options, () => new Intl.NumberFormat(language, options));
}

/** How the app writes a moment: "Dec 6, 2026, 7:15 AM". */
const dateTimeStyle: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };

export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateTimeFormat(language, dateTimeStyle).format(date);
}

/**
 * Makes the date formatter of `language` ahead of its first use. The entry module calls it while
 * the app's scripts are still arriving and the main thread has nothing else to do: the first
 * `Intl.DateTimeFormat` of a page loads the language's calendar data (~20 ms), which the map's
 * header would otherwise pay in the middle of its first render.
 */
export function prepareDateTimeFormat(language: string): void {
  dateTimeFormat(language, dateTimeStyle);
}

/** Numbers in the user's language; `null` (unknown) as a dash. */
export function formatNumber(value: number | null | undefined, language: string): string {
  if (value === null || value === undefined) return '—';
  return numberFormat(language).format(value);
}
