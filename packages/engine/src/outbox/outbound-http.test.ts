import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpCapture, type HttpCapture } from './loopback-servers.ts';
import { OutboundRefusedError, outboundRequest } from './outbound-http.ts';
import { outboundPolicy } from './outbound-policy.ts';

describe('the outbound HTTP client', () => {
  let receiver: HttpCapture;
  let port: string;

  beforeAll(async () => {
    receiver = await startHttpCapture((_n, request) =>
      request.url === '/redirect'
        ? { status: 302, headers: { location: `${receiver.url}/landed` } }
        : { status: 200, body: '{"id":"m1"}' },
    );
    port = new URL(receiver.url).port;
  });
  afterAll(() => receiver.close());

  const post = (url: string, allow: string[] = []) =>
    outboundRequest({
      url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      policy: outboundPolicy(allow),
    });

  it('makes no connection to a loopback receiver by default, in any notation or by name', async () => {
    const before = receiver.connections;
    for (const host of [
      '127.0.0.1',
      '2130706433',
      '0x7f000001',
      '127.1',
      '[::ffff:127.0.0.1]',
      'localhost',
    ]) {
      await expect(post(`http://${host}:${port}/hook`)).rejects.toBeInstanceOf(
        OutboundRefusedError,
      );
    }
    expect(receiver.connections).toBe(before);
    expect(receiver.requests).toHaveLength(0);
  });

  it('reaches the receiver once when the operator allows its range, by address and by name', async () => {
    const answer = await post(`${receiver.url}/hook`, ['127.0.0.1/32']);
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('{"id":"m1"}');
    const byName = await post(`http://localhost:${port}/hook`, ['127.0.0.1/32', '::1/128']);
    expect(byName.status).toBe(200);
    expect(receiver.requests.map((r) => r.url)).toEqual(['/hook', '/hook']);
  });

  it('does not follow a redirect: the 302 is the answer', async () => {
    const answer = await post(`${receiver.url}/redirect`, ['127.0.0.1/32']);
    expect(answer.status).toBe(302);
    expect(receiver.requests.some((r) => r.url === '/landed')).toBe(false);
  });

  it('sends to a trusted destination (the configured SMS provider) without the address check', async () => {
    const answer = await outboundRequest({
      url: `${receiver.url}/sms`,
      method: 'POST',
      headers: {},
      body: 'To=1',
      policy: outboundPolicy(),
      trusted: true,
    });
    expect(answer.status).toBe(200);
  });

  it('gives up after the total timeout when the answer does not come', async () => {
    const { createServer } = await import('node:http');
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const silentPort = typeof address === 'object' && address ? address.port : 0;
    const started = Date.now();
    await expect(
      outboundRequest({
        url: `http://127.0.0.1:${silentPort}/`,
        method: 'POST',
        headers: {},
        body: '',
        policy: outboundPolicy(['127.0.0.1/32']),
        totalTimeoutMs: 300,
      }),
    ).rejects.toThrow(/in time/);
    expect(Date.now() - started).toBeLessThan(3000);
    silent.closeAllConnections();
    silent.close();
  });
});
