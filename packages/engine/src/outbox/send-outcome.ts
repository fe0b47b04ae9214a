/**
 * What one attempt at a message came to. Channels and send checks answer one of these; the
 * dispatcher turns it into the row's next status (and a retry time from `retry-policy.ts`).
 */
import { OutboundRefusedError, outboundRequest, type OutboundRequest } from './outbound-http.ts';
import { parseRetryAfter } from './retry-policy.ts';

export type SendOutcome =
  /**
   * The channel accepted it; `messageId` is the provider's id when it gave one, `recipient` the
   * address or number it went to (the person's current one, which deduplication compares).
   */
  | { kind: 'sent'; messageId?: string; recipient?: string }
  /**
   * A failure that may pass (network, 4xx of SMTP, 429 or 5xx of HTTP): try again later — not
   * before `retryAfterMs` when the provider said so (`Retry-After`; `retry-policy.ts` caps it).
   */
  | { kind: 'retry'; error: string; retryAfterMs?: number }
  /**
   * A failure that will not pass (no SMTP_URL, content gone, a 4xx answer): dead at once;
   * `reason` is a code when the cause is one the timeline can name in words.
   */
  | { kind: 'failed'; error: string; reason?: FailureReason }
  /** Not sent on purpose (consent, no address, a limit, deduplication); `reason` is a code. */
  | { kind: 'suppressed'; reason: SuppressionReason; message: string };

/** Causes of a dead letter that are the server's setup, not the message. */
export type FailureReason = 'SMTP_NOT_CONFIGURED' | 'SMS_PROVIDER_NOT_CONFIGURED';

export type SuppressionReason =
  | 'EMAIL_OPTED_OUT'
  | 'EMAIL_UNDELIVERABLE'
  | 'SMS_NOT_OPTED_IN'
  | 'NO_EMAIL_ADDRESS'
  | 'NO_MOBILE_PHONE'
  | 'PERSON_NOT_FOUND'
  | 'DUPLICATE'
  | 'COMMUNICATION_LIMIT';

/** The text of any thrown value, for `last_error`. */
export function errorText(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

/** The outcome, with the address it went to when it was sent. */
export function sentTo(outcome: SendOutcome, recipient: string): SendOutcome {
  return outcome.kind === 'sent' ? { ...outcome, recipient } : outcome;
}

/**
 * 2xx = sent; 429 and 5xx may pass (retry); any other answer will not (failed) — a 3xx too: no
 * redirect is followed. The start of the body goes to `last_error` for admins; viewers see only
 * the text before the first colon (`outbox.plugin.ts`).
 */
export function answerOutcome(
  status: number,
  text: string,
  what: string,
  retryAfter?: string | undefined,
): SendOutcome {
  if (status >= 200 && status < 300) return { kind: 'sent', ...messageIdOf(text) };
  const error = `${what} answered ${status}${text ? `: ${text.slice(0, 300)}` : ''}`;
  const transient = status === 429 || status >= 500;
  if (!transient) return { kind: 'failed', error };
  const retryAfterMs = parseRetryAfter(retryAfter ?? null, Date.now());
  return { kind: 'retry', error, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
}

/** Twilio-style answers carry the message id as `sid`; others as `id`. */
function messageIdOf(text: string): { messageId?: string } {
  try {
    const body = JSON.parse(text) as { sid?: unknown; id?: unknown };
    const id = body.sid ?? body.id;
    return typeof id === 'string' || typeof id === 'number' ? { messageId: String(id) } : {};
  } catch {
    return {};
  }
}

/**
 * One request through the outbound client: a refused destination is dead at once
 * (`OUTBOUND_ADDRESS_REFUSED`, nothing sent); no answer (refused, reset, timed out) may pass: retry.
 */
export async function outboundOutcome(
  what: string,
  request: OutboundRequest,
): Promise<SendOutcome> {
  try {
    const answer = await outboundRequest(request);
    const retryAfter = answer.headers['retry-after'];
    return answerOutcome(answer.status, answer.text, what, retryAfter);
  } catch (error) {
    if (error instanceof OutboundRefusedError) return { kind: 'failed', error: error.message };
    return { kind: 'retry', error: `${what} did not answer: ${errorText(error)}` };
  }
}
