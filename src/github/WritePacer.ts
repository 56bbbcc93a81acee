import type { Pacer } from './Pacer.js';
import { RateLimitedError } from './RateLimitedError.js';
import { GITHUB_WRITE_LIMITS, HOUR_MS, nextWriteAt, type WriteLimits } from './writeLimits.js';

interface InstallationState {
  /** Reserved write starts within the last hour, oldest first. */
  starts: number[];
  /** A secondary limit's retry-after: no request before this. */
  pausedUntil: number;
  /** The primary limit is spent until this (x-ratelimit-reset). */
  exhaustedUntil: number;
}

export interface WritePacerOptions {
  limits?: WriteLimits;
  /** A write that would wait longer than this throws RateLimitedError instead (default 2 min): the job is re-run later. */
  maxWaitMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Per-installation pacing of writes at GitHub's documented limits. Installations are independent: one
 * installation's burst never delays another's writes. Slots are reserved in call order (FIFO). One process:
 * with REDIS_URL, RedisWritePacer keeps the same budget for every process.
 */
export class WritePacer implements Pacer {
  private readonly installations = new Map<string, InstallationState>();
  readonly limits: WriteLimits;
  private readonly maxWaitMs: number;
  /** The pacer's clock (epoch ms); the plugin reads retry times with it too. */
  readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: WritePacerOptions = {}) {
    this.limits = options.limits ?? GITHUB_WRITE_LIMITS;
    this.maxWaitMs = options.maxWaitMs ?? 120_000;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
  }

  private state(key: string): InstallationState {
    let state = this.installations.get(key);
    if (!state) {
      state = { starts: [], pausedUntil: 0, exhaustedUntil: 0 };
      this.installations.set(key, state);
    }
    const horizon = this.now() - HOUR_MS - this.limits.marginMs;
    while (state.starts.length > 0 && state.starts[0]! < horizon) state.starts.shift();
    return state;
  }

  /** Throws RateLimitedError while the installation's primary limit is spent: cheap to ask before costly work. */
  assertOpen(key: string): void {
    const state = this.state(key);
    if (state.exhaustedUntil > this.now()) throw new RateLimitedError(state.exhaustedUntil, 'primary', key);
  }

  /**
   * Waits until the request may be sent; a write takes a paced slot. Throws RateLimitedError when the wait
   * is too long. Call the returned `sent()` when GitHub has answered: the slot is then counted from that
   * moment, so a request that left late (a busy event loop, a slow connection) still leaves the window
   * whole for the ones after it.
   */
  async acquire(key: string, write: boolean): Promise<() => void> {
    for (;;) {
      this.assertOpen(key);
      const state = this.state(key);
      const now = this.now();
      if (!write) {
        if (state.pausedUntil <= now) return () => undefined;
        if (state.pausedUntil - now > this.maxWaitMs) throw new RateLimitedError(state.pausedUntil, 'secondary', key);
        await this.sleep(state.pausedUntil - now);
        continue;
      }
      const at = nextWriteAt(state.starts, now, this.limits, state.pausedUntil);
      if (at - now > this.maxWaitMs) {
        throw new RateLimitedError(at, state.pausedUntil >= at ? 'secondary' : 'content', key);
      }
      state.starts.push(at);
      if (at > now) await this.sleep(at - now);
      // A secondary limit arrived while this write waited: give the slot back and wait for the pause.
      if (state.pausedUntil > this.now()) {
        const index = state.starts.lastIndexOf(at);
        if (index >= 0) state.starts.splice(index, 1);
        continue;
      }
      return () => this.answered(state, at);
    }
  }

  /** Moves a reserved start to now (never earlier), keeping the starts in order. */
  private answered(state: InstallationState, reservedAt: number): void {
    const index = state.starts.indexOf(reservedAt);
    const now = this.now();
    if (index < 0 || now <= reservedAt) return;
    state.starts.splice(index, 1);
    let at = state.starts.length;
    while (at > 0 && state.starts[at - 1]! > now) at--;
    state.starts.splice(at, 0, now);
  }

  /** A secondary limit: nothing for this installation before `until`. */
  pause(key: string, until: number): void {
    const state = this.state(key);
    state.pausedUntil = Math.max(state.pausedUntil, until);
  }

  /** The primary limit is spent until `until` (from x-ratelimit-reset). */
  exhaust(key: string, until: number): void {
    const state = this.state(key);
    state.exhaustedUntil = Math.max(state.exhaustedUntil, until);
  }

  /** Writes reserved for `key` within the last hour (for tests and metrics). */
  reserved(key: string): readonly number[] {
    return this.state(key).starts;
  }
}
