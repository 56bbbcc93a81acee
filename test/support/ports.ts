/** Loopback ports for tests. */
import { createServer as createHttpServer, type RequestListener, type Server as HttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';

/** Listens on 127.0.0.1 on a port the system picks; that port. */
export function listenOnLoopback(server: Server | HttpServer): Promise<number> {
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

/** One HTTP server on a loopback port per test: `serve` starts it with a handler (its base URL), `close` ends it and the requests still waiting on it. */
export function httpOnLoopback(): { serve(handler: RequestListener): Promise<string>; close(): Promise<void> } {
  let server: HttpServer | undefined;
  return {
    async serve(handler) {
      server = createHttpServer(handler);
      return `http://127.0.0.1:${await listenOnLoopback(server)}`;
    },
    async close() {
      const closing = server;
      server = undefined;
      if (!closing) return;
      // Requests left waiting for an answer: closed now rather than at the keep-alive timeout.
      closing.closeAllConnections();
      await new Promise((resolve) => closing.close(resolve));
    },
  };
}
