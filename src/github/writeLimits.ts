/**
 * GitHub's documented limits on writes, per installation (the figures and sources are in README "Rate limits"):
 * - "No more than 80 content-generating requests per minute and no more than 500 content-generating
 *   requests per hour" — https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits
 * - "wait at least one second between each request" for many mutative requests (advice) —
 *   https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#avoid-concurrent-requests
 */
export interface WriteLimits {
  /** Writes in any 60 s window. */
  perMinute: number;
  /** Writes in any hour. */
  perHour: number;
  /** Least time between two writes' starts. */
  spacingMs: number;
  /** Added to both windows: the server sees a request later or earlier than the client sent it. */
  marginMs: number;
}

/**
 * 80 a minute spread evenly is one write every 750 ms: the documented rate, never a burst. That is closer
 * than the 1 s advice; `spacingMs: 1000` follows the advice at the price of 80 → 60 writes a minute.
 */
export const GITHUB_WRITE_LIMITS: WriteLimits = { perMinute: 80, perHour: 500, spacingMs: 750, marginMs: 2000 };

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

/**
 * When the next write may start (epoch ms), given the starts already reserved, oldest first. Pure: the
 * per-minute and per-hour windows, the spacing, and a pause (a secondary limit's retry-after).
 */
export function nextWriteAt(starts: readonly number[], now: number, limits: WriteLimits, pausedUntil = 0): number {
  let at = Math.max(now, pausedUntil);
  const last = starts.at(-1);
  if (last !== undefined) at = Math.max(at, last + limits.spacingMs);
  if (starts.length >= limits.perMinute) at = Math.max(at, starts[starts.length - limits.perMinute]! + MINUTE_MS + limits.marginMs);
  if (starts.length >= limits.perHour) at = Math.max(at, starts[starts.length - limits.perHour]! + HOUR_MS + limits.marginMs);
  return at;
}
