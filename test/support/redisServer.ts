/**
 * A real `redis-server` (Debian's package) for tests: on a free loopback port, no persistence, no
 * files under the repository, stopped by `stop()`. Missing binary: a clear error (the test fails, it is
 * never skipped); `.ci/run` installs it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Socket } from 'node:net';
import { freePort } from './ports.js';

export interface RedisServer {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

export function redisServerBinary(): string {
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (found.error || found.status !== 0) {
    throw new Error('redis-server is not installed: these tests need a real Redis. Install it with `apt-get install -y redis-server` (.ci/run does).');
  }
  return 'redis-server';
}

/** On `port` when given (a test that starts Redis where a client already waits), else a free one. */
export async function startRedisServer(port?: number): Promise<RedisServer> {
  const binary = redisServerBinary();
  port ??= await freePort();
  const child = spawn(
    binary,
    // No RDB snapshots, no AOF, working directory in /tmp: nothing is written under the repository.
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', '/tmp', '--protected-mode', 'yes', '--loglevel', 'warning'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `redis://127.0.0.1:${port}`;
  // Ready when it accepts a PING.
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}): ${output.slice(0, 500)}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('error', () => resolve(false));
      socket.connect(port, '127.0.0.1', () => {
        socket.write('PING\r\n');
        socket.once('data', (d: Buffer) => {
          socket.destroy();
          resolve(d.toString().startsWith('+PONG'));
        });
      });
    });
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not answer on port ${port}: ${output.slice(0, 500)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    port,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
