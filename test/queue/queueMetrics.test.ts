import { register } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { InProcessQueue } from '../../src/queue/InProcessQueue.js';

const log = { warn: () => undefined, error: () => undefined };

async function value(name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = await register.getSingleMetric(name)!.get();
  const match = metric.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l) && !('le' in v.labels));
  return match?.value ?? 0;
}

describe('queue metrics on the default registry', () => {
  it('depth and oldest age while a job waits; outcomes once jobs end', async () => {
    const queue = new InProcessQueue(1, log, 100);
    const completedBefore = await value('agency_queue_job_runs_total', { outcome: 'completed' });
    const failedBefore = await value('agency_queue_job_runs_total', { outcome: 'failed' });
    let release!: () => void;
    const blocker = new Promise<void>((r) => (release = r));
    queue.add({ id: 'a', description: 'a', run: () => blocker });
    queue.add({ id: 'b', description: 'b', run: () => Promise.reject(new Error('boom')) });
    await new Promise((r) => setTimeout(r, 60));
    expect(await value('agency_queue_jobs', { state: 'active' })).toBeGreaterThanOrEqual(1);
    expect(await value('agency_queue_jobs', { state: 'waiting' })).toBeGreaterThanOrEqual(1);
    expect(await value('agency_queue_oldest_waiting_seconds')).toBeGreaterThanOrEqual(0.05);
    release();
    await new Promise((r) => setTimeout(r, 150));
    expect(await value('agency_queue_job_runs_total', { outcome: 'completed' })).toBe(completedBefore + 1);
    expect(await value('agency_queue_job_runs_total', { outcome: 'failed' })).toBe(failedBefore + 1);
    expect(await register.metrics()).toMatch(/agency_queue_job_run_seconds_bucket/);
    await queue.shutdown(100);
  });
});
