/**
 * The per-account timeline of a journey pass (SPEC §4 "Explain"): what happened, where, when and
 * why. Written in the same transaction as the move (or the send) it describes.
 */

export type TimelineKind =
  /** The account entered the journey (detail: source, pass). */
  | 'entered'
  /** A node acted or decided; `port` is the path taken (detail: decision, reason, …). */
  | 'step'
  /** A message or call was queued in the outbox (detail: channel, outboxKey). */
  | 'queued'
  /** A channel accepted a message (detail: channel, messageId). */
  | 'sent'
  /** A send did not happen on purpose: consent, a communication limit, deduplication, no address. */
  | 'suppressed'
  /** An action could not act (e.g. add to a journey that is not live); the account continued. */
  | 'blocked'
  /** A send failed for good after its retries (a dead letter). */
  | 'failed'
  /** The pass ended (detail: reason — completed, aborted, removed, journeyEnded). */
  | 'exited';

export interface TimelineEntry {
  journeyId: string;
  enrollmentId: number;
  accountId: string;
  personId: string | null;
  nodeId: string | null;
  /** ISO-8601 UTC with ms. */
  at: string;
  kind: TimelineKind;
  port: string | null;
  detail: Record<string, unknown>;
}

/** How a pass ends. */
export type EndReason =
  /** Reached an implicit end, or a listener/split with nowhere to go. */
  | 'completed'
  | 'aborted'
  /** Taken out by a "Remove from journey" action of another journey. */
  | 'removed'
  /** Waiting on a listener without timeout when the journey's end date came. */
  | 'journeyEnded'
  /** The account was deleted while in the journey. */
  | 'accountDeleted';
