import type { Server } from 'node:net';
import { listenProblem } from './listenProblem.js';

/**
 * Listening, with the socket's failure as a rejection: without it, a port already in use is an unhandled
 * 'error' event that ends the process with a stack trace instead of a sentence.
 */
export function listen(server: Server, port: number, host: string | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => reject(new Error(listenProblem(error, port, host)));
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
}
