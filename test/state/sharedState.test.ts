import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryState } from '../../src/state/memoryState.js';
import { createRedisState, RedisCommandAllowance } from '../../src/state/redisState.js';
import type { SharedState } from '../../src/state/SharedState.js';
import { startRedisServer, type RedisServer } from '../support/redisServer.js';

let redis: RedisServer;
const clients: Redis[] = [];
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await redis?.stop();
});

/** Two views of the same state, as two processes would have: one memory state twice, or two Redis clients. */
type Pair = () => Promise<[SharedState, SharedState]>;
let prefixes = 0;
const pairs: [string, Pair][] = [
  [
    'memory',
    async () => {
      const s = createMemoryState();
      return [s, s];
    },
  ],
  [
    'redis (two clients)',
    async () => {
      const prefix = `t${++prefixes}`;
      const a = new Redis(redis.url);
      const b = new Redis(redis.url);
      clients.push(a, b);
      return [createRedisState(a, prefix), createRedisState(b, prefix)];
    },
  ],
];

describe.each(pairs)('shared state: %s', (_name, pair) => {
  it('delivery log: what one process completed, the other sees', async () => {
    const [a, b] = await pair();
    expect(await b.deliveries.has('d-1')).toBe(false);
    await a.deliveries.add('d-1');
    expect(await b.deliveries.has('d-1')).toBe(true);
  });

  it('intake guard: all keys or none; the holder may claim again (a redelivery); release frees only its own', async () => {
    const [a, b] = await pair();
    expect(await a.intake.claim(['x#1:label:backend', 'x#1:label:bug'], 'opened', 60_000)).toBe(true);
    expect(await b.intake.claim(['x#1:label:backend'], 'labeled', 60_000)).toBe(false);
    expect(await b.intake.claim(['x#1:label:api', 'x#1:label:bug'], 'labeled-2', 60_000)).toBe(false);
    // Nothing of a refused claim was taken.
    expect(await b.intake.claim(['x#1:label:api'], 'labeled-3', 60_000)).toBe(true);
    expect(await b.intake.claim(['x#1:label:backend'], 'opened', 60_000)).toBe(true);
    await b.intake.release(['x#1:label:backend'], 'someone-else');
    expect(await a.intake.claim(['x#1:label:backend'], 'labeled', 60_000)).toBe(false);
    await b.intake.release(['x#1:label:backend', 'x#1:label:bug'], 'opened');
    expect(await a.intake.claim(['x#1:label:backend'], 'labeled', 60_000)).toBe(true);
  });

  it('intake guard: a hold expires after its ttl', async () => {
    const [a, b] = await pair();
    expect(await a.intake.claim(['x#2:label:backend'], 'one', 50)).toBe(true);
    await new Promise((r) => setTimeout(r, 120));
    expect(await b.intake.claim(['x#2:label:backend'], 'two', 50)).toBe(true);
  });

  it('command allowance: a burst up to the limit across processes, one first refusal, release gives back', async () => {
    const [a, b] = await pair();
    const first = await a.allowance.take('acme/api:alice', 2, 60_000);
    expect(first.ok).toBe(true);
    expect((await b.allowance.take('acme/api:alice', 2, 60_000)).ok).toBe(true);
    const refused = await a.allowance.take('acme/api:alice', 2, 60_000);
    expect(refused).toMatchObject({ ok: false, firstRefusal: true });
    expect(refused.ok === false && refused.retryInSeconds).toBeGreaterThan(50);
    expect(await b.allowance.take('acme/api:alice', 2, 60_000)).toMatchObject({ ok: false, firstRefusal: false });
    expect((await b.allowance.take('acme/api:bob', 2, 60_000)).ok).toBe(true);
    if (first.ok) await b.allowance.release('acme/api:alice', first.token);
    expect((await a.allowance.take('acme/api:alice', 2, 60_000)).ok).toBe(true);
  });

  it('token ledger: spent by one process, counted by the other', async () => {
    const [a, b] = await pair();
    await a.tokens.add('7', 1500);
    await b.tokens.add('7', 600);
    expect(await a.tokens.used('7')).toBe(2100);
    expect(await b.tokens.exhausted('7', 2000)).toBe(true);
    expect(await b.tokens.exhausted('7', 0)).toBe(false);
    expect(await b.tokens.used('8')).toBe(0);
  });
});

describe('RedisCommandAllowance', () => {
  it('slides: the oldest command leaves the window', async () => {
    let now = 1_000_000;
    const client = new Redis(redis.url);
    clients.push(client);
    const allowance = new RedisCommandAllowance(client, 'slide', () => now);
    expect((await allowance.take('k', 1, 10_000)).ok).toBe(true);
    now += 4_000;
    expect(await allowance.take('k', 1, 10_000)).toEqual({ ok: false, retryInSeconds: 6, firstRefusal: true });
    now += 6_001;
    expect((await allowance.take('k', 1, 10_000)).ok).toBe(true);
  });
});
