/**
 * `npm run bench:send`: emails delivered per second by Caravan — a journey audience → email of
 * N people, run by the worker loop and the dispatcher lanes — against nodemailer's own pooled
 * transport with the same number of connections, at a loopback SMTP relay answering at once and
 * after 20 ms, on SQLite and PostgreSQL. Prints JSON, then a short table.
 *
 *   --people 5000        people (default 5,000; N/2 accounts with two people each)
 *   --db sqlite,postgres databases (default both)
 *   --pool 8,32          SMTP_POOL_SIZE values (default 8,32)
 *   --latency 0,20       relay delays in ms (default 0,20)
 *   --quick              500 people, pool 8: a smoke run
 * PostgreSQL: BENCH_POSTGRES_URL (or CARAVAN_BENCH_POSTGRES_URL), else a throw-away server.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import type { DialectName } from '@caravan/storage/database';
import { postgresServer } from '../engine/bench-database.ts';
import { runCaravanSend, runRawNodemailer, type SendRun } from './send-runs.ts';
import { startSmtpSink } from './smtp-sink.ts';

interface Row {
  dialect: DialectName;
  latencyMs: number;
  pool: number;
  caravan: SendRun;
  raw: SendRun;
  ratio: number;
}

function valueOf(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  if (index >= 0) return argv[index + 1];
  return argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

function numbers(raw: string | undefined, fallback: number[]): number[] {
  if (raw === undefined) return fallback;
  const values = raw.split(',').map((s) => Number(s.trim().replace(/_/g, '')));
  if (values.some((n) => !Number.isInteger(n) || n < 0)) throw new Error(`bad list: ${raw}`);
  return values;
}

function options(argv: readonly string[]) {
  const quick = argv.includes('--quick');
  const dbs = (valueOf(argv, '--db') ?? 'sqlite,postgres').split(',').map((s) => s.trim());
  for (const d of dbs) {
    if (d !== 'sqlite' && d !== 'postgres') throw new Error(`--db: unknown database "${d}"`);
  }
  return {
    people: numbers(valueOf(argv, '--people'), [quick ? 500 : 5000])[0] ?? 5000,
    dialects: dbs as DialectName[],
    pools: numbers(valueOf(argv, '--pool'), quick ? [8] : [8, 32]),
    latencies: numbers(valueOf(argv, '--latency'), [0, 20]),
    postgresUrl: process.env.BENCH_POSTGRES_URL ?? process.env.CARAVAN_BENCH_POSTGRES_URL,
  };
}

function table(rows: readonly Row[]): string {
  const head =
    '| Database | Relay delay | Pool | Caravan emails/s | Raw nodemailer emails/s | Ratio | Connections used (Caravan / raw) |';
  const rule = '| --- | --- | --- | --- | --- | --- | --- |';
  const lines = rows.map(
    (r) =>
      `| ${r.dialect} | ${r.latencyMs} ms | ${r.pool} | ${r.caravan.perSecond} | ${r.raw.perSecond} | ${r.ratio.toFixed(2)} | ${r.caravan.maxConnections} / ${r.raw.maxConnections} |`,
  );
  return [head, rule, ...lines].join('\n');
}

async function main(): Promise<void> {
  const o = options(process.argv.slice(2));
  const postgres = o.dialects.includes('postgres')
    ? await postgresServer(o.postgresUrl)
    : undefined;
  const rows: Row[] = [];
  try {
    for (const latencyMs of o.latencies) {
      const sink = await startSmtpSink(latencyMs);
      try {
        for (const pool of o.pools) {
          const raw = await runRawNodemailer(o.people, sink, pool);
          for (const dialect of o.dialects) {
            console.error(
              `send: ${dialect}, relay ${latencyMs} ms, pool ${pool}, ${o.people} people`,
            );
            const url = dialect === 'postgres' ? (postgres?.url ?? '') : '';
            const caravan = await runCaravanSend(dialect, url, o.people, sink, pool);
            const ratio = Math.round((caravan.perSecond / raw.perSecond) * 100) / 100;
            rows.push({ dialect, latencyMs, pool, caravan, raw, ratio });
          }
        }
      } finally {
        await sink.close();
      }
    }
  } finally {
    await postgres?.stop();
  }
  const machine = {
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
  };
  const command = `npm run bench:send -- ${process.argv.slice(2).join(' ')}`.trim();
  console.log(JSON.stringify({ command, machine, people: o.people, rows }, null, 2));
  console.log(`\n${table(rows)}`);
}

await main();
process.exit(0);
