/**
 * Tracking tokens of an email (SPEC §4 "Tracking"): the open pixel, each tracked link and the
 * unsubscribe link carry a token signed with the engine secret that says which message, person,
 * account, journey and node it belongs to (and for a link, where it goes). The server checks the
 * signature; a forged or altered token names nothing.
 */
import { signToken, verifyToken } from '../runtime/engine-secret.ts';

export type TrackingKind = 'open' | 'click' | 'unsubscribe';

export interface TrackingToken {
  kind: TrackingKind;
  outboxId: number;
  personId: string | null;
  accountId: string | null;
  journeyId: string | null;
  nodeId: string | null;
  /** The link's target (clicks only). */
  url?: string;
}

/** Short keys keep the tokens, and so the links in every email, short. */
interface Compact {
  k: 'o' | 'c' | 'u';
  o: number;
  p: string | null;
  a: string | null;
  j: string | null;
  n: string | null;
  u?: string;
}

const kindKeys = { open: 'o', click: 'c', unsubscribe: 'u' } as const;

/** Opens and clicks share the tracking key; unsubscribe links, which change consent, have their own. */
const purposeOf = (kind: TrackingKind) => (kind === 'unsubscribe' ? 'unsubscribe' : 'tracking');

export function signTrackingToken(secret: string, token: TrackingToken): string {
  const compact: Compact = {
    k: kindKeys[token.kind],
    o: token.outboxId,
    p: token.personId,
    a: token.accountId,
    j: token.journeyId,
    n: token.nodeId,
    ...(token.url === undefined ? {} : { u: token.url }),
  };
  return signToken(secret, purposeOf(token.kind), compact);
}

const orNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The token's content when it is genuine and of the expected kind; otherwise undefined. */
export function readTrackingToken(
  secret: string,
  token: string,
  kind: TrackingKind,
): TrackingToken | undefined {
  const payload = verifyToken(secret, purposeOf(kind), token) as Partial<Compact> | undefined;
  if (payload === undefined || payload === null || typeof payload !== 'object') return undefined;
  if (payload.k !== kindKeys[kind] || typeof payload.o !== 'number') return undefined;
  if (kind === 'click' && typeof payload.u !== 'string') return undefined;
  return {
    kind,
    outboxId: payload.o,
    personId: orNull(payload.p),
    accountId: orNull(payload.a),
    journeyId: orNull(payload.j),
    nodeId: orNull(payload.n),
    ...(typeof payload.u === 'string' ? { url: payload.u } : {}),
  };
}

/** The tracking URLs of one message. */
export function trackingUrls(publicUrl: string, secret: string, base: Omit<TrackingToken, 'kind'>) {
  const sign = (kind: TrackingKind, url?: string) =>
    signTrackingToken(secret, { ...base, kind, ...(url === undefined ? {} : { url }) });
  return {
    open: `${publicUrl}/t/o/${sign('open')}.gif`,
    unsubscribe: `${publicUrl}/t/u/${sign('unsubscribe')}`,
    click: (url: string) => `${publicUrl}/t/c/${sign('click', url)}`,
  };
}

const anchorHref = /(<a\b[^>]*?\bhref\s*=\s*)(["'])(https?:\/\/[^"']*)\2/gi;

/** Decodes the few entities an HTML attribute holding a URL can contain. */
function attributeText(value: string): string {
  return value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

/**
 * Every `<a href="http…">` points to its tracked link instead, except links to our own tracking
 * endpoints (the unsubscribe link stays itself); an open pixel goes before `</body>` (or at the end).
 */
export function addTracking(
  html: string,
  publicUrl: string,
  urls: ReturnType<typeof trackingUrls>,
): string {
  const own = `${publicUrl}/t/`;
  const linked = html.replace(anchorHref, (whole, start: string, quote: string, href: string) => {
    const target = attributeText(href);
    return target.startsWith(own) ? whole : `${start}${quote}${urls.click(target)}${quote}`;
  });
  const pixel = `<img src="${urls.open}" width="1" height="1" alt="" style="display:none">`;
  const closing = linked.search(/<\/body>/i);
  return closing === -1
    ? `${linked}${pixel}`
    : `${linked.slice(0, closing)}${pixel}${linked.slice(closing)}`;
}
