/** Which GitHub limit stopped the work. */
export type RateLimitKind = 'primary' | 'secondary' | 'content';

/**
 * A job must wait for a GitHub rate limit before it can go on: thrown instead of holding a worker for
 * minutes. The queue re-runs the job at `retryAt` (the in-process queue re-enqueues it after the delay;
 * a Redis queue maps it to a delayed retry). Re-runs are safe: comments and reviews are found by their
 * marker before anything is posted again.
 */
export class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
  constructor(
    /** Epoch milliseconds: not before this. */
    readonly retryAt: number,
    readonly kind: RateLimitKind,
    /** The installation (pacing key) that is limited. */
    readonly installation: string,
    message = `GitHub ${kind} rate limit for installation ${installation}; retry at ${new Date(retryAt).toISOString()}`,
  ) {
    super(message);
  }
}

/** When `error` asks for the job to be delayed, the epoch ms to re-run it at; duck-typed so it survives bundling. */
export function retryAtOf(error: unknown): number | undefined {
  if (error instanceof RateLimitedError) return error.retryAt;
  if (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'RateLimitedError') {
    const at = Number((error as { retryAt?: unknown }).retryAt);
    return Number.isFinite(at) ? at : undefined;
  }
  return undefined;
}
