import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appOctokit } from '../../src/app/appOctokit.js';
import type { Pacer } from '../../src/github/Pacer.js';
import { RateLimitedError } from '../../src/github/RateLimitedError.js';
import { RedisWritePacer } from '../../src/github/RedisWritePacer.js';
import { WritePacer } from '../../src/github/WritePacer.js';
import { MINUTE_MS } from '../../src/github/writeLimits.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub.js';
import { createTestProbot } from '../support/fakeGitHubProbot.js';
import { startRedisServer, type RedisServer } from '../support/redisServer.js';
import { steppedClock, type SteppedClock } from '../support/steppedClock.js';

let redis: RedisServer;
const clients: Redis[] = [];
let gh: FakeGitHub | undefined;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await redis?.stop();
});
afterEach(async () => {
  await gh?.close();
  gh = undefined;
});

let prefixes = 0;
/** A Redis connection of its own, as another process would have. */
function connection(): Redis {
  const client = new Redis(redis.url);
  clients.push(client);
  return client;
}


const COMMENTS = '/repos/{owner}/{repo}/issues/{issue_number}/comments';

/** Two app processes' clients of installation 1, each with its own pacer, writing in turn; the strict fake counts for both. */
async function twoProcesses(pacers: [Pacer, Pacer], clock: SteppedClock, writes: number) {
  gh = await startFakeGitHub({ rateLimits: { now: clock.now } });
  gh.addRepo({ owner: 'acme', name: 'api', installationId: 1 });
  gh.addIssue({ owner: 'acme', repo: 'api', number: 1 });
  const octokits = await Promise.all(pacers.map((pacer) => createTestProbot(gh!.url, { Octokit: appOctokit({ pacer, observe: () => undefined }) }).auth(1)));
  for (let i = 0; i < writes; i++) await octokits[i % 2]!.rest.issues.createComment({ owner: 'acme', repo: 'api', issue_number: 1, body: `c${i}` });
  const writesSeen = gh.requests.filter((r) => r.method === 'POST' && r.template === COMMENTS);
  return { refused: writesSeen.filter((r) => r.status === 403 || r.status === 429).length, created: gh.comments('acme', 'api', 1).length };
}

describe('RedisWritePacer: one write budget per installation for every process', () => {
  it('two processes writing on one installation together stay within the strict fake\'s 80 a minute: no refusal', async () => {
    const clock = steppedClock();
    const prefix = `p${++prefixes}`;
    const a = new RedisWritePacer(connection(), { prefix, now: clock.now, sleep: clock.sleep });
    const b = new RedisWritePacer(connection(), { prefix, now: clock.now, sleep: clock.sleep });
    const start = clock.clock.now;
    const { refused, created } = await twoProcesses([a, b], clock, 120);
    expect(created).toBe(120);
    expect(refused).toBe(0);
    const starts = await a.reserved('1');
    expect(starts).toHaveLength(120);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(750);
    for (let i = 80; i < starts.length; i++) expect(starts[i]! - starts[i - 80]!).toBeGreaterThan(MINUTE_MS);
    // 80 in the first minute (+ margin), the other 40 spaced after it.
    expect(starts[119]! - start).toBeLessThan(95_000);
  });

  it('whereas a pacer per process lets two processes overrun the limit together (the case this pacer exists for)', async () => {
    const clock = steppedClock();
    const a = new WritePacer({ now: clock.now, sleep: clock.sleep });
    const b = new WritePacer({ now: clock.now, sleep: clock.sleep });
    const { refused, created } = await twoProcesses([a, b], clock, 120);
    expect(created).toBe(120);
    expect(refused).toBeGreaterThan(0);
  });

  it('reserves atomically: concurrent requests of two clients get distinct, spaced slots and never more than the minute allows', async () => {
    const prefix = `p${++prefixes}`;
    const limits = { perMinute: 8, perHour: 500, spacingMs: 5, marginMs: 0 };
    const a = new RedisWritePacer(connection(), { prefix, limits, maxWaitMs: 2_000 });
    const b = new RedisWritePacer(connection(), { prefix, limits, maxWaitMs: 2_000 });
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).acquire('7', true)));
    const granted = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(granted).toHaveLength(8);
    expect(refused).toHaveLength(12);
    for (const r of refused) expect(r.reason).toMatchObject({ name: 'RateLimitedError', kind: 'content', installation: '7' });
    const starts = await b.reserved('7');
    expect(starts).toHaveLength(8);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(5);
    // Another installation's budget is untouched.
    expect(await a.reserved('8')).toEqual([]);
  });

  it('reserves the same slots as the in-process WritePacer for the same history', async () => {
    const memoryClock = steppedClock();
    const redisClock = steppedClock();
    const memory = new WritePacer({ now: memoryClock.now, sleep: memoryClock.sleep });
    const shared = new RedisWritePacer(connection(), { prefix: `p${++prefixes}`, now: redisClock.now, sleep: redisClock.sleep });
    for (let i = 0; i < 130; i++) {
      // GitHub answering late now and then: the slot then counts from the answer.
      const late = i % 7 === 0 ? 400 : 0;
      const sentMemory = await memory.acquire('1', true);
      memoryClock.clock.now += late;
      sentMemory();
      const sentRedis = await shared.acquire('1', true);
      redisClock.clock.now += late;
      await sentRedis();
    }
    expect(await shared.reserved('1')).toEqual([...memory.reserved('1')]);
  });

  it('gives back the future slots of a process killed while it waited, and only those', async () => {
    const prefix = `p${++prefixes}`;
    const doomedConnection = connection();
    // A process that reserves slots and then never wakes (kill -9): its sleeps never end, its Redis goes away.
    const doomed = new RedisWritePacer(doomedConnection, { prefix, aliveMs: 300, sleep: () => new Promise<void>(() => undefined) });
    const living = new RedisWritePacer(connection(), { prefix, aliveMs: 300 });
    const other = new RedisWritePacer(connection(), { prefix, aliveMs: 300 });
    // The living process: one write now, one waiting for its slot 750 ms later (it keeps that slot).
    await living.acquire('1', true);
    const kept = living.acquire('1', true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (let i = 0; i < 6; i++) void doomed.acquire('1', true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await other.reserved('1')).toHaveLength(8);
    doomedConnection.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 700));
    const t0 = Date.now();
    await other.acquire('1', true);
    await kept;
    // Right after the living process's second slot, not after the doomed process's 6 more × 750 ms.
    expect(Date.now() - t0).toBeLessThan(1_500);
    expect(await other.reserved('1')).toHaveLength(3);
  });

  it("shares GitHub's answers: a secondary limit seen by one process pauses the other; a spent primary limit stops it before any work", async () => {
    const clock = steppedClock();
    const prefix = `p${++prefixes}`;
    const a = new RedisWritePacer(connection(), { prefix, now: clock.now, sleep: clock.sleep });
    const b = new RedisWritePacer(connection(), { prefix, now: clock.now, sleep: clock.sleep });
    await a.pause('1', clock.now() + 30_000);
    const before = clock.clock.now;
    await (await b.acquire('1', true))();
    expect(clock.clock.now - before).toBe(30_000);
    // Reads wait for the pause too, not for the write spacing.
    await a.pause('1', clock.now() + 5_000);
    await (await b.acquire('1', false))();
    expect(clock.clock.now - before).toBe(35_000);
    const reset = clock.now() + 600_000;
    await a.exhaust('1', reset);
    await expect(b.assertOpen('1')).rejects.toMatchObject({ name: 'RateLimitedError', kind: 'primary', retryAt: reset });
    await expect(b.acquire('1', true)).rejects.toBeInstanceOf(RateLimitedError);
    await expect(b.assertOpen('2')).resolves.toBeUndefined();
  });
});
