import type { Usage } from '../domain/Model.js';

/** Tokens counted against the budget: everything the API bills, cache reads included. */
export function billedTokens(usage: Usage): number {
  return usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
}

/**
 * Tokens spent per installation per UTC day, in memory (one process; a restart forgets, which errs on
 * the side of answering). Created once per app and shared by every event.
 */
export class TokenBudget {
  private day = '';
  private readonly spent = new Map<string, number>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  private roll(): void {
    const day = this.now().toISOString().slice(0, 10);
    if (day !== this.day) {
      this.day = day;
      this.spent.clear();
    }
  }

  used(installation: string): number {
    this.roll();
    return this.spent.get(installation) ?? 0;
  }

  /** True when `limit` (0 = unlimited) is reached for this installation today. */
  exhausted(installation: string, limit: number): boolean {
    return limit > 0 && this.used(installation) >= limit;
  }

  add(installation: string, tokens: number): void {
    this.roll();
    this.spent.set(installation, (this.spent.get(installation) ?? 0) + Math.max(0, tokens));
    if (this.spent.size > 100_000) this.spent.delete(this.spent.keys().next().value!);
  }
}
