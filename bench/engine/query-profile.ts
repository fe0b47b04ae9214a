/**
 * `BENCH_QUERY_PROFILE=1`: the time each statement shape took in a phase (Kysely's query log),
 * printed to stderr when the phase ends — where the database's share of a step goes. Statements
 * are grouped by their text with parameter lists folded, so a 500-row INSERT and a 499-row one
 * are one shape.
 */
import type { LogEvent } from 'kysely';

const shapes = new Map<string, { count: number; ms: number }>();

function shapeOf(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\((?:\s*(?:\?|\$\d+)\s*,?)+\)/g, '(…)')
    .replace(/(?:\(…\), )+\(…\)/g, '(…)…')
    .slice(0, 140);
}

/** The Kysely `log` option that collects the shapes; undefined unless BENCH_QUERY_PROFILE is set. */
export function queryProfileLog(): ((event: LogEvent) => void) | undefined {
  if (!process.env.BENCH_QUERY_PROFILE) return undefined;
  return (event) => {
    const key = shapeOf(event.query.sql);
    const seen = shapes.get(key) ?? { count: 0, ms: 0 };
    seen.count += 1;
    seen.ms += event.queryDurationMillis;
    shapes.set(key, seen);
  };
}

/** Prints the shapes, slowest total first. */
export function printQueryProfile(): void {
  if (shapes.size === 0) return;
  const total = [...shapes.values()].reduce((sum, s) => sum + s.ms, 0);
  console.error(`statements: ${total.toFixed(0)} ms in total`);
  for (const [shape, s] of [...shapes].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) {
    console.error(
      `${s.ms.toFixed(0).padStart(8)} ms ${String(s.count).padStart(7)}× ${((1000 * s.ms) / s.count)
        .toFixed(0)
        .padStart(6)} µs  ${shape}`,
    );
  }
}
