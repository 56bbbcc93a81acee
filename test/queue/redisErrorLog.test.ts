/**
 * While Redis is away, ioredis reconnects every second or two on each of the app's connections (the
 * queue's, the shared state's). The log gets one line per distinct error for all of them, and a line
 * again after Redis came back and went away again. A real redis-server, started late on the port the
 * clients already wait on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { durableBackend, type DurableBackend } from '../../src/app/durableBackend.js';
import { freePort } from '../support/ports.js';
import { startRedisServer, type RedisServer } from '../support/redisServer.js';

let backend: DurableBackend | undefined;
let redis: RedisServer | undefined;
afterEach(async () => {
  await backend?.queue.shutdown(0);
  backend?.close();
  backend = undefined;
  await redis?.stop();
  redis = undefined;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Redis connection errors in the log', () => {
  it('one line per distinct error across the connections, not one per reconnect; news again after a reconnect', async () => {
    const port = await freePort();
    const warnings: string[] = [];
    const log = { warn: (fields: Record<string, unknown>, message: string) => warnings.push(`${message}: ${String(fields.err)}`), error: () => undefined };
    const started = durableBackend({ REDIS_URL: `redis://127.0.0.1:${port}` }, log)!;
    backend = started;
    await sleep(3_000);
    expect(warnings).toEqual([`redis connection error: connect ECONNREFUSED 127.0.0.1:${port}`]);

    redis = await startRedisServer(port);
    for (let i = 0; i < 100 && !(await started.queue.health()).ready; i++) await sleep(100);
    expect((await started.queue.health()).ready).toBe(true);
    await redis.stop();
    redis = undefined;
    await sleep(3_000);
    const again = warnings.slice(1);
    expect(again.length).toBeGreaterThan(0);
    expect(again.length).toBeLessThanOrEqual(3);
    expect(new Set(again).size).toBe(again.length);
  }, 20_000);
});
