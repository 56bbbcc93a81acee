import type { Redis } from 'ioredis';
import { systemClock, type Clock } from '../domain/Clock.js';
import type { AllowanceAnswer, AnswerStore, CommandAllowance, DeliveryLog, IntakeGuard, SharedState, TokenLedger } from './SharedState.js';

/** How long a finished delivery is remembered: GitHub keeps deliveries (and redelivers them) for 3 days. */
const DELIVERY_TTL_S = 3 * 24 * 3600;

// Each script runs atomically in Redis: the check and the write cannot interleave across processes.
const CLAIM = `
for i, key in ipairs(KEYS) do
  local holder = redis.call('GET', key)
  if holder and holder ~= ARGV[1] then return 0 end
end
for i, key in ipairs(KEYS) do redis.call('SET', key, ARGV[1], 'PX', ARGV[2]) end
return 1`;

const RELEASE = `
for i, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then redis.call('DEL', key) end
end
return 1`;

// KEYS[1] sorted set of accepted commands (score = time), KEYS[2] "told" flag.
// ARGV: now, window ms, limit, token. Returns {1} or {0, retry ms, first refusal 0/1}.
const TAKE = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], window)
  redis.call('DEL', KEYS[2])
  return {1}
end
local oldest = tonumber(redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2])
local wait = oldest + window - now
local first = redis.call('SET', KEYS[2], '1', 'NX', 'PX', math.max(wait, 1))
return {0, wait, first and 1 or 0}`;

export class RedisDeliveryLog implements DeliveryLog {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}
  async has(id: string) {
    return (await this.redis.exists(`${this.prefix}:delivery:${id}`)) === 1;
  }
  async add(id: string) {
    await this.redis.set(`${this.prefix}:delivery:${id}`, '1', 'EX', DELIVERY_TTL_S);
  }
}

export class RedisAnswerStore implements AnswerStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}
  async get(key: string) {
    return (await this.redis.get(`${this.prefix}:answer:${key}`)) ?? undefined;
  }
  async set(key: string, value: string, ttlMs: number) {
    await this.redis.set(`${this.prefix}:answer:${key}`, value, 'PX', Math.max(1, Math.round(ttlMs)));
  }
}

export class RedisIntakeGuard implements IntakeGuard {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}
  private keys(keys: readonly string[]) {
    return keys.map((k) => `${this.prefix}:intake:${k}`);
  }
  async claim(keys: readonly string[], holder: string, ttlMs: number) {
    if (keys.length === 0) return true;
    return (await this.redis.eval(CLAIM, keys.length, ...this.keys(keys), holder, String(Math.max(1, Math.round(ttlMs))))) === 1;
  }
  async release(keys: readonly string[], holder: string) {
    if (keys.length > 0) await this.redis.eval(RELEASE, keys.length, ...this.keys(keys), holder);
  }
}

export class RedisCommandAllowance implements CommandAllowance {
  private seq = 0;
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly now: Clock = systemClock,
  ) {}
  async take(key: string, limit: number, windowMs: number): Promise<AllowanceAnswer> {
    if (limit <= 0) return { ok: true, token: '' };
    const token = `${this.now()}-${crypto.randomUUID()}-${++this.seq}`;
    const answer = (await this.redis.eval(TAKE, 2, `${this.prefix}:allowance:${key}`, `${this.prefix}:allowance-told:${key}`, String(this.now()), String(windowMs), String(limit), token)) as number[];
    if (answer[0] === 1) return { ok: true, token };
    return { ok: false, retryInSeconds: Math.max(1, Math.ceil(Number(answer[1]) / 1000)), firstRefusal: answer[2] === 1 };
  }
  async release(key: string, token: string) {
    await this.redis.multi().zrem(`${this.prefix}:allowance:${key}`, token).del(`${this.prefix}:allowance-told:${key}`).exec();
  }
}

export class RedisTokenLedger implements TokenLedger {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly now: () => Date = () => new Date(systemClock()),
  ) {}
  private key(installation: string) {
    return `${this.prefix}:tokens:${this.now().toISOString().slice(0, 10)}:${installation}`;
  }
  async used(installation: string) {
    return Number((await this.redis.get(this.key(installation))) ?? 0);
  }
  async exhausted(installation: string, limit: number) {
    return limit > 0 && (await this.used(installation)) >= limit;
  }
  async add(installation: string, tokens: number) {
    const key = this.key(installation);
    // Two days: the UTC day is over by then wherever the processes run.
    await this.redis.multi().incrby(key, Math.max(0, Math.round(tokens))).expire(key, 2 * 24 * 3600).exec();
  }
}

/** Shared by every process on one Redis (REDIS_URL); keys under `prefix` (default `agency`). */
export function createRedisState(redis: Redis, prefix = 'agency', now: Clock = systemClock): SharedState {
  return {
    deliveries: new RedisDeliveryLog(redis, prefix),
    answers: new RedisAnswerStore(redis, prefix),
    intake: new RedisIntakeGuard(redis, prefix),
    allowance: new RedisCommandAllowance(redis, prefix, now),
    tokens: new RedisTokenLedger(redis, prefix, () => new Date(now())),
  };
}
