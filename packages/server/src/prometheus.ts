/**
 * Prometheus metrics of the engine (`GET /metrics`, text format). Counters follow the engine's
 * events as they are emitted; gauges are sampled at scrape time by a few indexed reads
 * (`readEngineGauges`). Each app has its own registry, never prom-client's global one, so that
 * several apps in one process (tests) do not share series.
 */
import type { FastifyPluginAsync } from 'fastify';
import { Counter, Gauge, Registry } from 'prom-client';
import type { Clock } from '@caravan/core/clock';
import type { OutboxChannel } from '@caravan/core/engine/outbox';
import type { EndReason } from '@caravan/core/engine/timeline';
import type { EngineEventMap, EngineEvents } from '@caravan/engine/runtime/engine-events';
import { readEngineGauges } from '@caravan/engine/runtime/engine-gauges';
import type { Db } from '@caravan/storage/database';
import { authenticate } from './authenticate.ts';
import type { IngestionTally } from './ingestion-gate.ts';
import type { ServerDeps } from './server-deps.ts';

export interface PrometheusMetrics {
  contentType: string;
  /** Samples the gauges and renders every series. */
  render(): Promise<string>;
  /** Stops listening to the engine's events (on app close). */
  detach(): void;
}

const channels: readonly OutboxChannel[] = ['email', 'sms', 'webhook', 'salesAlert', 'external'];
const outcomes = ['sent', 'suppressed', 'retried', 'dead'] as const;
const endReasons: readonly EndReason[] = [
  'completed',
  'aborted',
  'removed',
  'journeyEnded',
  'accountDeleted',
];
const outboxStatuses = ['pending', 'sending', 'dead'] as const;

function engineCounters(registers: Registry[]) {
  const counters = {
    steps: new Counter({
      name: 'caravan_engine_steps_total',
      help: 'Node steps taken by the engine (one account through one node).',
      registers,
    }),
    processed: new Counter({
      name: 'caravan_engine_enrollments_processed_total',
      help: 'Enrollments claimed and processed in worker batches.',
      registers,
    }),
    messages: new Counter({
      name: 'caravan_messages_total',
      help: 'Outbox messages by channel and outcome (sent, suppressed, retried, dead).',
      labelNames: ['channel', 'outcome'] as const,
      registers,
    }),
    entered: new Counter({
      name: 'caravan_accounts_entered_total',
      help: 'Accounts that entered a journey (each pass counts).',
      registers,
    }),
    exited: new Counter({
      name: 'caravan_accounts_exited_total',
      help: 'Journey passes that ended, by reason.',
      labelNames: ['reason'] as const,
      registers,
    }),
  };
  // Every known series exists from the first scrape, so rate() sees its start at 0.
  for (const channel of channels) {
    for (const outcome of outcomes) counters.messages.inc({ channel, outcome }, 0);
  }
  for (const reason of endReasons) counters.exited.inc({ reason }, 0);
  return counters;
}

function engineGauges(registers: Registry[]) {
  return {
    lag: new Gauge({
      name: 'caravan_timers_due_lag_seconds',
      help: 'How late the oldest due timer is (now minus its due time); 0 when none is due.',
      registers,
    }),
    outbox: new Gauge({
      name: 'caravan_outbox_depth',
      help: 'Outbox rows not yet settled (pending, sending) or dead letters.',
      labelNames: ['status'] as const,
      registers,
    }),
    active: new Gauge({
      name: 'caravan_enrollments_active',
      help: 'Journey passes in progress, across journeys.',
      registers,
    }),
  };
}

type Listener<K extends keyof EngineEventMap> = (...args: EngineEventMap[K]) => void;

/** Subscribes `on` to every event it names and answers how to unsubscribe them all. */
function subscribe(
  events: EngineEvents,
  handlers: { [K in keyof EngineEventMap]?: Listener<K> },
): () => void {
  const pairs = Object.entries(handlers) as Array<[keyof EngineEventMap, Listener<never>]>;
  for (const [name, handler] of pairs) events.on(name, handler as never);
  return () => {
    for (const [name, handler] of pairs) events.off(name, handler as never);
  };
}

const ingestedTypes = ['identify', 'group', 'track', 'page', 'screen', 'alias'] as const;
const ingestedOutcomes = ['accepted', 'duplicate', 'pending'] as const;

/** Segment-spec calls by type and outcome (accepted, duplicate, pending, rejected by code). */
function ingestionCounter(registers: Registry[], tally: IngestionTally | undefined) {
  const counter = new Counter({
    name: 'caravan_ingested_calls_total',
    help: 'Segment-spec calls received, by type and outcome; rejected ones by code.',
    labelNames: ['type', 'outcome', 'code'] as const,
    registers,
  });
  for (const type of ingestedTypes) {
    for (const outcome of ingestedOutcomes) counter.inc({ type, outcome, code: '' }, 0);
  }
  return tally
    ? tally.subscribe((e, count) =>
        counter.inc({ type: e.type, outcome: e.outcome, code: e.code }, count),
      )
    : () => undefined;
}

export function createPrometheusMetrics(options: {
  db: Db;
  clock: Clock;
  events?: EngineEvents;
  tally?: IngestionTally;
}): PrometheusMetrics {
  const registry = new Registry();
  const counters = engineCounters([registry]);
  const stopTally = ingestionCounter([registry], options.tally);
  const gauges = engineGauges([registry]);
  const message = (outcome: (typeof outcomes)[number]) => (e: { channel: string }) =>
    counters.messages.inc({ channel: e.channel, outcome });
  const detach = options.events
    ? subscribe(options.events, {
        'batch:processed': (e) => {
          counters.steps.inc(e.steps);
          counters.processed.inc(e.enrollments);
        },
        'accounts:entered': (e) => counters.entered.inc(e.count),
        'accounts:exited': (e) => counters.exited.inc({ reason: e.reason }, e.count),
        'message:sent': message('sent'),
        'message:suppressed': message('suppressed'),
        'message:retried': message('retried'),
        'message:dead': message('dead'),
      })
    : () => undefined;
  return {
    contentType: registry.contentType,
    async render() {
      const sample = await readEngineGauges(options.db, options.clock.now());
      gauges.lag.set(sample.dueLagSeconds);
      for (const status of outboxStatuses)
        gauges.outbox.set({ status }, sample.outboxDepth[status]);
      gauges.active.set(sample.enrollmentsActive);
      return registry.metrics();
    },
    detach: () => {
      detach();
      stopTally();
    },
  };
}

/**
 * `GET /metrics` at the root, where Prometheus looks. It needs an API key (or a session) like the
 * API: the series name journeys' volumes, and one rule for every route is simpler to run safely
 * than an exception for loopback (see docs/observability.md).
 */
export const prometheusPlugin: FastifyPluginAsync<ServerDeps & { tally?: IngestionTally }> = async (
  app,
  deps,
) => {
  const metrics = createPrometheusMetrics({
    db: deps.database.db,
    clock: deps.clock,
    ...(deps.events ? { events: deps.events } : {}),
    ...(deps.tally ? { tally: deps.tally } : {}),
  });
  app.addHook('onClose', async () => metrics.detach());
  app.get('/metrics', {
    schema: { hide: true },
    preHandler: authenticate(deps),
    handler: async (_request, reply) =>
      reply.type(metrics.contentType).send(await metrics.render()),
  });
};
