import { describe, expect, it } from 'vitest';
import { GITHUB_WRITE_LIMITS, nextWriteAt } from '../../src/github/writeLimits.js';
import { rateLimitSignal } from '../../src/github/rateLimitSignal.js';

const L = GITHUB_WRITE_LIMITS;

describe('nextWriteAt', () => {
  it('spaces writes and never puts more than 80 in a minute or 500 in an hour', () => {
    const starts: number[] = [];
    for (let i = 0; i < 600; i++) starts.push(nextWriteAt(starts, 0, L));
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(L.spacingMs);
    for (const t of starts) {
      expect(starts.filter((s) => s >= t && s < t + 60_000).length).toBeLessThanOrEqual(80);
      expect(starts.filter((s) => s >= t && s < t + 3_600_000).length).toBeLessThanOrEqual(500);
    }
    // The 81st waits for the first to leave the minute (plus the margin); the 501st for the first to leave the hour.
    expect(starts[80]).toBe(60_000 + L.marginMs);
    expect(starts[500]).toBeGreaterThanOrEqual(3_600_000 + L.marginMs);
  });

  it('waits for a pause and for now', () => {
    expect(nextWriteAt([], 5_000, L)).toBe(5_000);
    expect(nextWriteAt([], 5_000, L, 9_000)).toBe(9_000);
    expect(nextWriteAt([4_900], 5_000, L)).toBe(4_900 + L.spacingMs);
  });
});

describe('rateLimitSignal', () => {
  const now = 1_000_000;
  it('reads retry-after as a secondary limit', () => {
    expect(rateLimitSignal(403, { 'retry-after': '30' }, 'You have exceeded a secondary rate limit', now)).toEqual({ kind: 'secondary', retryAt: now + 30_000 });
    expect(rateLimitSignal(429, { 'retry-after': '2' }, '', now)).toEqual({ kind: 'secondary', retryAt: now + 2_000 });
  });
  it('falls back to at least a minute, growing on repeated failures', () => {
    expect(rateLimitSignal(403, {}, 'secondary rate limit', now)).toEqual({ kind: 'secondary', retryAt: now + 60_000 });
    expect(rateLimitSignal(403, {}, 'secondary rate limit', now, 2)).toEqual({ kind: 'secondary', retryAt: now + 240_000 });
  });
  it('reads remaining 0 as the primary limit, until one second past the reset', () => {
    expect(rateLimitSignal(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '5000' }, 'API rate limit exceeded', now)).toEqual({ kind: 'primary', retryAt: 5_001_000 });
  });
  it('is not a rate limit for a permission 403 or other statuses', () => {
    expect(rateLimitSignal(403, { 'x-ratelimit-remaining': '4000' }, 'Resource not accessible by integration', now)).toBeUndefined();
    expect(rateLimitSignal(500, { 'retry-after': '1' }, '', now)).toBeUndefined();
  });
});
