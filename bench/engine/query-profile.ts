/**
 * `BENCH_QUERY_PROFILE=1`: the time each statement shape took in a phase (Kysely's query log),
 * printed to stderr when the phase ends — where the database's share of a step goes. Statements
 * are grouped by their text with parameter lists folded, so a 500-row INSERT and a 499-row one
 * are one shape.
 *
 * With `BENCH_EXPLAIN=1` as well (PostgreSQL), one sample of each shape — its 20th run, a batch
 * from the middle of the phase rather than the first — is kept with its parameters and, after the
 * phase, run again under `EXPLAIN (ANALYZE, BUFFERS)` in a transaction that is rolled back: the
 * server's own execution time, its planning time and the time of each trigger (the foreign-key
 * checks), next to the time the client saw for that shape. The re-run sees the database as the
 * phase left it (a claim finds nothing left to claim), so read it as the cost of the statement,
 * not of that exact batch.
 */
import { CompiledQuery, type Kysely, type LogEvent } from 'kysely';

const shapes = new Map<string, { count: number; ms: number }>();
const samples = new Map<string, { sql: string; parameters: readonly unknown[] }>();
const sampleAt = 20;
let capturing = true;

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
    if (!capturing) return; // the EXPLAIN re-runs are not part of the phase
    const key = shapeOf(event.query.sql);
    const seen = shapes.get(key) ?? { count: 0, ms: 0 };
    seen.count += 1;
    seen.ms += event.queryDurationMillis;
    shapes.set(key, seen);
    if (seen.count === sampleAt || !samples.has(key)) {
      samples.set(key, { sql: event.query.sql, parameters: event.query.parameters });
    }
  };
}

/** Forgets what was collected so far (e.g. the set-up before a timed window). */
export function resetQueryProfile(): void {
  shapes.clear();
  samples.clear();
}

interface PlanNode {
  'Actual Rows'?: number;
  Plans?: PlanNode[];
}
interface ExplainResult {
  Plan: PlanNode;
  'Planning Time': number;
  'Execution Time': number;
  Triggers?: { 'Trigger Name': string; Time: number; Calls: number }[];
}

/** Rolls the explained statement's effects back. */
class RolledBack extends Error {}

/**
 * BENCH_EXPLAIN=1 on PostgreSQL: explains the kept sample of each shape (the 12 slowest shapes by
 * total time) and prints server time vs client time per shape, with the triggers' share.
 */
export async function printExplainedSamples(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any table set: the statements are replayed as text
  db: Kysely<any>,
  dialect: string,
): Promise<void> {
  if (!process.env.BENCH_EXPLAIN || dialect !== 'postgres' || shapes.size === 0) return;
  capturing = false;
  const slowest = [...shapes].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12);
  console.error(
    'explained samples (server ms = EXPLAIN ANALYZE execution; client µs = mean seen by the phase):',
  );
  for (const [shape, seen] of slowest) {
    const sample = samples.get(shape);
    if (!sample || !/^\s*(insert|update|delete|select|with)\b/i.test(sample.sql)) continue;
    if (/pg_notify/i.test(sample.sql)) continue;
    let line: string;
    try {
      let result: ExplainResult | undefined;
      await db
        .transaction()
        .execute(async (trx) => {
          const explained = await trx.executeQuery<{ 'QUERY PLAN': ExplainResult[] }>(
            CompiledQuery.raw(`explain (analyze, buffers, format json) ${sample.sql}`, [
              ...sample.parameters,
            ]),
          );
          const plan: unknown = explained.rows[0]?.['QUERY PLAN'];
          const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as ExplainResult[];
          result = parsed[0];
          throw new RolledBack();
        })
        .catch((error: unknown) => {
          if (!(error instanceof RolledBack)) throw error;
        });
      if (!result) continue;
      const triggers = (result.Triggers ?? [])
        .map((t) => `${t['Trigger Name']} ${t.Time.toFixed(2)} ms/${t.Calls}`)
        .join(', ');
      line =
        `server ${result['Execution Time'].toFixed(2).padStart(8)} ms` +
        ` (plan ${result['Planning Time'].toFixed(2)} ms, rows ${result.Plan.Plans?.[0]?.['Actual Rows'] ?? result.Plan['Actual Rows'] ?? '?'})` +
        ` client ${((1000 * seen.ms) / seen.count).toFixed(0).padStart(6)} µs` +
        (triggers ? `  triggers: ${triggers}` : '');
    } catch (error) {
      line = `not explained: ${(error as Error).message.slice(0, 80)}`;
    }
    console.error(`  ${line}\n      ${shape}`);
  }
  capturing = true;
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
