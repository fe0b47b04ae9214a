/**
 * A loopback HTTP proxy in front of a listening app that records every request as sent (method,
 * path, headers, raw body — gzip included) and every answer's status, so that a test can see
 * what a real SDK sent, count its retries and replay a request byte for byte.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  status?: number;
}

export interface RecordingProxy {
  url: string;
  requests: RecordedRequest[];
  /** Sends a recorded request again, as it was sent; answers its status and JSON body. */
  replay(recorded: RecordedRequest): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const requests: RecordedRequest[] = [];
  const send = (recorded: RecordedRequest) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const out = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: recorded.method,
          path: recorded.path,
          headers: { ...recorded.headers, host: upstream.host },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
          );
        },
      );
      out.on('error', reject);
      out.end(recorded.body);
    });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(recorded);
      send(recorded)
        .then(({ status, text }) => {
          recorded.status = status;
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(text);
        })
        .catch(() => {
          res.writeHead(502);
          res.end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    replay: async (recorded) => {
      const { status, text } = await send(recorded);
      return { status, body: text ? JSON.parse(text) : undefined };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
