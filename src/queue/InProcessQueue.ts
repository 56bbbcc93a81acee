import PQueue from 'p-queue';
import { systemClock, type Clock } from '../domain/Clock.js';
import type { Job, JobQueue, QueueHealth } from './JobQueue.js';
import { queueMetrics } from './queueMetrics.js';
import { retryAtOf } from './RetryLaterError.js';

/** A job delayed by a rate limit is re-run at most this many times. */
const MAX_DELAYS = 5;

export interface QueueLog {
  error(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

/** Bounded concurrency in one process (p-queue). A failing job is logged, never thrown to the caller. */
export class InProcessQueue implements JobQueue {
  private readonly queue: PQueue;
  private readonly waiting = new Map<string, Job>();
  private readonly running = new Map<string, Job>();
  /** When each waiting job was added, for the oldest-waiting age. */
  private readonly enqueuedAt = new Map<string, number>();
  private readonly controller = new AbortController();
  /** Tail of the chain of jobs per key. */
  private readonly chains = new Map<string, Promise<void>>();
  private closed = false;
  /** Jobs waiting out a rate limit (RateLimitedError): not holding a slot, re-added at their time. */
  private readonly delayed = new Map<string, { job: Job; timer: NodeJS.Timeout }>();
  private readonly delays = new Map<string, number>();

  constructor(
    concurrency: number,
    private readonly log: QueueLog,
    /** Most job starts per 100 ms (default 4): a burst of webhooks starts its jobs gradually, so intake stays responsive. */
    startsPer100ms = 4,
    /** Enqueue times, job durations and rate-limit waits are read from this clock. */
    private readonly now: Clock = systemClock,
  ) {
    this.queue = new PQueue({ concurrency, interval: 100, intervalCap: startsPer100ms });
    queueMetrics.watch(this);
  }

  get size(): number {
    return this.waiting.size + this.running.size + this.delayed.size;
  }

  async health(): Promise<QueueHealth> {
    const oldest = Math.min(...[...this.waiting.keys()].map((id) => this.enqueuedAt.get(id) ?? this.now()), this.now());
    return {
      ready: !this.closed,
      ...(this.closed ? { reason: 'shutting down' } : {}),
      waiting: this.waiting.size,
      active: this.running.size,
      delayed: this.delayed.size,
      failed: 0,
      oldestWaitingMs: this.now() - oldest,
    };
  }

  add(job: Job): void {
    if (this.closed) {
      this.log.warn({ job: job.id }, `queue closed, job refused: ${job.description}`);
      return;
    }
    this.waiting.set(job.id, job);
    this.enqueuedAt.set(job.id, this.now());
    const previous = job.key ? this.chains.get(job.key) : undefined;
    const task = async () => {
      this.enqueuedAt.delete(job.id);
      if (!this.waiting.delete(job.id) || this.closed) return;
      this.running.set(job.id, job);
      const started = this.now();
      try {
        await job.run(this.controller.signal);
        queueMetrics.outcome('completed', this.now() - started);
      } catch (error) {
        const retryAt = retryAtOf(error);
        if (retryAt !== undefined && this.delay(job, retryAt)) {
          // "Not now": the same job again at `retryAt` (a rate limit's reset), not a failure.
          queueMetrics.outcome('delayed', this.now() - started);
          return;
        }
        queueMetrics.outcome('failed', this.now() - started);
        this.log.error({ job: job.id, err: (error as Error)?.message }, `job failed: ${job.description}`);
      } finally {
        this.running.delete(job.id);
        if (!this.delayed.has(job.id)) this.delays.delete(job.id);
      }
    };
    // A job waits for the previous job of the same issue or PR before it takes a concurrency slot.
    const done = previous ? previous.then(() => this.queue.add(task)) : this.queue.add(task);
    if (job.key) {
      const key = job.key;
      const tail = done.then(
        () => undefined,
        () => undefined,
      );
      this.chains.set(key, tail);
      void tail.then(() => {
        if (this.chains.get(key) === tail) this.chains.delete(key);
      });
    }
  }

  /** Re-adds `job` at `retryAt` instead of holding its slot; false once it was delayed MAX_DELAYS times. */
  private delay(job: Job, retryAt: number): boolean {
    const count = (this.delays.get(job.id) ?? 0) + 1;
    if (count > MAX_DELAYS || this.closed) return false;
    this.delays.set(job.id, count);
    const waitMs = Math.max(0, retryAt - this.now());
    this.log.warn({ job: job.id, retryAt: new Date(retryAt).toISOString(), delay: count }, `rate limited, job delayed ${Math.ceil(waitMs / 1000)} s: ${job.description}`);
    const timer = setTimeout(() => {
      this.delayed.delete(job.id);
      this.add(job);
    }, waitMs);
    this.delayed.set(job.id, { job, timer });
    return true;
  }

  async shutdown(graceMs: number): Promise<Job[]> {
    this.closed = true;
    queueMetrics.unwatch(this);
    for (const { timer } of this.delayed.values()) clearTimeout(timer);
    const abandoned = [...this.delayed.values()].map((entry) => entry.job);
    this.delayed.clear();
    abandoned.push(...this.waiting.values());
    this.waiting.clear();
    this.enqueuedAt.clear();
    this.queue.clear();
    if (this.running.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        this.queue.onIdle(),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, graceMs);
        }),
      ]);
      clearTimeout(timer);
    }
    abandoned.push(...this.running.values());
    if (this.running.size > 0) this.controller.abort();
    for (const job of abandoned) this.log.warn({ job: job.id }, `abandoned at shutdown: ${job.description}`);
    return abandoned;
  }
}
