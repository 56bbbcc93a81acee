import { LRUCache } from 'lru-cache';
import { systemClock, type Clock } from '../domain/Clock.js';
import { TokenBudget } from './TokenBudget.js';
import type { AllowanceAnswer, AnswerStore, CommandAllowance, DeliveryLog, IntakeGuard, SharedState } from './SharedState.js';

const MAX_KEYS = 50_000;

/**
 * A bounded map: past `max` the least recently written entry goes, so memory stays bounded. Reads use
 * `peek`/`has`, which do not refresh an entry: only writes do, as with the insertion-ordered Map before.
 */
function bounded<V extends object | true>(max = MAX_KEYS): LRUCache<string, V> {
  return new LRUCache<string, V>({ max });
}

export class MemoryDeliveryLog implements DeliveryLog {
  private readonly ids = bounded<true>(10_000);
  async has(id: string) {
    return this.ids.has(id);
  }
  async add(id: string) {
    this.ids.set(id, true);
  }
}

export class MemoryIntakeGuard implements IntakeGuard {
  private readonly held: LRUCache<string, { holder: string; until: number }>;
  constructor(
    private readonly now: Clock = systemClock,
    maxKeys = MAX_KEYS,
  ) {
    this.held = bounded(maxKeys);
  }

  async claim(keys: readonly string[], holder: string, ttlMs: number) {
    const at = this.now();
    const taken = keys.some((key) => {
      const h = this.held.peek(key);
      return h !== undefined && h.until > at && h.holder !== holder;
    });
    if (taken) return false;
    for (const key of keys) {
      this.held.set(key, { holder, until: at + ttlMs });
    }
    return true;
  }

  async release(keys: readonly string[], holder: string) {
    for (const key of keys) if (this.held.peek(key)?.holder === holder) this.held.delete(key);
  }
}

export class MemoryCommandAllowance implements CommandAllowance {
  private readonly taken: LRUCache<string, { at: number; token: string }[]>;
  /** Keys told about the limit since their last accepted command: a burst gets one note, not many. */
  private readonly told: LRUCache<string, true>;
  private seq = 0;
  constructor(
    private readonly now: Clock = systemClock,
    maxKeys = MAX_KEYS,
  ) {
    this.taken = bounded(maxKeys);
    this.told = bounded(maxKeys);
  }

  async take(key: string, limit: number, windowMs: number): Promise<AllowanceAnswer> {
    if (limit <= 0) return { ok: true, token: '' };
    const at = this.now();
    const recent = (this.taken.peek(key) ?? []).filter((t) => at - t.at < windowMs);
    if (recent.length >= limit) {
      this.taken.set(key, recent);
      const firstRefusal = !this.told.has(key);
      this.told.set(key, true);
      return { ok: false, retryInSeconds: Math.max(1, Math.ceil((recent[0]!.at + windowMs - at) / 1000)), firstRefusal };
    }
    const token = `${at}-${++this.seq}`;
    this.taken.set(key, [...recent, { at, token }]);
    this.told.delete(key);
    return { ok: true, token };
  }

  async release(key: string, token: string) {
    const list = this.taken.peek(key);
    if (list) this.taken.set(key, list.filter((t) => t.token !== token));
    this.told.delete(key);
  }
}

export class MemoryAnswerStore implements AnswerStore {
  // Bounded in count and by each entry's TTL: a plan's answer is a few kB.
  private readonly answers = new LRUCache<string, string>({ max: 2_000 });
  async get(key: string) {
    return this.answers.get(key);
  }
  async set(key: string, value: string, ttlMs: number) {
    this.answers.set(key, value, { ttl: ttlMs });
  }
}

/**
 * One process: what the app and the Action used before Redis. `maxKeys` bounds the per-key maps; the
 * cache allocates its slots up front (≈0.1 s for the defaults), so a process that handles one event
 * (the CLI, the Action) asks for a few: ONE_EVENT_KEYS.
 */
export const ONE_EVENT_KEYS = 64;

export function createMemoryState(now: Clock = systemClock, maxKeys?: number): SharedState {
  return {
    deliveries: new MemoryDeliveryLog(),
    answers: new MemoryAnswerStore(),
    intake: new MemoryIntakeGuard(now, maxKeys),
    allowance: new MemoryCommandAllowance(now, maxKeys),
    tokens: new TokenBudget(() => new Date(now()), maxKeys),
  };
}
