/**
 * What one attempt at a message came to. Channels and send checks answer one of these; the
 * dispatcher turns it into the row's next status (and a retry time from `retry-policy.ts`).
 */
export type SendOutcome =
  /**
   * The channel accepted it; `messageId` is the provider's id when it gave one, `recipient` the
   * address or number it went to (the person's current one, which deduplication compares).
   */
  | { kind: 'sent'; messageId?: string; recipient?: string }
  /** A failure that may pass (network, 4xx of SMTP, 429 or 5xx of HTTP): try again later. */
  | { kind: 'retry'; error: string }
  /** A failure that will not pass (no SMTP_URL, content gone, a 4xx answer): dead at once. */
  | { kind: 'failed'; error: string }
  /** Not sent on purpose (consent, no address, a limit, deduplication); `reason` is a code. */
  | { kind: 'suppressed'; reason: SuppressionReason; message: string };

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

/** How long an HTTP channel waits for an answer: well inside the 60 s lease of a claimed row. */
export const httpTimeoutMs = 30_000;

/** 2xx = sent; 429 and 5xx may pass (retry); any other answer will not (failed). */
export async function httpOutcome(response: Response, what: string): Promise<SendOutcome> {
  const text = await response.text().catch(() => '');
  if (response.ok) return { kind: 'sent', ...messageIdOf(text) };
  const error = `${what} answered ${response.status}${text ? `: ${text.slice(0, 300)}` : ''}`;
  const transient = response.status === 429 || response.status >= 500;
  return transient ? { kind: 'retry', error } : { kind: 'failed', error };
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

/** A request that never got an answer (refused, reset, timed out) may pass: retry. */
export async function fetchOutcome(
  what: string,
  request: () => Promise<Response>,
): Promise<SendOutcome> {
  let response: Response;
  try {
    response = await request();
  } catch (error) {
    return { kind: 'retry', error: `${what} did not answer: ${errorText(error)}` };
  }
  return httpOutcome(response, what);
}
