/** Loopback ports for tests. */
import { createServer, type Server } from 'node:net';

/** Listens on 127.0.0.1 on a port the system picks; that port. */
export function listenOnLoopback(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
}

/** A loopback port that was free a moment ago: nothing listens there (a connection is refused). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listenOnLoopback(probe);
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
