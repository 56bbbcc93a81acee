/**
 * "Not now, at `retryAt`": the queue runs the job again then, without counting a failed attempt (a
 * busy issue; a rate limit with a reset time). Queues accept any error with a numeric `retryAt`
 * (epoch ms), so other modules' errors need not import this class.
 */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly retryAt: number,
  ) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

/** The epoch ms an error asks to be retried at, if it does. */
export function retryAtOf(error: unknown): number | undefined {
  const at = typeof error === 'object' && error !== null ? (error as { retryAt?: unknown }).retryAt : undefined;
  return typeof at === 'number' && Number.isFinite(at) ? at : undefined;
}
