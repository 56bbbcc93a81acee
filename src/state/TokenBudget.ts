import { LRUCache } from 'lru-cache';
import { systemClock } from '../domain/Clock.js';
import type { Usage } from '../domain/Model.js';
import type { TokenLedger } from './SharedState.js';

/** Tokens counted against the budget: everything the API bills, cache reads included. */
export function billedTokens(usage: Usage): number {
  return usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
}

/**
 * Tokens spent per installation per UTC day, in memory (one process; a restart forgets, which errs on
 * the side of answering). Several processes share a Redis ledger instead (state/redisState.ts).
 */
export class TokenBudget implements TokenLedger {
  private day = '';
  /** Bounded: past 100 000 installations (or `max`) in one day the least recently charged one is forgotten. */
  private readonly spent: LRUCache<string, number>;

  constructor(
    private readonly now: () => Date = () => new Date(systemClock()),
    max = 100_000,
  ) {
    this.spent = new LRUCache<string, number>({ max });
  }

  private roll(): void {
    const day = this.now().toISOString().slice(0, 10);
    if (day !== this.day) {
      this.day = day;
      this.spent.clear();
    }
  }

  async used(installation: string): Promise<number> {
    this.roll();
    return this.spent.peek(installation) ?? 0;
  }

  async exhausted(installation: string, limit: number): Promise<boolean> {
    return limit > 0 && (await this.used(installation)) >= limit;
  }

  async add(installation: string, tokens: number): Promise<void> {
    this.roll();
    this.spent.set(installation, (this.spent.peek(installation) ?? 0) + Math.max(0, tokens));
  }
}
