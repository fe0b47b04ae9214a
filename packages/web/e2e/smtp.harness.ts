/**
 * A real SMTP server on 127.0.0.1 for browser tests (the web package may not import the engine's
 * test servers): keeps the recipients of every message, or refuses them with a reply code.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface TestSmtp {
  url: string;
  /** The recipients of each accepted message, in order. */
  received: string[][];
  /** The raw source of each accepted message (headers and body), in order. */
  raw: string[];
  /** Refuse every message with this reply code (e.g. 550) while set. */
  refuseWith: number | undefined;
  close(): Promise<void>;
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const smtp: TestSmtp = {
    url: '',
    received: [],
    raw: [],
    refuseWith: undefined,
    close: async () => {},
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (smtp.refuseWith !== undefined) {
          callback(
            Object.assign(new Error('Mailbox unavailable'), { responseCode: smtp.refuseWith }),
          );
          return;
        }
        smtp.received.push(session.envelope.rcptTo.map((r) => r.address));
        smtp.raw.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  smtp.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  smtp.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return smtp;
}
