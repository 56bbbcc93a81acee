import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '../../src/github/RateLimitedError.js';
import { InProcessQueue } from '../../src/queue/InProcessQueue.js';

function recorder() {
  const lines: string[] = [];
  return { lines, log: { warn: (_f: Record<string, unknown>, m: string) => lines.push(`warn ${m}`), error: (_f: Record<string, unknown>, m: string) => lines.push(`error ${m}`) } };
}

describe('InProcessQueue: a job delayed by a rate limit', () => {
  it('re-runs at retryAt without holding its slot meanwhile', async () => {
    const { lines, log } = recorder();
    const queue = new InProcessQueue(1, log, 100);
    const events: string[] = [];
    let attempts = 0;
    const t0 = Date.now();
    let rerunAt = 0;
    const finished = new Promise<void>((resolve) => {
      queue.add({
        id: 'limited',
        description: 'limited job',
        run: async () => {
          attempts++;
          events.push(`limited ${attempts}`);
          if (attempts === 1) throw new RateLimitedError(Date.now() + 300, 'primary', '1');
          rerunAt = Date.now() - t0;
          resolve();
        },
      });
    });
    // Concurrency 1: this job can only run if the limited job gave its slot back.
    queue.add({ id: 'other', description: 'other job', run: async () => void events.push('other') });
    expect(queue.size).toBe(2);
    await finished;
    expect(events).toEqual(['limited 1', 'other', 'limited 2']);
    expect(rerunAt).toBeGreaterThanOrEqual(290);
    expect(lines.filter((l) => l.startsWith('error'))).toEqual([]);
    expect(lines.some((l) => /rate limited, job delayed/.test(l))).toBe(true);
  });

  it('gives up after five delays and logs the failure', async () => {
    const { lines, log } = recorder();
    const queue = new InProcessQueue(1, log, 100);
    let attempts = 0;
    queue.add({ id: 'x', description: 'always limited', run: async () => {
      attempts++;
      throw new RateLimitedError(Date.now(), 'secondary', '1');
    } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(attempts).toBe(6);
    expect(queue.size).toBe(0);
    expect(lines.at(-1)).toMatch(/^error job failed: always limited/);
  });

  it('reports a delayed job as abandoned at shutdown', async () => {
    const { log } = recorder();
    const queue = new InProcessQueue(1, log, 100);
    queue.add({ id: 'later', description: 'later', run: async () => {
      throw new RateLimitedError(Date.now() + 60_000, 'primary', '1');
    } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(queue.size).toBe(1);
    const abandoned = await queue.shutdown(10);
    expect(abandoned.map((j) => j.id)).toEqual(['later']);
  });
});
