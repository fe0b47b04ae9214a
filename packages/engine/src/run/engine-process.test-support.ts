/**
 * The real product in child processes, for tests that kill or starve it: `caravan start|worker`
 * spawned exactly as an operator runs it, a capturing SMTP server that survives its clients dying,
 * and a seeded random generator so that a failing run can be replayed.
 */
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import type { CapturedMail } from '../outbox/loopback-servers.ts';

/** mulberry32: a small seeded generator, so that a failing run can be replayed. */
export function seededRandom(start: number): () => number {
  let state = start >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

export interface EngineChild {
  /** What it printed when it ended by itself (a crash of its own); undefined while it runs. */
  failure(): string | undefined;
  /** Everything it has printed so far (stdout and stderr). */
  output(): string;
  kill(): Promise<void>;
}

/** `caravan start|worker` exactly as an operator runs it, so that SIGKILL hits the real thing. */
export function startEngineChild(
  command: 'start' | 'worker',
  env: Record<string, string>,
): EngineChild {
  const main = join(repoRoot, 'packages/cli/src/main.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', main, command], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let killed = false;
  let ended = false;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  void exited.then(() => (ended = true));
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return {
    failure: () =>
      ended && !killed ? `caravan ${command} ended by itself:\n${output}` : undefined,
    output: () => output,
    kill: async () => {
      killed = true;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * A capturing SMTP server (smtp-server) that survives its clients being killed mid-session: the
 * shared loopback capture treats a reset connection as an error nobody handles. With `delayMs`
 * it answers each message that much later.
 */
export async function startSmtpCapture(options: { delayMs?: number } = {}) {
  const messages: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        const to = session.envelope.rcptTo.map((r) => r.address);
        messages.push({
          from: from === false ? '' : from.address,
          to,
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        // A slow server (`delayMs`) keeps messages in flight: accepted, not yet acknowledged.
        if (options.delayMs) setTimeout(() => callback(), options.delayMs);
        else callback();
      });
    },
  });
  // A child killed with SIGKILL resets its connections: that is the test, not a failure.
  server.on('error', () => undefined);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
