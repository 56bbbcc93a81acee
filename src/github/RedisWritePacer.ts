import type { Redis } from 'ioredis';
import type { Pacer } from './Pacer.js';
import { RateLimitedError } from './RateLimitedError.js';
import { GITHUB_WRITE_LIMITS, HOUR_MS, MINUTE_MS, type WriteLimits } from './writeLimits.js';

export interface RedisWritePacerOptions {
  limits?: WriteLimits;
  /** A write that would wait longer than this throws RateLimitedError instead (default 2 min): the job is re-run later. */
  maxWaitMs?: number;
  /** Key prefix in Redis (default `agency`, as the queue and the shared state). */
  prefix?: string;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * A process whose liveness key is this old is gone (killed): its future slots are given back (default 5 s,
   * refreshed every 1/3 of it; shorter than the queue's 30 s lock, so the slots are back before its jobs run again).
   */
  aliveMs?: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// The same rule as nextWriteAt (writeLimits.ts), evaluated inside Redis so that reading the reserved
// starts and adding one cannot interleave between processes. KEYS[1]: sorted set of reserved write
// starts (score = epoch ms), members `<process id>:<n>`; KEYS[2]: hash { paused, exhausted }; KEYS[3]: this
// process's liveness key. ARGV: now, write (1/0), perMinute, perHour, spacingMs, marginMs, maxWaitMs,
// member, liveness key prefix, aliveMs. Future slots of a process whose liveness key expired (killed while
// it waited) are given back first: they would never be used. (The liveness keys are read by name, which a
// single Redis allows; a Redis Cluster would need them in KEYS.)
// Answers {1, at} (slot reserved / read may go at `at`), {0, exhaustedUntil} (primary limit spent),
// {2, at, kind} (the wait would be longer than maxWaitMs).
const RESERVE = `
local now = tonumber(ARGV[1])
local perMinute, perHour = tonumber(ARGV[3]), tonumber(ARGV[4])
local spacing, margin, maxWait = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local hour = ${HOUR_MS}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. (now - hour - margin))
redis.call('SET', KEYS[3], '1', 'PX', ARGV[10])
local alive = {}
for _, m in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf')) do
  local owner = string.match(m, '^(.*):[^:]*$')
  if owner then
    if alive[owner] == nil then alive[owner] = redis.call('EXISTS', ARGV[9] .. owner) == 1 end
    if not alive[owner] then redis.call('ZREM', KEYS[1], m) end
  end
end
local paused = tonumber(redis.call('HGET', KEYS[2], 'paused') or '0')
local exhausted = tonumber(redis.call('HGET', KEYS[2], 'exhausted') or '0')
if exhausted > now then return {0, exhausted} end
if ARGV[2] == '0' then
  if paused - now > maxWait then return {2, paused, 'secondary'} end
  return {1, math.max(now, paused)}
end
local at = math.max(now, paused)
local n = redis.call('ZCARD', KEYS[1])
if n > 0 then
  at = math.max(at, tonumber(redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')[2]) + spacing)
  if n >= perMinute then
    at = math.max(at, tonumber(redis.call('ZRANGE', KEYS[1], n - perMinute, n - perMinute, 'WITHSCORES')[2]) + ${MINUTE_MS} + margin)
  end
  if n >= perHour then
    at = math.max(at, tonumber(redis.call('ZRANGE', KEYS[1], n - perHour, n - perHour, 'WITHSCORES')[2]) + hour + margin)
  end
end
if at - now > maxWait then
  local kind = 'content'
  if paused >= at then kind = 'secondary' end
  return {2, at, kind}
end
redis.call('ZADD', KEYS[1], at, ARGV[8])
redis.call('PEXPIRE', KEYS[1], at - now + hour + margin)
return {1, at}`;

// KEYS[1]: the hash; ARGV: field, until, now. Only ever moves the time later; the hash lives until the last of its times.
const EXTEND = `
local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
local untilAt = tonumber(ARGV[2])
if untilAt > current then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
local last = math.max(untilAt, current, tonumber(redis.call('HGET', KEYS[1], 'paused') or '0'), tonumber(redis.call('HGET', KEYS[1], 'exhausted') or '0'))
redis.call('PEXPIRE', KEYS[1], math.max(1, last - tonumber(ARGV[3]) + 60000))
return 1`;

/**
 * WritePacer's rules with the reservations in Redis (REDIS_URL): every process of the app (`npm start`,
 * `npm run worker` ...) takes its write slots from one per-installation budget, so N processes together
 * stay within GitHub's documented limits instead of each spending them alone. A slot is reserved
 * atomically (a Lua script); the process then sleeps until it, keeping a liveness key fresh meanwhile so
 * that the slots of a process killed while it waited go back to the others. Times are the processes'
 * clocks: the limits' margin (2 s) covers the skew of clocks kept by NTP.
 */
export class RedisWritePacer implements Pacer {
  readonly limits: WriteLimits;
  readonly now: () => number;
  private readonly maxWaitMs: number;
  private readonly prefix: string;
  private readonly sleep: (ms: number) => Promise<void>;
  private seq = 0;
  private readonly id = crypto.randomUUID();
  private readonly aliveMs: number;
  /** Slots this process holds and has not used yet; while any, the liveness key is refreshed. */
  private waiting = 0;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly redis: Redis,
    options: RedisWritePacerOptions = {},
  ) {
    this.limits = options.limits ?? GITHUB_WRITE_LIMITS;
    this.maxWaitMs = options.maxWaitMs ?? 120_000;
    this.prefix = options.prefix ?? 'agency';
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.aliveMs = options.aliveMs ?? 5_000;
  }

  private get aliveKey(): string {
    return `${this.prefix}:pace-alive:${this.id}`;
  }

  /** Counts a held slot; the first one starts refreshing the liveness key, the last one stops it. */
  private hold(delta: 1 | -1): void {
    this.waiting += delta;
    if (this.waiting > 0 && !this.heartbeat) {
      const refresh = () => void this.redis.set(this.aliveKey, '1', 'PX', this.aliveMs).catch(() => undefined);
      this.heartbeat = setInterval(refresh, Math.max(50, Math.floor(this.aliveMs / 3)));
      this.heartbeat.unref();
    } else if (this.waiting === 0 && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = undefined;
    }
  }

  private startsKey(key: string): string {
    return `${this.prefix}:pace:${key}:starts`;
  }

  private stateKey(key: string): string {
    return `${this.prefix}:pace:${key}:state`;
  }

  async assertOpen(key: string): Promise<void> {
    const exhausted = Number((await this.redis.hget(this.stateKey(key), 'exhausted')) ?? 0);
    if (exhausted > this.now()) throw new RateLimitedError(exhausted, 'primary', key);
  }

  async acquire(key: string, write: boolean): Promise<() => Promise<void>> {
    const { perMinute, perHour, spacingMs, marginMs } = this.limits;
    for (;;) {
      const now = Math.round(this.now());
      const member = `${this.id}:${++this.seq}`;
      const answer = (await this.redis.eval(
        RESERVE,
        3,
        this.startsKey(key),
        this.stateKey(key),
        this.aliveKey,
        now,
        write ? 1 : 0,
        perMinute,
        perHour,
        spacingMs,
        marginMs,
        this.maxWaitMs,
        member,
        `${this.prefix}:pace-alive:`,
        this.aliveMs,
      )) as [number, number, string?];
      const [status, at] = answer;
      if (status === 0) throw new RateLimitedError(at, 'primary', key);
      if (status === 2) throw new RateLimitedError(at, answer[2] === 'secondary' ? 'secondary' : 'content', key);
      if (at > now) {
        this.hold(1);
        try {
          await this.sleep(at - now);
        } finally {
          this.hold(-1);
        }
      }
      if (!write) return async () => undefined;
      // A secondary limit arrived while this write waited (any process may have seen it): give the slot back, wait for the pause.
      const paused = Number((await this.redis.hget(this.stateKey(key), 'paused')) ?? 0);
      if (paused > this.now()) {
        await this.redis.zrem(this.startsKey(key), member);
        continue;
      }
      return () => this.answered(key, member, at);
    }
  }

  /** The slot counts from GitHub's answer when that came later than the reserved start (as WritePacer). */
  private async answered(key: string, member: string, reservedAt: number): Promise<void> {
    const now = Math.round(this.now());
    if (now > reservedAt) await this.redis.zadd(this.startsKey(key), 'XX', String(now), member);
  }

  async pause(key: string, until: number): Promise<void> {
    await this.redis.eval(EXTEND, 1, this.stateKey(key), 'paused', Math.round(until), Math.round(this.now()));
  }

  async exhaust(key: string, until: number): Promise<void> {
    await this.redis.eval(EXTEND, 1, this.stateKey(key), 'exhausted', Math.round(until), Math.round(this.now()));
  }

  /** Writes reserved for `key` within the last hour, oldest first (for tests and metrics). */
  async reserved(key: string): Promise<number[]> {
    const flat = await this.redis.zrange(this.startsKey(key), '0', '-1', 'WITHSCORES');
    return flat.filter((_, i) => i % 2 === 1).map(Number);
  }
}
