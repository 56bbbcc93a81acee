import { describe, expect, it } from 'vitest';
import { GITHUB_WRITE_LIMITS, nextWriteAt } from '../../src/github/writeLimits.js';
import { rateLimitSignal } from '../../src/github/rateLimitSignal.js';
import { WritePacer } from '../../src/github/WritePacer.js';

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

describe('WritePacer', () => {
  it('counts a write from when GitHub answered it, so a late request still leaves the next window whole', async () => {
    const clock = { now: 1_000_000 };
    const pacer = new WritePacer({ limits: { perMinute: 2, perHour: 100, spacingMs: 0, marginMs: 0 }, now: () => clock.now, sleep: async (ms) => void (clock.now += ms) });
    const first = await pacer.acquire('1', true);
    clock.now += 5_000; // the first request left (or was answered) 5 s after its slot
    first();
    (await pacer.acquire('1', true))();
    await pacer.acquire('1', true);
    // The third waits a minute from the first's answer, not from its reserved slot.
    expect(clock.now).toBe(1_000_000 + 5_000 + 60_000);
  });

  it('throws RateLimitedError instead of waiting longer than maxWaitMs, and while the primary limit is spent', async () => {
    const pacer = new WritePacer({ limits: { perMinute: 1, perHour: 100, spacingMs: 0, marginMs: 0 }, maxWaitMs: 1_000, now: () => 0, sleep: async () => undefined });
    await pacer.acquire('1', true);
    await expect(pacer.acquire('1', true)).rejects.toMatchObject({ name: 'RateLimitedError', kind: 'content', retryAt: 60_000 });
    // Another installation is not affected.
    await expect(pacer.acquire('2', true)).resolves.toBeTypeOf('function');
    pacer.exhaust('2', 5_000);
    expect(() => pacer.assertOpen('2')).toThrow(/primary rate limit/);
  });
});
