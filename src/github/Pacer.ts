/**
 * What the pacing plugin needs from a pacer: per installation (pacing key), a paced slot for each
 * write, and the rate-limit answers GitHub gave. Two implementations: WritePacer (one process, the
 * default) and RedisWritePacer (REDIS_URL: every process of the app shares one budget per installation).
 */
export interface Pacer {
  /** The pacer's clock (epoch ms); the plugin reads retry times with it too. */
  readonly now: () => number;
  /** Throws RateLimitedError while the installation's primary limit is spent: cheap to ask before costly work. */
  assertOpen(key: string): void | Promise<void>;
  /**
   * Waits until the request may be sent; a write takes a paced slot. Throws RateLimitedError when the
   * wait is too long. The returned `sent()` is called when GitHub has answered.
   */
  acquire(key: string, write: boolean): Promise<() => void | Promise<void>>;
  /** A secondary limit: nothing for this installation before `until`. */
  pause(key: string, until: number): void | Promise<void>;
  /** The primary limit is spent until `until` (from x-ratelimit-reset). */
  exhaust(key: string, until: number): void | Promise<void>;
}
