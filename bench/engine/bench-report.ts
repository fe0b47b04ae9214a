/** The engine benchmark's results: their shape, the ratios, and the Markdown tables. */
import type { DialectName } from '@caravan/storage/database';
import type { CaravanResult } from './caravan-journey.ts';
import type { LatencyResult } from './event-latency.ts';
import type { BullmqResult } from './bullmq-journey.ts';
import type { GraphileResult } from './graphile-journey.ts';
import type { Memory } from './phase-child.ts';
import { round, type RawRate } from './raw-claim-rate.ts';
import type { WorkersResult } from './workers-journey.ts';

export interface ThroughputRow {
  dialect: DialectName;
  accounts: number;
  seedSeconds: number;
  caravan?: CaravanResult & { memory: Memory };
  raw?: RawRate;
  graphile?: (GraphileResult & { memory: Memory }) | { skipped: string };
  bullmq?: (BullmqResult & { memory: Memory }) | { skipped: string };
  /** Caravan account-steps/s ÷ raw row-steps/s (target ≥ 0.8). */
  ratioToRaw?: number;
  /**
   * graphile-worker's time for the same N accounts ÷ Caravan's (entry + run both sides; target
   * ≥ 2). Compared per account, not per step, since the two count steps differently.
   */
  ratioToGraphile?: number;
  /** BullMQ's time for the same N accounts ÷ Caravan's, as for graphile-worker. */
  ratioToBullmq?: number;
}

export interface LatencyRow {
  dialect: DialectName;
  latency: LatencyResult & { memory: Memory };
}

type PeerTimes = { entrySeconds: number; runSeconds: number } | { skipped: string };

/** A peer's entry + run time ÷ Caravan's, when both ran. */
function speedUp(caravan: ThroughputRow['caravan'], peer: PeerTimes | undefined) {
  return caravan && peer && 'runSeconds' in peer
    ? round((peer.entrySeconds + peer.runSeconds) / (caravan.entrySeconds + caravan.runSeconds), 2)
    : undefined;
}

export function withRatios(row: ThroughputRow): ThroughputRow {
  const { caravan, raw } = row;
  const ratioToRaw =
    caravan && raw ? round(caravan.accountStepsPerSecond / raw.rowStepsPerSecond, 2) : undefined;
  return {
    ...row,
    ratioToRaw,
    ratioToGraphile: speedUp(caravan, row.graphile),
    ratioToBullmq: speedUp(caravan, row.bullmq),
  };
}

const dash = '–';
const num = (n: number | undefined) => (n === undefined ? dash : n.toLocaleString('en-US'));

export function throughputTable(rows: readonly ThroughputRow[]): string {
  const lines = [
    '| database | accounts | entry s | run s | steps/account | Caravan account-steps/s | raw row-steps/s | ratio to raw | graphile-worker jobs/s | graphile total s | Caravan faster than graphile | BullMQ jobs/s | BullMQ total s | Caravan faster than BullMQ | peak RSS MB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => {
      const c = r.caravan;
      const g = r.graphile && 'runSeconds' in r.graphile ? r.graphile : undefined;
      const gCell = r.graphile && 'skipped' in r.graphile ? r.graphile.skipped : dash;
      const b = r.bullmq && 'runSeconds' in r.bullmq ? r.bullmq : undefined;
      const bCell = r.bullmq && 'skipped' in r.bullmq ? r.bullmq.skipped : dash;
      return [
        '',
        r.dialect,
        num(r.accounts),
        num(c?.entrySeconds),
        num(c?.runSeconds),
        num(c?.stepsPerAccount),
        num(c?.accountStepsPerSecond),
        num(r.raw?.rowStepsPerSecond),
        num(r.ratioToRaw),
        g ? num(g.accountStepsPerSecond) : gCell,
        g ? num(round(g.entrySeconds + g.runSeconds, 1)) : gCell,
        r.ratioToGraphile === undefined ? dash : `${r.ratioToGraphile}×`,
        b ? num(b.accountStepsPerSecond) : bCell,
        b ? num(round(b.entrySeconds + b.runSeconds, 1)) : bCell,
        r.ratioToBullmq === undefined ? dash : `${r.ratioToBullmq}×`,
        num(c?.memory.maxRssMb),
        '',
      ]
        .join(' | ')
        .trim();
    }),
  ];
  return lines.join('\n');
}

export function latencyTable(rows: readonly LatencyRow[]): string {
  return [
    '| database | listeners | events | rate/s (achieved) | advanced | p50 ms | p90 ms | p99 ms | max ms | engine batches (p99 / max ms) | enrollments autovacuums | peak RSS MB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(({ dialect, latency: l }) =>
      [
        '',
        dialect,
        num(l.listeners),
        num(l.events),
        `${num(l.ratePerSecond)} (${num(l.achievedRatePerSecond)})`,
        num(l.advanced),
        ...[l.p50Ms, l.p90Ms, l.p99Ms, l.maxMs].map((ms) =>
          ms === null ? `> ${l.graceSeconds} s after the last event` : num(ms),
        ),
        `${num(l.batches.count)} (${num(l.batches.p99Ms ?? 0)} / ${num(l.batches.maxMs ?? 0)})`,
        l.enrollmentsAutovacuums === null
          ? '–'
          : `${l.enrollmentsAutovacuums.vacuum} vacuum, ${l.enrollmentsAutovacuums.analyze} analyze`,
        num(l.memory.maxRssMb),
        '',
      ]
        .join(' | ')
        .trim(),
    ),
  ].join('\n');
}

/** The scale-out run; "÷ first" compares each row's rate with the first row of its size. */
export function workersTable(rows: readonly WorkersResult[]): string {
  return [
    '| accounts | worker processes | entry s | run s | account-steps/s | ÷ first |',
    '|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => {
      const first = rows.find((f) => f.accounts === r.accounts);
      const ratio = first ? round(r.accountStepsPerSecond / first.accountStepsPerSecond, 2) : 1;
      return `| ${num(r.accounts)} | ${r.workers} | ${num(r.entrySeconds)} | ${num(r.runSeconds)} | ${num(r.accountStepsPerSecond)} | ${ratio}× |`;
    }),
  ].join('\n');
}
