/**
 * The one outbound HTTP client of webhooks, external services and the SMS provider. It resolves
 * the host name itself and refuses the addresses `outbound-policy.ts` refuses — checked on what
 * the lookup answers and again on the address the socket actually connected to, so that a name
 * that resolves differently the second time (DNS rebinding) gains nothing. It never follows a
 * redirect (a 3xx is an answer like any other), opens a fresh connection per request (a pooled
 * socket would skip the check), and gives up after a connect and a total timeout.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction, Socket } from 'node:net';
import { addressRefusal, outboundRefusedCode, type OutboundPolicy } from './outbound-policy.ts';

/** Thrown (and only thrown) when the destination is refused; nothing was sent. */
export class OutboundRefusedError extends Error {
  readonly code = outboundRefusedCode;
  constructor(reason: string) {
    super(`${outboundRefusedCode}: ${reason}`);
    this.name = 'OutboundRefusedError';
  }
}

export interface OutboundRequest {
  url: string;
  method: 'POST' | 'PUT';
  headers: Record<string, string>;
  body: string;
  policy: OutboundPolicy;
  /** The operator configured this destination (SMS_PROVIDER_URL): no address check. */
  trusted?: boolean;
  connectTimeoutMs?: number;
  totalTimeoutMs?: number;
}

export interface OutboundResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The start of the body (at most `maxBodyBytes`); only for ids and short reasons. */
  text: string;
}

export const connectTimeoutMs = 10_000;
/** Well inside the 60 s lease of a claimed outbox row. */
export const totalTimeoutMs = 30_000;
const maxBodyBytes = 64 * 1024;

function checkedLookup(policy: OutboundPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, found: LookupAddress[]) => {
      if (error) {
        callback(error, '', 4);
        return;
      }
      for (const { address } of found) {
        const refusal = addressRefusal(policy, address);
        if (refusal !== undefined) {
          callback(new OutboundRefusedError(`${hostname} resolves to ${refusal}`), '', 4);
          return;
        }
      }
      const first = found[0];
      if (first === undefined) callback(new Error(`${hostname} has no address`), '', 4);
      else if (options.all) (callback as (e: null, a: LookupAddress[]) => void)(null, found);
      else callback(null, first.address, first.family);
    });
  };
}

/** Sends one request; rejects with `OutboundRefusedError` when the destination is refused. */
export function outboundRequest(request: OutboundRequest): Promise<OutboundResponse> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return Promise.reject(new OutboundRefusedError(`${request.url} is not a URL`));
  }
  const secure = url.protocol === 'https:';
  if (!secure && url.protocol !== 'http:') {
    return Promise.reject(new OutboundRefusedError(`${url.protocol} is not http or https`));
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // A literal address is never looked up, so it is checked here (and again on connect).
  if (!request.trusted && /^[\d.]+$|:/.test(host)) {
    const refusal = addressRefusal(request.policy, host);
    if (refusal !== undefined) return Promise.reject(new OutboundRefusedError(refusal));
  }
  return new Promise<OutboundResponse>((resolve, reject) => {
    const send = secure ? httpsRequest : httpRequest;
    const req = send(url, {
      method: request.method,
      headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) },
      agent: false,
      ...(request.trusted ? {} : { lookup: checkedLookup(request.policy) }),
    });
    const fail = (error: Error) => {
      clearTimeout(total);
      clearTimeout(connect);
      req.destroy(error);
      reject(error);
    };
    const total = setTimeout(
      () => fail(new Error('no complete answer in time')),
      request.totalTimeoutMs ?? totalTimeoutMs,
    );
    const connect = setTimeout(
      () => fail(new Error('could not connect in time')),
      request.connectTimeoutMs ?? connectTimeoutMs,
    );
    req.on('socket', (socket: Socket) => {
      socket.once('connect', () => {
        clearTimeout(connect);
        const remote = socket.remoteAddress;
        const refusal =
          request.trusted || remote === undefined
            ? undefined
            : addressRefusal(request.policy, remote);
        if (refusal !== undefined) fail(new OutboundRefusedError(`connected to ${refusal}`));
      });
    });
    req.on('error', (error) => fail(error));
    req.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        if (size < maxBodyBytes) chunks.push(chunk);
        size += chunk.length;
      });
      response.on('error', (error) => fail(error));
      response.on('end', () => {
        clearTimeout(total);
        clearTimeout(connect);
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text: Buffer.concat(chunks).subarray(0, maxBodyBytes).toString('utf8'),
        });
      });
    });
    req.end(request.body);
  });
}
