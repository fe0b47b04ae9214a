/**
 * The send benchmark's relay: a loopback smtp-server that accepts every message, at once or after
 * `delayMs` (a relay's latency), and counts messages and the most connections open at once.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  url: string;
  received(): number;
  maxConnections(): number;
  /** Resolves when `n` messages have arrived in total. */
  waitFor(n: number, timeoutMs: number): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

export async function startSmtpSink(delayMs: number): Promise<SmtpSink> {
  let received = 0;
  let open = 0;
  let maxOpen = 0;
  let waiter: { n: number; resolve: () => void } | undefined;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    maxClients: 1000,
    onConnect(_session, callback) {
      open += 1;
      maxOpen = Math.max(maxOpen, open);
      callback();
    },
    onClose() {
      open -= 1;
    },
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        const done = () => {
          received += 1;
          if (waiter !== undefined && received >= waiter.n) waiter.resolve();
          callback();
        };
        if (delayMs > 0) setTimeout(done, delayMs);
        else done();
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => received,
    maxConnections: () => maxOpen,
    waitFor: (n, timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        if (received >= n) return resolve();
        const timer = setTimeout(
          () => reject(new Error(`only ${received} of ${n} messages in ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiter = {
          n,
          resolve: () => {
            clearTimeout(timer);
            waiter = undefined;
            resolve();
          },
        };
      }),
    reset: () => {
      received = 0;
      maxOpen = open;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
