import { LRUCache } from 'lru-cache';
import { TokenBudget } from '../security/TokenBudget.js';
import type { AllowanceAnswer, AnswerStore, CommandAllowance, DeliveryLog, IntakeGuard, SharedState } from './SharedState.js';

const MAX_KEYS = 50_000;

/** Drops the oldest entry of a Map or Set past `max` (insertion order), so memory stays bounded. */
function bound(map: Map<string, unknown> | Set<string>, max = MAX_KEYS): void {
  if (map.size > max) map.delete(map.keys().next().value!);
}

export class MemoryDeliveryLog implements DeliveryLog {
  private readonly ids = new Set<string>();
  async has(id: string) {
    return this.ids.has(id);
  }
  async add(id: string) {
    this.ids.add(id);
    bound(this.ids, 10_000);
  }
}

export class MemoryIntakeGuard implements IntakeGuard {
  private readonly held = new Map<string, { holder: string; until: number }>();
  constructor(private readonly now: () => number = Date.now) {}

  async claim(keys: readonly string[], holder: string, ttlMs: number) {
    const at = this.now();
    const taken = keys.some((key) => {
      const h = this.held.get(key);
      return h !== undefined && h.until > at && h.holder !== holder;
    });
    if (taken) return false;
    for (const key of keys) {
      this.held.delete(key);
      this.held.set(key, { holder, until: at + ttlMs });
      bound(this.held);
    }
    return true;
  }

  async release(keys: readonly string[], holder: string) {
    for (const key of keys) if (this.held.get(key)?.holder === holder) this.held.delete(key);
  }
}

export class MemoryCommandAllowance implements CommandAllowance {
  private readonly taken = new Map<string, { at: number; token: string }[]>();
  /** Keys told about the limit since their last accepted command: a burst gets one note, not many. */
  private readonly told = new Set<string>();
  private seq = 0;
  constructor(private readonly now: () => number = Date.now) {}

  async take(key: string, limit: number, windowMs: number): Promise<AllowanceAnswer> {
    if (limit <= 0) return { ok: true, token: '' };
    const at = this.now();
    const recent = (this.taken.get(key) ?? []).filter((t) => at - t.at < windowMs);
    if (recent.length >= limit) {
      this.taken.set(key, recent);
      const firstRefusal = !this.told.has(key);
      this.told.add(key);
      bound(this.told);
      return { ok: false, retryInSeconds: Math.max(1, Math.ceil((recent[0]!.at + windowMs - at) / 1000)), firstRefusal };
    }
    const token = `${at}-${++this.seq}`;
    this.taken.delete(key);
    this.taken.set(key, [...recent, { at, token }]);
    bound(this.taken);
    this.told.delete(key);
    return { ok: true, token };
  }

  async release(key: string, token: string) {
    const list = this.taken.get(key);
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

/** One process: what the app and the Action used before Redis. */
export function createMemoryState(): SharedState {
  return { deliveries: new MemoryDeliveryLog(), answers: new MemoryAnswerStore(), intake: new MemoryIntakeGuard(), allowance: new MemoryCommandAllowance(), tokens: new TokenBudget() };
}
