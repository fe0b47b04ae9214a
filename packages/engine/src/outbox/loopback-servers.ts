/**
 * Test support (not a test): real servers on 127.0.0.1 that the channels talk to — an SMTP server
 * (`smtp-server`) that keeps every message it receives, and an HTTP server (`node:http`) that keeps
 * every request and answers as the test says — plus a small MIME reader for the captured mail.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpCapture {
  url: string;
  messages: CapturedMail[];
  /** The SMTP reply code to refuse the next messages with (e.g. 550), none when undefined. */
  refuseWith: number | undefined;
  /** Recipients refused with this reply (e.g. `550 5.1.1`), one by one. */
  refuseTo: Map<string, { code: number; message: string }>;
  close(): Promise<void>;
}

export async function startSmtpCapture(): Promise<SmtpCapture> {
  const capture: SmtpCapture = {
    url: '',
    messages: [],
    refuseWith: undefined,
    refuseTo: new Map(),
    close: async () => undefined,
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (capture.refuseWith !== undefined) {
          const error = Object.assign(new Error('Mailbox unavailable'), {
            responseCode: capture.refuseWith,
          });
          callback(error);
          return;
        }
        const refused = session.envelope.rcptTo
          .map((r) => capture.refuseTo.get(r.address))
          .find((r) => r !== undefined);
        if (refused !== undefined) {
          callback(Object.assign(new Error(refused.message), { responseCode: refused.code }));
          return;
        }
        const mailFrom = session.envelope.mailFrom;
        capture.messages.push({
          from: mailFrom === false ? '' : mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  // A client that dies mid-message (a killed process) resets its connection: not an error here.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  capture.url = `smtp://127.0.0.1:${port}`;
  capture.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return capture;
}

export interface ParsedMail {
  /** Header names in lower case, folded lines joined. */
  headers: Record<string, string>;
  html: string;
  text: string;
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`) back to text. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_m, _charset, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeBody(text.replace(/_/g, ' '), 'quoted-printable'),
    );
}

function parseHeaders(block: string): Record<string, string> {
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      const name = line.slice(0, colon).trim().toLowerCase();
      headers[name] = decodeWords(line.slice(colon + 1).trim());
    }
  }
  return headers;
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable': {
      const bytes = body
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      return Buffer.from(bytes, 'latin1').toString('utf8');
    }
    default:
      return body;
  }
}

function collectParts(
  entity: string,
  into: { html: string; text: string },
): Record<string, string> {
  const split = entity.search(/\r?\n\r?\n/);
  const headers = parseHeaders(entity.slice(0, split));
  const body = entity.slice(split).replace(/^\r?\n\r?\n/, '');
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary !== undefined) {
    const parts = body.split(`--${boundary}`).slice(1);
    for (const part of parts) {
      if (part.startsWith('--')) break;
      collectParts(part.replace(/^\r?\n/, ''), into);
    }
  } else if (type.toLowerCase().startsWith('text/html')) {
    into.html = decodeBody(body, headers['content-transfer-encoding']);
  } else if (type.toLowerCase().startsWith('text/plain')) {
    into.text = decodeBody(body, headers['content-transfer-encoding']);
  }
  return headers;
}

export function parseMail(raw: string): ParsedMail {
  const bodies = { html: '', text: '' };
  const headers = collectParts(raw, bodies);
  return { headers, ...bodies };
}

export interface CapturedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HttpCapture {
  url: string;
  requests: CapturedRequest[];
  /** TCP connections accepted so far (a refused destination must leave this at 0). */
  readonly connections: number;
  close(): Promise<void>;
}

/** `answer(n)` gives the status and body of the n-th request (0-based). */
export async function startHttpCapture(
  answer: (
    n: number,
    request: CapturedRequest,
  ) => { status: number; body?: string; headers?: Record<string, string> },
): Promise<HttpCapture> {
  const requests: CapturedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: CapturedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const reply = answer(requests.length, request);
      requests.push(request);
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body ?? '{}');
    });
  });
  let connections = 0;
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
