/**
 * What the tracking endpoints do (SPEC §4 "Tracking"): an open pixel fetched, a tracked link
 * clicked, an unsubscribe confirmed. Each checks the signed token first — a forged one answers
 * TRACKING_TOKEN_INVALID and records nothing — then records the activity (`email.opened`,
 * `email.clicked`, `email.unsubscribed`) so that listening journeys wake.
 */
import type { Clock } from '@caravan/core/clock';
import { err, ok, type Result } from '@caravan/core/result';
import type { Database } from '@caravan/storage/database';
import { findPerson } from '@caravan/storage/person.repository';
import { patchPersonIn } from '../data/people.service.ts';
import { inTransaction } from '../runtime/transaction.ts';
import { channelActivityTypes, recordChannelActivity } from './channel-activity.ts';
import { readTrackingToken, type TrackingKind, type TrackingToken } from './tracking-token.ts';

export interface TrackingDeps {
  database: Database;
  clock: Clock;
  secret: string;
}

export interface TrackingError {
  code: 'TRACKING_TOKEN_INVALID';
  message: string;
}

function read(
  deps: TrackingDeps,
  token: string,
  kind: TrackingKind,
): Result<TrackingToken, TrackingError> {
  const read = readTrackingToken(deps.secret, token, kind);
  return read === undefined
    ? err({ code: 'TRACKING_TOKEN_INVALID', message: 'This link is not valid.' })
    : ok(read);
}

function properties(token: TrackingToken) {
  return { journeyId: token.journeyId, nodeId: token.nodeId, outboxId: token.outboxId };
}

export async function recordEmailOpen(
  deps: TrackingDeps,
  token: string,
): Promise<Result<void, TrackingError>> {
  const opened = read(deps, token, 'open');
  if (!opened.ok) return opened;
  const t = opened.value;
  await recordChannelActivity(deps.database.db, {
    type: channelActivityTypes.emailOpened,
    accountId: t.accountId,
    personId: t.personId,
    at: deps.clock.now(),
    properties: properties(t),
  });
  return ok(undefined);
}

/** Records the click and answers where the link goes. */
export async function recordEmailClick(
  deps: TrackingDeps,
  token: string,
): Promise<Result<{ url: string }, TrackingError>> {
  const clicked = read(deps, token, 'click');
  if (!clicked.ok) return clicked;
  const t = clicked.value;
  const url = t.url ?? '';
  await recordChannelActivity(deps.database.db, {
    type: channelActivityTypes.emailClicked,
    accountId: t.accountId,
    personId: t.personId,
    at: deps.clock.now(),
    properties: { ...properties(t), url },
  });
  return ok({ url });
}

/** The address an unsubscribe link is for (to show on the confirmation page), if any. */
export async function unsubscribeTarget(
  deps: TrackingDeps,
  token: string,
): Promise<Result<{ email: string | null }, TrackingError>> {
  const target = read(deps, token, 'unsubscribe');
  if (!target.ok) return target;
  const personId = target.value.personId;
  const person = personId === null ? undefined : await findPerson(deps.database.db, personId);
  return ok({ email: person?.email ?? null });
}

/**
 * One-click unsubscribe: the person's email consent becomes opted out (an attribute change, with
 * its activities and audience re-evaluation) and `email.unsubscribed` is recorded once per
 * message. Repeating it changes nothing more.
 */
export async function unsubscribeByToken(
  deps: TrackingDeps,
  token: string,
): Promise<Result<{ email: string | null }, TrackingError>> {
  const target = read(deps, token, 'unsubscribe');
  if (!target.ok) return target;
  const t = target.value;
  const now = deps.clock.now();
  return inTransaction(deps.database, async (trx) => {
    const person = t.personId === null ? undefined : await findPerson(trx, t.personId);
    if (person === undefined) return ok({ email: null });
    if (person.emailConsent !== 'optedOut') {
      const patched = await patchPersonIn(trx, now, person.id, { emailConsent: 'optedOut' });
      if (!patched.ok) throw new Error(`unsubscribe failed: ${patched.error.message}`);
    }
    await recordChannelActivity(trx, {
      type: channelActivityTypes.emailUnsubscribed,
      accountId: t.accountId,
      personId: person.id,
      at: now,
      messageId: `outbox:${t.outboxId}:unsubscribed`,
      properties: properties(t),
    });
    return ok({ email: person.email });
  });
}
