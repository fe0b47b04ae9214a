import { describe, expect, it } from 'vitest';
import { literalRefusal, outboundPolicy, parseOutboundAllow } from './outbound-policy.ts';

const closed = outboundPolicy();

describe('the outbound address policy', () => {
  it.each([
    ['loopback', 'http://127.0.0.1:8080/hook'],
    ['loopback, short form', 'http://127.1/'],
    ['loopback, decimal', 'http://2130706433/'],
    ['loopback, hex', 'http://0x7f000001/'],
    ['loopback, octal', 'http://0177.0.0.1/'],
    ['loopback, dotted hex', 'http://0x7f.0.0.1/'],
    ['loopback, IPv6', 'http://[::1]/'],
    ['loopback, IPv4-mapped IPv6', 'http://[::ffff:127.0.0.1]/'],
    ['loopback, IPv4-mapped IPv6 in hex', 'http://[::ffff:7f00:1]/'],
    ['cloud metadata (link-local)', 'http://169.254.169.254/latest/meta-data/'],
    ['link-local, mapped', 'http://[::ffff:169.254.169.254]/'],
    ['link-local IPv6', 'http://[fe80::1]/'],
    ['private 10/8', 'http://10.0.0.1/'],
    ['private 172.16/12', 'https://172.16.5.4/'],
    ['private 192.168/16', 'http://192.168.1.1/'],
    ['private, decimal', 'http://167772161/'],
    ['carrier-grade NAT', 'http://100.64.0.1/'],
    ['unique-local IPv6', 'http://[fd00::1]/'],
    ['multicast', 'http://224.0.0.1/'],
    ['multicast IPv6', 'http://[ff02::1]/'],
    ['unspecified', 'http://0.0.0.0/'],
    ['unspecified, short', 'http://0/'],
    ['unspecified IPv6', 'http://[::]/'],
    ['broadcast', 'http://255.255.255.255/'],
    ['NAT64 of loopback', 'http://[64:ff9b::7f00:1]/'],
  ])('refuses %s (%s)', (_what, url) => {
    expect(literalRefusal(closed, url)).toBeDefined();
  });

  it.each([
    'https://hooks.example.com/x',
    'http://8.8.8.8/',
    'http://[2001:4860:4860::8888]/',
    'http://134744072/', // 8.8.8.8 in decimal
    'http://metadata.google.internal/', // a name: its address is checked when it is sent
  ])('lets %s be tried', (url) => {
    expect(literalRefusal(closed, url)).toBeUndefined();
  });

  it('refuses schemes other than http and https', () => {
    expect(literalRefusal(closed, 'file:///etc/passwd')).toMatch(/not http/);
    expect(literalRefusal(closed, 'gopher://127.0.0.1/')).toMatch(/not http/);
  });

  it('opens exactly the ranges the operator allows, in either spelling of an address', () => {
    const open = outboundPolicy(['10.1.0.0/16', '127.0.0.1/32']);
    expect(literalRefusal(open, 'http://10.1.2.3/')).toBeUndefined();
    expect(literalRefusal(open, 'http://127.0.0.1:9000/')).toBeUndefined();
    expect(literalRefusal(open, 'http://2130706433/')).toBeUndefined();
    expect(literalRefusal(open, 'http://[::ffff:127.0.0.1]/')).toBeUndefined();
    expect(literalRefusal(open, 'http://10.2.0.1/')).toBeDefined();
    expect(literalRefusal(open, 'http://127.0.0.2/')).toBeDefined();
    expect(literalRefusal(open, 'http://[::1]/')).toBeDefined();
  });

  it('reports every entry of CARAVAN_OUTBOUND_ALLOW that is not a CIDR range', () => {
    const parsed = parseOutboundAllow(['10.0.0.0/8', 'nonsense', '127.0.0.1']);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems).toHaveLength(2);
  });
});
