/**
 * A PostgreSQL 15 cluster of a test's own — its own directory, port and server process — for
 * tests that stop or restart the server (docs/durability.md, "When the database goes away"):
 * restarting the suite's shared server would break every other test running at the time.
 * As root the server runs as the `postgres` user (PostgreSQL refuses root), through `runuser`.
 */
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const pgBin = process.env.CARAVAN_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PostgresCluster {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  url: string;
  /** `pg_ctl -m <mode> restart`, waiting until the server accepts connections again. */
  restart(mode?: 'fast' | 'immediate' | 'smart'): Promise<void>;
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** Stops the server (immediately) and deletes its directory. */
  close(): Promise<void>;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

async function asPostgresUser(command: string, args: string[]): Promise<string> {
  const [file, argv] = isRoot()
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, args];
  const { stdout } = await run(file, argv, { timeout: 60_000 });
  return stdout;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** initdb + `pg_ctl start` in a fresh temporary directory; resolves once it accepts connections. */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'caravan-pg-cluster-'));
  chmodSync(dir, 0o777);
  if (isRoot()) {
    const { uid, gid } = await postgresIds();
    chownSync(dir, uid, gid);
  }
  const dataDir = join(dir, 'data');
  const log = join(dir, 'server.log');
  await asPostgresUser(join(pgBin, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--auth=trust',
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  const port = await freePort();
  // The options are remembered in postmaster.opts, so `pg_ctl restart` keeps them.
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=100',
  ].join(' ');
  const pgCtl = (...args: string[]) => asPostgresUser(join(pgBin, 'pg_ctl'), args);
  const start = async () => {
    await pgCtl('start', '-D', dataDir, '-l', log, '-o', options, '-w', '-t', '60');
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: async (mode = 'fast') => {
      await pgCtl('restart', '-D', dataDir, '-l', log, '-m', mode, '-w', '-t', '60');
    },
    stop: async (mode = 'fast') => {
      await pgCtl('stop', '-D', dataDir, '-m', mode, '-w', '-t', '60');
    },
    start,
    close: async () => {
      await pgCtl('stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '20').catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The `postgres` user's ids, to hand it the cluster's directory. */
async function postgresIds(): Promise<{ uid: number; gid: number }> {
  if (!isRoot()) return { uid: userInfo().uid, gid: userInfo().gid };
  const { stdout: uid } = await run('id', ['-u', 'postgres']);
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}
