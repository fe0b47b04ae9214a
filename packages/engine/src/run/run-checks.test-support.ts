/**
 * What a durability test asserts once its scenario (`crash-scenario.test-support.ts`) has run:
 * every account finished exactly once with no step twice, the counters equal to what the timeline
 * implies, and exactly one outbox row and one SMTP message per (enrollment, email node, person).
 */
import { expect } from 'vitest';
import { fromJson } from '@caravan/storage/column-types';
import { readCounters, totalsNode } from '@caravan/storage/journey-counter.repository';
import { channelActivityTypes } from '../outbox/channel-activity.ts';
import { parseMail, type CapturedMail } from '../outbox/loopback-servers.ts';
import { messageIdFor } from '../outbox/smtp-transport.ts';
import type { Scenario } from './crash-scenario.test-support.ts';

type Counters = Map<string, Map<string, number>>;

function bump(counters: Counters, node: string, counter: string, delta = 1) {
  const row = counters.get(node) ?? new Map<string, number>();
  row.set(counter, (row.get(counter) ?? 0) + delta);
  counters.set(node, row);
}

/** The counters the timeline implies: arrivals and ports per node, entries and exits in total. */
function countersFromTimeline(
  rows: Array<{
    enrollment_id: number;
    node_id: string | null;
    kind: string;
    port: string | null;
    detail: string;
  }>,
): Counters {
  const counters: Counters = new Map();
  const byEnrollment = new Map<number, typeof rows>();
  for (const r of rows) {
    const id = Number(r.enrollment_id);
    byEnrollment.set(id, [...(byEnrollment.get(id) ?? []), r]);
  }
  for (const entries of byEnrollment.values()) {
    const visited: string[] = [];
    for (const r of entries) {
      if (r.node_id !== null && !visited.includes(r.node_id)) visited.push(r.node_id);
      if (r.kind === 'entered') bump(counters, totalsNode, 'entered');
      if (r.kind === 'exited') {
        const reason = String((fromJson(r.detail) as { reason: unknown }).reason);
        bump(counters, totalsNode, `ended:${reason}`);
      }
      if (r.kind === 'step' && r.port !== null) bump(counters, r.node_id ?? '', `port:${r.port}`);
    }
    for (const node of visited) bump(counters, node, 'entered');
    // The audience writes no step of its own: leaving it shows as arriving at the next node.
    if (visited.length > 1) bump(counters, visited[0]!, 'port:next');
  }
  return counters;
}

/** Counters without zeros (a `current` that went +1 and −1), as plain objects for a diff. */
function nonZero(counters: Counters): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [node, row] of counters) {
    const kept = [...row].filter(([, v]) => v !== 0);
    if (kept.length > 0)
      out[node] = Object.fromEntries(kept.sort(([a], [b]) => a.localeCompare(b)));
  }
  return out;
}

export async function expectEveryAccountOnce(s: Scenario) {
  const db = s.database.db;
  const enrollments = await db.selectFrom('enrollments').select(['account_id', 'status']).execute();
  expect(enrollments).toHaveLength(s.accountCount);
  expect(new Set(enrollments.map((e) => e.account_id))).toEqual(new Set(s.accounts.keys()));
  expect(enrollments.filter((e) => e.status !== 'completed')).toEqual([]);
  const repeated = await db
    .selectFrom('journey_timeline')
    .select([
      'enrollment_id',
      'node_id',
      'person_id',
      'kind',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .groupBy(['enrollment_id', 'node_id', 'person_id', 'kind'])
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  expect(repeated, 'no step (nor entry, exit or send) twice').toEqual([]);
  const rows = await db
    .selectFrom('journey_timeline')
    .select(['enrollment_id', 'node_id', 'kind', 'port', 'detail'])
    .where('journey_id', '=', s.journeyId)
    .orderBy('id')
    .execute();
  const kinds = (kind: string) => rows.filter((r) => r.kind === kind).length;
  expect([kinds('entered'), kinds('exited')]).toEqual([s.accountCount, s.accountCount]);
  const counters = await readCounters(db, s.journeyId);
  expect(nonZero(counters)).toEqual(nonZero(countersFromTimeline(rows)));
  const software = [...s.accounts.values()].filter((a) => a.industry === 'Software').length;
  expect(counters.get('split')?.get('port:software')).toBe(software);
  expect(counters.get(totalsNode)?.get('ended:completed')).toBe(s.accountCount);
  const moments = await db
    .selectFrom('activities')
    .select('account_id')
    .where('type', '=', 'interestingMoment')
    .execute();
  expect(moments).toHaveLength(software);
  expect(new Set(moments.map((m) => m.account_id)).size).toBe(software);
}

/**
 * Exactly one outbox row, `sent`, per (enrollment, email node, person), and every one of them at
 * the SMTP server with its Message-ID. Raw repeats are the at-least-once window: each needs a
 * claim of its own (attempts ≥ receptions), and a kill repeats at most the sends in flight.
 */
export async function expectOneEmailPerPerson(
  s: Scenario,
  capture: { messages: CapturedMail[] },
  maxRepeats: number,
) {
  const db = s.database.db;
  const outbox = await db
    .selectFrom('outbox')
    .select(['idempotency_key', 'status', 'attempts'])
    .execute();
  expect(new Set(outbox.map((o) => o.idempotency_key))).toEqual(new Set(s.expectedEmails.keys()));
  expect(outbox).toHaveLength(s.expectedEmails.size);
  expect(outbox.filter((o) => o.status !== 'sent')).toEqual([]);
  const delivered = await db
    .selectFrom('activities')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('type', '=', channelActivityTypes.emailDelivered)
    .executeTakeFirstOrThrow();
  expect(Number(delivered.n)).toBe(s.expectedEmails.size);
  const received = new Map<string, number>();
  for (const message of capture.messages) {
    const { headers } = parseMail(message.raw);
    const key = headers['x-caravan-idempotency-key'] ?? '(none)';
    expect(message.to).toEqual([s.expectedEmails.get(key)]);
    expect(headers['message-id']).toBe(messageIdFor(key));
    received.set(key, (received.get(key) ?? 0) + 1);
  }
  expect(new Set(received.keys())).toEqual(new Set(s.expectedEmails.keys()));
  const sentTwiceInOneClaim = outbox.filter(
    (o) => (received.get(o.idempotency_key) ?? 0) > Number(o.attempts),
  );
  expect(sentTwiceInOneClaim).toEqual([]);
  const repeats = capture.messages.length - received.size;
  expect(repeats).toBeLessThanOrEqual(maxRepeats);
  return repeats;
}
