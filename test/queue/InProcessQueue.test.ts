import { describe, expect, it, vi } from 'vitest';
import { InProcessQueue } from '../../src/queue/InProcessQueue.js';
import type { Job } from '../../src/queue/JobQueue.js';

function recorder() {
  const lines: string[] = [];
  return { lines, log: { warn: (_f: Record<string, unknown>, m: string) => lines.push(`warn ${m}`), error: (_f: Record<string, unknown>, m: string) => lines.push(`error ${m}`) } };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const job = (id: string, run: Job['run'], key?: string): Job => ({ id, description: `job ${id}`, run, key });

describe('InProcessQueue', () => {
  it('runs at most `concurrency` jobs at once', async () => {
    const { log } = recorder();
    const queue = new InProcessQueue(2, log, 100);
    let running = 0;
    let peak = 0;
    const done: Promise<void>[] = [];
    // Every job holds its slot until released: the peak depends on the queue, not on timers.
    const release = deferred();
    const twoStarted = deferred();
    for (let i = 0; i < 6; i++) {
      const d = deferred();
      done.push(d.promise);
      queue.add(job(String(i), async () => {
        running++;
        peak = Math.max(peak, running);
        if (running === 2) twoStarted.resolve();
        await release.promise;
        running--;
        d.resolve();
      }));
    }
    await twoStarted.promise;
    // Give the queue every chance to (wrongly) start a third job before releasing.
    await new Promise((r) => setImmediate(r));
    expect(running).toBe(2);
    release.resolve();
    await Promise.all(done);
    expect(peak).toBe(2);
  });

  it('runs jobs with the same key one after another, in order, and others alongside', async () => {
    const { log } = recorder();
    const queue = new InProcessQueue(4, log, 100);
    const order: string[] = [];
    const gate = deferred();
    const all = ['a1', 'a2', 'b1'].map(() => deferred());
    queue.add(job('a1', async () => { order.push('a1 start'); await gate.promise; order.push('a1 end'); all[0]!.resolve(); }, 'issue-1'));
    queue.add(job('a2', async () => { order.push('a2 start'); all[1]!.resolve(); }, 'issue-1'));
    queue.add(job('b1', async () => { order.push('b1 start'); all[2]!.resolve(); }, 'issue-2'));
    await all[2]!.promise;
    expect(order).toEqual(['a1 start', 'b1 start']);
    gate.resolve();
    await Promise.all(all.map((d) => d.promise));
    expect(order).toEqual(['a1 start', 'b1 start', 'a1 end', 'a2 start']);
  });

  it('logs a failing job without stopping the next one of the same key', async () => {
    const { lines, log } = recorder();
    const queue = new InProcessQueue(1, log, 100);
    const second = deferred();
    queue.add(job('x', async () => { throw new Error('boom'); }, 'k'));
    queue.add(job('y', async () => second.resolve(), 'k'));
    await second.promise;
    expect(lines).toEqual(['error job failed: job x']);
  });

  it('at shutdown refuses new jobs, abandons waiting ones and those still running after the grace, logging each', async () => {
    const { lines, log } = recorder();
    const queue = new InProcessQueue(1, log, 100);
    const started = deferred();
    const stopped = deferred();
    queue.add(job('slow', async (signal) => {
      started.resolve();
      await new Promise<void>((r) => signal.addEventListener('abort', () => r()));
      stopped.resolve();
    }));
    queue.add(job('waiting', async () => {}));
    await started.promise;
    const abandoned = await queue.shutdown(20);
    expect(abandoned.map((j) => j.id).sort()).toEqual(['slow', 'waiting']);
    queue.add(job('late', async () => {}));
    expect(lines).toEqual(['warn abandoned at shutdown: job waiting', 'warn abandoned at shutdown: job slow', 'warn queue closed, job refused: job late']);
    // The abandoned running job was told to stop through its signal, and does.
    await stopped.promise;
    await vi.waitFor(() => expect(queue.size).toBe(0), { timeout: 1_000 });
  });
});
