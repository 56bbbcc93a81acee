import { Counter, Gauge, Histogram, register } from 'prom-client';
import type { QueueHealth } from './JobQueue.js';

interface Watched {
  health(): Promise<QueueHealth>;
}

export type JobOutcomeLabel = 'completed' | 'failed' | 'retried' | 'dead' | 'delayed';

/** Reuses a metric already on the default registry (tests start many servers in one process). */
function metric<T>(name: string, make: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? make();
}

/**
 * Queue metrics on prom-client's default registry (served at /metrics): depth by state and the oldest
 * waiting job's age, read from the queues being watched at scrape time; job outcomes and durations as
 * they happen.
 */
class QueueMetrics {
  private readonly watched = new Set<Watched>();
  private readonly jobs: Counter<'outcome'>;
  private readonly durations: Histogram<'outcome'>;

  constructor() {
    const watched = this.watched;
    const read = async () => Promise.all([...watched].map((q) => q.health()));
    metric(
      'agency_queue_jobs',
      () =>
        new Gauge({
          name: 'agency_queue_jobs',
          help: 'Jobs in the queue by state (waiting, active, delayed, failed = dead letters).',
          labelNames: ['state'],
          async collect() {
            const all = await read();
            for (const state of ['waiting', 'active', 'delayed', 'failed'] as const) this.set({ state }, all.reduce((n, h) => n + h[state], 0));
          },
        }),
    );
    metric(
      'agency_queue_oldest_waiting_seconds',
      () =>
        new Gauge({
          name: 'agency_queue_oldest_waiting_seconds',
          help: 'Age of the oldest job waiting to start.',
          async collect() {
            const all = await read();
            this.set(Math.max(0, ...all.map((h) => h.oldestWaitingMs)) / 1000);
          },
        }),
    );
    this.jobs = metric('agency_queue_job_runs_total', () => new Counter({ name: 'agency_queue_job_runs_total', help: 'Jobs ended, by outcome (completed, failed, retried, dead, delayed).', labelNames: ['outcome'] }));
    this.durations = metric(
      'agency_queue_job_run_seconds',
      () =>
        new Histogram({
          name: 'agency_queue_job_run_seconds',
          help: 'How long a job ran, by outcome.',
          labelNames: ['outcome'],
          buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300],
        }),
    );
  }

  watch(queue: Watched): void {
    this.watched.add(queue);
  }

  unwatch(queue: Watched): void {
    this.watched.delete(queue);
  }

  outcome(outcome: JobOutcomeLabel, ms: number): void {
    this.jobs.inc({ outcome });
    this.durations.observe({ outcome }, ms / 1000);
  }
}

export const queueMetrics = new QueueMetrics();
