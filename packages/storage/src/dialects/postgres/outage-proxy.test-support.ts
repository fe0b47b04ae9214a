/**
 * A TCP proxy in front of the test PostgreSQL server that tests can take down and bring back:
 * `down()` resets every open connection and refuses new ones (what clients see while the server
 * restarts), `up()` accepts again on the same port. Cheaper than a cluster of one's own when a
 * test only needs the database to be away from one app.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface OutageProxy {
  /** `postgresUrl` with its host and port replaced by the proxy's. */
  url: string;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startOutageProxy(postgresUrl: string): Promise<OutageProxy> {
  const target = new URL(postgresUrl);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(0);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = new URL(postgresUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  const down = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.resetAndDestroy();
    sockets.clear();
    await closed;
  };
  return {
    url: url.toString(),
    down,
    up: () => listen(port),
    close: async () => {
      if (server.listening) await down();
    },
  };
}
