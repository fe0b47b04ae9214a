/**
 * Where outbound HTTP may go (SPEC §8 "Outbound HTTP"): webhooks, external services and the SMS
 * provider never reach loopback, link-local, private, unique-local, multicast, unspecified or
 * otherwise reserved addresses, unless the operator opens ranges with `CARAVAN_OUTBOUND_ALLOW`.
 * Addresses are classified by ipaddr.js, after the WHATWG URL parser has normalised every IPv4
 * notation (decimal `2130706433`, hex `0x7f000001`, short `127.1`, octal) and IPv4-mapped IPv6
 * has been unwrapped, so that one check covers every spelling of an address. Only ipaddr.js's
 * `unicast` range (the public internet) passes by default.
 *
 * `outbound-http.ts` applies the policy to the address it actually connects to; `literalRefusal`
 * lets saves and publishes refuse an URL whose host is a literal refused address at once.
 */
import ipaddr from 'ipaddr.js';

/** The code of a refused destination: a 422 at save/publish, a dead letter at send time. */
export const outboundRefusedCode = 'OUTBOUND_ADDRESS_REFUSED';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Cidr = [Address, number];

/** The ranges the operator opened; empty by default. Built once from the configuration. */
export interface OutboundPolicy {
  readonly allow: readonly Cidr[];
}

/** Parses `CARAVAN_OUTBOUND_ALLOW`-style CIDRs; a problem per entry that is not one. */
export function parseOutboundAllow(
  entries: readonly string[],
): { ok: true; policy: OutboundPolicy } | { ok: false; problems: string[] } {
  const allow: Cidr[] = [];
  const problems: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === '') continue;
    try {
      allow.push(ipaddr.parseCIDR(entry));
    } catch {
      problems.push(`"${entry}" is not a CIDR range such as 10.1.0.0/16`);
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, policy: { allow } };
}

/** A policy from CIDR strings already checked by the configuration; throws on a bad entry. */
export function outboundPolicy(entries: readonly string[] = []): OutboundPolicy {
  const parsed = parseOutboundAllow(entries);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.policy;
}

/** The address of a literal (any notation ipaddr.js or the URL parser knows), else undefined. */
export function parseAddress(text: string): Address | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (!ipaddr.isValid(bare)) return undefined;
  // process() unwraps IPv4-mapped IPv6 (::ffff:127.0.0.1) to the IPv4 it carries.
  return ipaddr.process(bare);
}

function allowedByOperator(policy: OutboundPolicy, address: Address): boolean {
  return policy.allow.some(([range, bits]) => {
    if (range.kind() === address.kind()) return address.match(range, bits);
    // An IPv4 range also covers the IPv4-mapped IPv6 spelling of its addresses, and vice versa.
    if (address.kind() === 'ipv4' && range.kind() === 'ipv6') {
      return (address as ipaddr.IPv4).toIPv4MappedAddress().match(range, bits);
    }
    return false;
  });
}

/** Why the address may not be reached, or undefined when it may. */
export function addressRefusal(policy: OutboundPolicy, text: string): string | undefined {
  const address = parseAddress(text);
  if (address === undefined) return `${text} is not an IP address`;
  if (allowedByOperator(policy, address)) return undefined;
  const range = address.range();
  if (range === 'unicast') return undefined;
  return `${address.toString()} is a ${range} address`;
}

/**
 * Why an URL is refused before any lookup: a scheme other than http(s) or a literal refused
 * address. Undefined when the URL may be tried: a name (`localhost`, `metadata.google.internal`)
 * is checked against the address it resolves to when it is sent.
 */
export function literalRefusal(policy: OutboundPolicy, url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${url} is not a URL`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `${parsed.protocol} is not http or https`;
  }
  const host = parsed.hostname;
  return parseAddress(host) === undefined ? undefined : addressRefusal(policy, host);
}

/** A webhook of a journey whose literal address is refused. */
export interface RefusedWebhook {
  nodeId: string;
  url: string;
  reason: string;
}

/** Every `{ type: 'webhook', url }` anywhere inside a node (actions of any node kind). */
function webhookUrls(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) webhookUrls(item, found);
  else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record['type'] === 'webhook' && typeof record['url'] === 'string')
      found.push(record['url']);
    for (const child of Object.values(record)) webhookUrls(child, found);
  }
  return found;
}

/** The webhooks of a definition that `literalRefusal` refuses (checked at publish). */
export function refusedWebhooks(
  policy: OutboundPolicy,
  nodes: readonly { id: string }[],
): RefusedWebhook[] {
  return nodes.flatMap((node) =>
    webhookUrls(node).flatMap((url) => {
      // Token placeholders ({{…}}) in a URL make it not literal; it is checked when sent.
      const reason = url.includes('{{') ? undefined : literalRefusal(policy, url);
      return reason === undefined ? [] : [{ nodeId: node.id, url, reason }];
    }),
  );
}
