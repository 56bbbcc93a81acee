import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deadLetters } from '../../src/app/deadLetters.js';
import type { EventProcessor } from '../../src/app/eventProcessor.js';
import type { QueuedEvent } from '../../src/queue/JobQueue.js';
import { RedisQueue, type RedisQueueOptions } from '../../src/queue/RedisQueue.js';
import { RetryLaterError } from '../../src/queue/RetryLaterError.js';
import { startRedisServer, type RedisServer } from '../support/redisServer.js';
import { freePort } from '../support/ports.js';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

const queues: RedisQueue[] = [];
afterEach(async () => {
  for (const q of queues.splice(0)) await q.shutdown(1_000);
  // Each test starts from an empty Redis.
  const { Redis } = await import('ioredis');
  const client = new Redis(redis.url);
  await client.flushall();
  client.disconnect();
});

function recorder() {
  const lines: string[] = [];
  return { lines, log: { warn: (_f: Record<string, unknown>, m: string) => lines.push(`warn ${m}`), error: (_f: Record<string, unknown>, m: string) => lines.push(`error ${m}`) } };
}

function queue(options: Partial<RedisQueueOptions> = {}, log = recorder().log): RedisQueue {
  const q = new RedisQueue({ url: redis.url, concurrency: 1, log, attempts: 3, backoffMs: 20, ...options });
  queues.push(q);
  return q;
}

const event = (id: string, installationId = 1): QueuedEvent => ({ id, name: 'issues', payload: { n: id }, installationId, intakeKeys: [] });
const add = (q: RedisQueue, e: QueuedEvent) => q.add({ id: e.id, description: `issues ${e.id}`, event: e, run: async () => undefined });

function until(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (predicate()) {
        clearInterval(poll);
        resolve();
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(poll);
        reject(new Error(`timed out waiting for ${what}`));
      }
    }, 10);
  });
}

describe('RedisQueue', () => {
  it('a delivery id is one job: a redelivery while it waits, or after it ran, does not run it again', async () => {
    const q = queue();
    const ran: string[] = [];
    await add(q, event('d-1'));
    await add(q, event('d-1'));
    q.work(async (e) => void ran.push(e.id));
    await until(() => ran.length === 1, 'the first run');
    await add(q, event('d-1'));
    await new Promise((r) => setTimeout(r, 300));
    expect(ran).toEqual(['d-1']);
  });

  it("one installation's burst does not starve another: its first job runs among the first, not after the burst", async () => {
    const q = queue();
    const order: number[] = [];
    for (let i = 0; i < 20; i++) await add(q, event(`a-${i}`, 1));
    for (let i = 0; i < 2; i++) await add(q, event(`b-${i}`, 2));
    q.work(async (e) => void order.push(e.installationId!));
    await until(() => order.length === 22, 'every job');
    // Interleaved: the k-th job of each installation before the (k+1)-th of any.
    expect(order.slice(0, 4)).toEqual([1, 2, 1, 2]);
    expect(order.slice(4).every((i) => i === 1)).toBe(true);
  });

  it('retries a failing job with backoff; after the last attempt it is a dead letter that an operator lists and replays', async () => {
    const { lines, log } = recorder();
    const q = queue({ attempts: 2 }, log);
    let attempts = 0;
    let fail = true;
    const finals: (boolean | undefined)[] = [];
    const processor: EventProcessor = async (_e, _s, options) => {
      attempts++;
      finals.push(options?.lastAttempt);
      if (fail) throw new Error('GitHub answered HTTP 502');
    };
    q.work(processor);
    await add(q, event('d-dead'));
    await until(() => attempts === 2 && lines.some((l) => /dead letter/.test(l)), 'the dead letter');
    expect(finals).toEqual([false, true]);
    expect(lines.filter((l) => /will retry/.test(l))).toHaveLength(1);

    const out: string[] = [];
    expect(await deadLetters(['list'], { REDIS_URL: redis.url }, (l) => out.push(l))).toBe(0);
    expect(out[0]).toMatch(/^d-dead\tissues d-dead\tattempts=2\t.*GitHub answered HTTP 502/);
    expect(out.at(-1)).toBe('1 dead letter(s)');

    expect(await deadLetters(['replay', 'nope'], { REDIS_URL: redis.url }, (l) => out.push(l))).toBe(1);
    fail = false;
    expect(await deadLetters(['replay', 'd-dead'], { REDIS_URL: redis.url }, (l) => out.push(l))).toBe(0);
    await until(() => attempts === 3, 'the replay');
    const after: string[] = [];
    await until(() => true, 'nothing');
    await new Promise((r) => setTimeout(r, 100));
    await deadLetters(['list'], { REDIS_URL: redis.url }, (l) => after.push(l));
    expect(after).toEqual(['0 dead letter(s)']);
  });

  it('an error with `retryAt` delays the job until then without counting an attempt', async () => {
    const q = queue({ attempts: 1 });
    const runs: number[] = [];
    q.work(async () => {
      runs.push(Date.now());
      // Any error exposing a numeric retryAt (epoch ms), e.g. a rate limit's reset.
      if (runs.length === 1) throw Object.assign(new Error('rate limited'), { retryAt: Date.now() + 300 });
      if (runs.length === 2) throw new RetryLaterError('busy', Date.now() + 100);
    });
    await add(q, event('d-later'));
    await until(() => runs.length === 3, 'three runs');
    expect(runs[1]! - runs[0]!).toBeGreaterThanOrEqual(280);
    // With attempts: 1, a counted failure would have made it a dead letter after the first run.
    expect((await q.health()).failed).toBe(0);
  });

  it('health: ready with Redis up and young jobs; not ready when the oldest waiting job is past the bound', async () => {
    const q = queue({ maxWaitingAgeMs: 150 });
    await add(q, event('d-wait'));
    const fresh = await q.health();
    expect(fresh).toMatchObject({ ready: true, waiting: 1, active: 0 });
    await new Promise((r) => setTimeout(r, 250));
    const stale = await q.health();
    expect(stale.ready).toBe(false);
    expect(stale.reason).toMatch(/oldest waiting job/);
    expect(stale.oldestWaitingMs).toBeGreaterThanOrEqual(200);
  });
});

describe('RedisQueue without Redis', () => {
  it('health says Redis is unreachable; add fails, so the webhook is not acknowledged', async () => {
    const down = await startRedisServer();
    const url = down.url;
    await down.stop();
    const q = new RedisQueue({ url, concurrency: 1, log: recorder().log });
    queues.push(q);
    const health = await q.health();
    expect(health).toMatchObject({ ready: false });
    expect(health.reason).toMatch(/redis unreachable/);
    await expect(add(q, event('d-x'))).rejects.toThrow();
  });
});

describe('dead letters without a reachable Redis', () => {
  it('says so in one line and exits 1 at once, instead of waiting for a connection forever', async () => {
    const port = await freePort();
    const out: string[] = [];
    const started = Date.now();
    expect(await deadLetters(['list'], { REDIS_URL: `redis://:hunter2secret@127.0.0.1:${port}` }, (l) => out.push(l))).toBe(1);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(out).toEqual([`cannot reach Redis at REDIS_URL: connect ECONNREFUSED 127.0.0.1:${port}`]);
  });
});
