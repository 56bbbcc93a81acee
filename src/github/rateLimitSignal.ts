import type { RateLimitKind } from './RateLimitedError.js';

export interface RateLimitSignal {
  kind: Exclude<RateLimitKind, 'content'>;
  /** Epoch ms before which the request must not be retried. */
  retryAt: number;
}

type Headers = Record<string, string | number | undefined>;

/**
 * Reads a GitHub error response as a rate limit, or undefined (a 403 for permissions is not one). Pure.
 * GitHub's rules (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit,
 * and #handle-rate-limit-errors-appropriately in the best-practices page):
 * - `retry-after` present: not before that many seconds;
 * - `x-ratelimit-remaining: 0`: not before `x-ratelimit-reset` (epoch seconds); a primary limit unless the
 *   message says secondary;
 * - otherwise a secondary limit: at least one minute, growing exponentially on repeated failures.
 */
export function rateLimitSignal(status: number | undefined, headers: Headers, message: string, now: number, attempt = 0): RateLimitSignal | undefined {
  if (status !== 403 && status !== 429) return undefined;
  const retryAfter = headers['retry-after'] !== undefined ? Number(headers['retry-after']) : NaN;
  const exhausted = String(headers['x-ratelimit-remaining'] ?? '') === '0';
  const reset = Number(headers['x-ratelimit-reset']);
  const secondaryText = /secondary rate limit|abuse detection/i.test(message);
  if (exhausted && !secondaryText) {
    // One second past the reset: the window turns at that second.
    const at = Number.isFinite(reset) && reset > 0 ? reset * 1000 + 1000 : now + 60_000;
    return { kind: 'primary', retryAt: Math.max(at, Number.isFinite(retryAfter) ? now + retryAfter * 1000 : 0) };
  }
  if (!secondaryText && !Number.isFinite(retryAfter) && status === 403) return undefined;
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return { kind: 'secondary', retryAt: now + retryAfter * 1000 };
  if (exhausted && Number.isFinite(reset) && reset > 0) return { kind: 'secondary', retryAt: reset * 1000 + 1000 };
  return { kind: 'secondary', retryAt: now + 60_000 * 2 ** Math.min(attempt, 5) };
}
