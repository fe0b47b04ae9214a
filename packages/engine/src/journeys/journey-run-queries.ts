/**
 * Reading a journey's run (SPEC §4 "Explain", §6 map counts): metrics from the counters the
 * worker keeps in its own transactions, the accounts at or through a node, an account's
 * timeline grouped per pass, and the journeys an account is or was in (the gauges Prometheus
 * scrapes are in `engine-gauges.ts`). Every query here is bounded by an index or a page; none
 * scans enrollments to count them.
 */
import { nodeCounter, totalCounter } from '@caravan/core/engine/metrics';
import type { TimelineKind } from '@caravan/core/engine/timeline';
import type { JourneyNode } from '@caravan/core/journey/definition';
import { nodePorts } from '@caravan/core/journey/node-ports';
import { nodeTitle } from '@caravan/core/journey/node-title';
import type { JourneyStatus } from '@caravan/core/journey/status';
import { err, ok, type Result } from '@caravan/core/result';
import { fromNullableTimestamp, fromTimestamp } from '@caravan/storage/column-types';
import type { Database, Db } from '@caravan/storage/database';
import { readCounters, totalsNode } from '@caravan/storage/journey-counter.repository';
import type { StoredJourney } from '@caravan/storage/journey.mapper';
import { findJourney } from '@caravan/storage/journey.repository';
import { sumNodeMessages, type NodeMessageCounts } from '@caravan/storage/report-query.repository';
import { listAccountTimeline } from '@caravan/storage/timeline.repository';
import { journeyNotFound } from './service-error.ts';

/**
 * The expected failures of these reads. Every code must exist in the server's error catalogue
 * (`@caravan/server/errors`); the server's type-check fails when one is missing.
 */
export interface RunQueryError {
  code: 'JOURNEY_NOT_FOUND' | 'JOURNEY_NODE_NOT_FOUND' | 'ACCOUNT_NOT_FOUND' | 'INVALID_CURSOR';
  message: string;
}

export interface RunQueryDeps {
  database: Database;
}

export interface JourneyTotals {
  entered: number;
  inProgress: number;
  completed: number;
  aborted: number;
  removed: number;
  journeyEnded: number;
  accountDeleted: number;
}

export interface NodeMetrics {
  nodeId: string;
  entered: number;
  current: number;
  /** Every port of the node (0 when never taken), plus any other port a counter names. */
  paths: Record<string, number>;
  /** Email and SMS action nodes only: their messages, from the report rollups (issue 12). */
  messages?: NodeMessages;
}

/** Email: sent / opened / clicked; SMS: sent / delivered / clicked (people, unique per node). */
export interface NodeMessages {
  channel: 'email' | 'sms';
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
}

export interface JourneyMetrics {
  journeyId: string;
  totals: JourneyTotals;
  nodes: NodeMetrics[];
}

async function loadJourney(db: Db, id: string): Promise<Result<StoredJourney, RunQueryError>> {
  const journey = await findJourney(db, id);
  return journey ? ok(journey) : err(journeyNotFound(id) as RunQueryError);
}

/** The channel of an email or SMS action node, else undefined. */
function messageChannel(node: JourneyNode): 'email' | 'sms' | undefined {
  if (node.type !== 'action' || node.settings.on !== 'people') return undefined;
  const type = node.settings.action?.type;
  return type === 'sendEmail' ? 'email' : type === 'sendSms' ? 'sms' : undefined;
}

function nodeMessages(
  node: JourneyNode,
  counts: ReadonlyMap<string, NodeMessageCounts>,
): NodeMessages | undefined {
  const channel = messageChannel(node);
  if (channel === undefined) return undefined;
  const c = counts.get(`${node.id}\u0000${channel}`);
  return {
    channel,
    sent: c?.sent ?? 0,
    delivered: c?.delivered ?? 0,
    opened: c?.opened ?? 0,
    clicked: c?.clicked ?? 0,
  };
}

function nodeMetrics(node: JourneyNode, counters: Map<string, number> | undefined): NodeMetrics {
  const paths: Record<string, number> = {};
  for (const port of nodePorts(node)) paths[port] = 0;
  const portPrefix = nodeCounter.port('');
  for (const [name, value] of counters ?? []) {
    if (name.startsWith(portPrefix)) paths[name.slice(portPrefix.length)] = value;
  }
  return {
    nodeId: node.id,
    entered: counters?.get(nodeCounter.entered) ?? 0,
    current: counters?.get(nodeCounter.current) ?? 0,
    paths,
  };
}

/**
 * A journey's metrics, read only from `journey_counters` and, for email/SMS nodes, the report
 * rollups (zeros where nothing was counted).
 */
export async function journeyMetrics(
  deps: RunQueryDeps,
  journeyId: string,
): Promise<Result<JourneyMetrics, RunQueryError>> {
  const db = deps.database.db;
  const journey = await loadJourney(db, journeyId);
  if (!journey.ok) return journey;
  const counters = await readCounters(db, journeyId);
  const messages = new Map(
    (await sumNodeMessages(db, journeyId)).map((m) => [`${m.nodeId}\u0000${m.channel}`, m]),
  );
  const totals = counters.get(totalsNode);
  const total = (name: string) => totals?.get(name) ?? 0;
  return ok({
    journeyId,
    totals: {
      entered: total(totalCounter.entered),
      inProgress: total(totalCounter.active),
      completed: total(totalCounter.ended('completed')),
      aborted: total(totalCounter.ended('aborted')),
      removed: total(totalCounter.ended('removed')),
      journeyEnded: total(totalCounter.ended('journeyEnded')),
      accountDeleted: total(totalCounter.ended('accountDeleted')),
    },
    nodes: journey.value.definition.nodes.map((node) => {
      const metrics = nodeMetrics(node, counters.get(node.id));
      const sent = nodeMessages(node, messages);
      return sent === undefined ? metrics : { ...metrics, messages: sent };
    }),
  });
}

// ---------------------------------------------------------------- drill-down

export type NodeAccountsState = 'current' | 'entered';

export interface NodeAccount {
  accountId: string;
  /** Null when the account was deleted after its pass. */
  accountName: string | null;
  enrollmentId: number;
  pass: number;
  /** Current: when it arrived at the node. Entered: when the pass entered the journey. */
  since: string;
}

export interface NodeAccountsQuery {
  state: NodeAccountsState;
  limit?: number;
  cursor?: string;
}

export interface NodeAccountsPage {
  items: NodeAccount[];
  nextCursor: string | null;
}

export const defaultNodeAccountsLimit = 50;

/** Keyset cursor: the last enrollment id of the page, bound to the state it was made for. */
function encodeKeyset(after: number, state: NodeAccountsState): string {
  return Buffer.from(JSON.stringify({ after, state }), 'utf8').toString('base64url');
}

function decodeKeyset(
  cursor: string | undefined,
  state: NodeAccountsState,
): Result<number, RunQueryError> {
  if (cursor === undefined || cursor === '') return ok(0);
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      after?: unknown;
      state?: unknown;
    };
    if (Number.isSafeInteger(parsed.after) && parsed.state === state) {
      return ok(parsed.after as number);
    }
  } catch {
    // Falls through: an undecodable cursor is the client's mistake, answered below.
  }
  return err({
    code: 'INVALID_CURSOR',
    message: 'The cursor is malformed or belongs to another state.',
  });
}

/**
 * The enrollments (passes) that ever reached `nodeId`: those with a timeline entry there, and
 * those at it now or that ended on it (a wait or listener writes its entry only when it acts).
 * Every pass goes through the root audience node, so there it is every pass that entered.
 */
function enteredEnrollmentIds(db: Db, journeyId: string, nodeId: string, isRoot: boolean) {
  const passes = db
    .selectFrom('enrollments')
    .select('enrollments.id as id')
    .where('enrollments.journey_id', '=', journeyId)
    .where('enrollments.status', '!=', 'pending');
  if (isRoot) return passes;
  return passes
    .where('enrollments.node_id', '=', nodeId)
    .union(
      db
        .selectFrom('journey_timeline')
        .select('journey_timeline.enrollment_id as id')
        .where('journey_timeline.journey_id', '=', journeyId)
        .where('journey_timeline.node_id', '=', nodeId),
    );
}

async function pageOfNode(
  db: Db,
  journey: StoredJourney,
  nodeId: string,
  state: NodeAccountsState,
  after: number,
  limit: number,
) {
  const base = db
    .selectFrom('enrollments')
    .leftJoin('accounts', 'accounts.id', 'enrollments.account_id')
    .select([
      'enrollments.id',
      'enrollments.account_id',
      'enrollments.pass',
      'enrollments.entered_at',
      'enrollments.node_entered_at',
      'accounts.name',
    ])
    .where('enrollments.journey_id', '=', journey.id)
    .where('enrollments.id', '>', after)
    .orderBy('enrollments.id')
    .limit(limit + 1);
  if (state === 'current') {
    return base
      .where('enrollments.node_id', '=', nodeId)
      .where('enrollments.status', '=', 'active')
      .execute();
  }
  const isRoot = journey.definition.nodes[0]?.id === nodeId;
  return base
    .where('enrollments.id', 'in', enteredEnrollmentIds(db, journey.id, nodeId, isRoot))
    .execute();
}

/**
 * The accounts at a node now (`current`: active passes on it) or that ever reached it
 * (`entered`: one row per pass, so the list is as long as the node's `entered` count), in
 * enrollment order, one keyset page at a time.
 */
export async function nodeAccounts(
  deps: RunQueryDeps,
  journeyId: string,
  nodeId: string,
  query: NodeAccountsQuery,
): Promise<Result<NodeAccountsPage, RunQueryError>> {
  const db = deps.database.db;
  const journey = await loadJourney(db, journeyId);
  if (!journey.ok) return journey;
  if (!journey.value.definition.nodes.some((node) => node.id === nodeId)) {
    return err({
      code: 'JOURNEY_NODE_NOT_FOUND',
      message: `The journey has no node with the id ${nodeId}.`,
    });
  }
  const after = decodeKeyset(query.cursor, query.state);
  if (!after.ok) return after;
  const limit = query.limit ?? defaultNodeAccountsLimit;
  const rows = await pageOfNode(db, journey.value, nodeId, query.state, after.value, limit);
  const items = rows.slice(0, limit).map((row) => ({
    accountId: row.account_id,
    accountName: row.name,
    enrollmentId: Number(row.id),
    pass: Number(row.pass),
    since: fromTimestamp(query.state === 'current' ? row.node_entered_at : row.entered_at),
  }));
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > limit && last ? encodeKeyset(last.enrollmentId, query.state) : null;
  return ok({ items, nextCursor });
}

// ---------------------------------------------------------------- timelines

export interface TimelineItem {
  at: string;
  kind: TimelineKind;
  nodeId: string | null;
  /** The node's title on the map; null for journey-level entries or a node no longer there. */
  nodeTitle: string | null;
  port: string | null;
  personId: string | null;
  detail: Record<string, unknown>;
}

export interface Pass {
  enrollmentId: number;
  pass: number;
  status: string;
  enteredAt: string;
  endedAt: string | null;
  endReason: string | null;
  entries: TimelineItem[];
}

async function accountExists(db: Db, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where('id', '=', accountId)
    .executeTakeFirst();
  return row !== undefined;
}

function accountNotFound(accountId: string): RunQueryError {
  return { code: 'ACCOUNT_NOT_FOUND', message: `No account has the id ${accountId}.` };
}

/** Node id → title for a definition. */
function titlesOf(journey: StoredJourney): Map<string, string> {
  return new Map(journey.definition.nodes.map((node) => [node.id, nodeTitle(node)]));
}

/**
 * Every pass of an account through a journey, oldest first, each with its timeline entries.
 * An account deleted after its passes still has them; one that never existed answers 404.
 */
export async function accountTimeline(
  deps: RunQueryDeps,
  journeyId: string,
  accountId: string,
): Promise<Result<{ passes: Pass[] }, RunQueryError>> {
  const db = deps.database.db;
  const journey = await loadJourney(db, journeyId);
  if (!journey.ok) return journey;
  const enrollments = await db
    .selectFrom('enrollments')
    .selectAll()
    .where('journey_id', '=', journeyId)
    .where('account_id', '=', accountId)
    .orderBy('pass')
    .execute();
  if (enrollments.length === 0 && !(await accountExists(db, accountId))) {
    return err(accountNotFound(accountId));
  }
  const titles = titlesOf(journey.value);
  const entries = new Map<number, TimelineItem[]>();
  for (const entry of await listAccountTimeline(db, journeyId, accountId)) {
    const list = entries.get(entry.enrollmentId) ?? [];
    list.push({
      at: entry.at,
      kind: entry.kind,
      nodeId: entry.nodeId,
      nodeTitle: entry.nodeId === null ? null : (titles.get(entry.nodeId) ?? null),
      port: entry.port,
      personId: entry.personId,
      detail: entry.detail,
    });
    entries.set(entry.enrollmentId, list);
  }
  const passes = enrollments.map((row) => ({
    enrollmentId: Number(row.id),
    pass: Number(row.pass),
    status: row.status,
    enteredAt: fromTimestamp(row.entered_at),
    endedAt: fromNullableTimestamp(row.ended_at),
    endReason: row.end_reason,
    entries: entries.get(Number(row.id)) ?? [],
  }));
  return ok({ passes });
}

export interface AccountJourney {
  journeyId: string;
  journeyName: string;
  journeyStatus: JourneyStatus;
  /** The latest pass. */
  enrollmentId: number;
  pass: number;
  passes: number;
  status: string;
  nodeId: string;
  nodeTitle: string | null;
  enteredAt: string;
  endedAt: string | null;
  endReason: string | null;
}

/** The journeys an account is or was in, with its latest pass there, newest entry first. */
export async function accountJourneys(
  deps: RunQueryDeps,
  accountId: string,
): Promise<Result<{ items: AccountJourney[] }, RunQueryError>> {
  const db = deps.database.db;
  const rows = await db
    .selectFrom('enrollments')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('journey_id')
    .orderBy('pass')
    .execute();
  if (rows.length === 0 && !(await accountExists(db, accountId))) {
    return err(accountNotFound(accountId));
  }
  const latest = new Map<string, { row: (typeof rows)[number]; passes: number }>();
  for (const row of rows) {
    latest.set(row.journey_id, { row, passes: (latest.get(row.journey_id)?.passes ?? 0) + 1 });
  }
  const items: AccountJourney[] = [];
  for (const { row, passes } of latest.values()) {
    const journey = await findJourney(db, row.journey_id);
    if (!journey) continue;
    items.push({
      journeyId: journey.id,
      journeyName: journey.name,
      journeyStatus: journey.status,
      enrollmentId: Number(row.id),
      pass: Number(row.pass),
      passes,
      status: row.status,
      nodeId: row.node_id,
      nodeTitle: titlesOf(journey).get(row.node_id) ?? null,
      enteredAt: fromTimestamp(row.entered_at),
      endedAt: fromNullableTimestamp(row.ended_at),
      endReason: row.end_reason,
    });
  }
  items.sort((a, b) => (a.enteredAt < b.enteredAt ? 1 : a.enteredAt > b.enteredAt ? -1 : 0));
  return ok({ items });
}
