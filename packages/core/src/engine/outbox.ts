/**
 * What the engine puts in the outbox (SPEC §4 "Effects"): one row per message or call, written in
 * the same transaction as the move that caused it. Content is rendered at send time, when consent,
 * communication limits and deduplication are checked too, so the payload names content, not text.
 */
import type { AuthoredEmail, AuthoredSms } from '../journey/definition.ts';

export type OutboxChannel = 'email' | 'sms' | 'webhook' | 'salesAlert' | 'external';

export type OutboxPayload =
  | { channel: 'email'; emailId?: string; content?: AuthoredEmail }
  | { channel: 'sms'; smsId?: string; content?: AuthoredSms }
  | {
      channel: 'webhook';
      url: string;
      method: 'POST' | 'PUT';
      headers: Record<string, string>;
      /** A template rendered with the account (and person) at send time; JSON context when absent. */
      body?: string;
    }
  | { channel: 'salesAlert'; solutionInterestId: string; to: string[] }
  | {
      channel: 'external';
      serviceId: string;
      on: 'accounts' | 'people';
      inputs: Record<string, string>;
      /** People of the account on the node's path (people external nodes). */
      personIds: string[];
    };

/** pending → sending → sent | (pending again, later) | dead; suppressed and cancelled are final. */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'suppressed' | 'dead' | 'cancelled';

/** The idempotency key of a send: one per (enrollment, node, person). */
export function idempotencyKey(
  enrollmentId: number,
  nodeId: string,
  personId: string | null,
): string {
  return `${enrollmentId}:${nodeId}:${personId ?? '-'}`;
}
