import { DelayedError, Queue, Worker, type Job as BullJob } from 'bullmq';
import { withTimeout } from '../domain/withTimeout.js';
import { Redis } from 'ioredis';
import { systemClock, type Clock } from '../domain/Clock.js';
import type { JobProcessor } from './JobQueue.js';
import type { QueueLog } from './InProcessQueue.js';
import type { Job, JobQueue, QueueHealth, QueuedEvent } from './JobQueue.js';
import { queueMetrics } from './queueMetrics.js';
import { retryAtOf } from './RetryLaterError.js';
import { redisErrorLog, type RedisErrorLog } from './redisErrorLog.js';

export interface RedisQueueOptions {
  /** REDIS_URL, e.g. redis://localhost:6379 */
  url: string;
  /** Jobs this process runs at once (its workers). */
  concurrency: number;
  log: QueueLog;
  /** Key prefix in Redis (default `agency`): several apps can share one Redis. */
  prefix?: string;
  /** Attempts before a job becomes a dead letter (default 5), with exponential backoff from `backoffMs` (default 10 s). */
  attempts?: number;
  backoffMs?: number;
  /** A worker that stops renewing its lock (killed) loses its job after this long; another worker runs it (default 30 s). */
  lockDurationMs?: number;
  /** How often workers look for such stalled jobs (default 15 s). */
  stalledIntervalMs?: number;
  /** /readyz fails when the oldest waiting job is older than this (default 10 min). */
  maxWaitingAgeMs?: number;
  /** Job durations, retry times and waiting ages are read from this clock (default: the wall clock). */
  now?: Clock;
}

export const QUEUE_NAME = 'events';
/** Longest wait for Redis in the webhook path: past it the webhook gets an error (GitHub marks the delivery failed; reconciliation redelivers it). */
const REDIS_TIMEOUT_MS = 5_000;

function redisTimeout<T>(promise: Promise<T>, what: string, ms = REDIS_TIMEOUT_MS): Promise<T> {
  return withTimeout(promise, ms, `redis did not answer ${what} within ${ms} ms`);
}

/** An ioredis client whose errors are logged by the queue rather than thrown as unhandled events. */
const MAX_PRIORITY = 2_097_151;

/** BullMQ job ids may not contain ':' (it separates Redis keys). Delivery ids are UUIDs; anything else is made safe. */
export function jobIdFor(deliveryId: string): string {
  return deliveryId.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 200) || 'delivery';
}

/**
 * The durable queue (REDIS_URL): BullMQ on Redis. A job is a webhook delivery, keyed by its delivery id,
 * so a redelivery is the same job. Failures retry with exponential backoff; after the last attempt
 * the job stays in BullMQ's failed set: the dead letters (`node lib/app/deadLetters.js`). A killed
 * worker's job is picked up again by another worker once its lock expires (BullMQ's stalled-job check).
 *
 * Fairness between installations: BullMQ's groups are a Pro feature, so each job's priority is its
 * position in its own installation's backlog (a Redis counter per installation). The n-th job of every
 * installation runs before the (n+1)-th of any: a burst of 100 from one installation does not delay
 * another installation's first job behind it. One queue and one worker pool, which per-installation
 * queues (a worker per queue per process) would not give.
 */
export class RedisQueue implements JobQueue {
  readonly queue: Queue;
  private readonly redis: Redis;
  private worker: Worker | undefined;
  private readonly prefix: string;
  private closed = false;
  private active = 0;
  private readonly running = new Map<string, { job: Job; abort: AbortController }>();
  private readonly errors: RedisErrorLog;

  constructor(private readonly options: RedisQueueOptions) {
    this.prefix = options.prefix ?? 'agency';
    // Commands fail fast while Redis is away (the webhook gets 500 and GitHub marks the delivery failed).
    const errors = redisErrorLog(options.log);
    this.errors = errors;
    this.redis = errors.watch(new Redis(options.url, { maxRetriesPerRequest: 1 }));
    this.queue = new Queue(QUEUE_NAME, {
      connection: errors.watch(new Redis(options.url, { maxRetriesPerRequest: 1 })),
      prefix: this.prefix,
      defaultJobOptions: {
        attempts: options.attempts ?? 5,
        backoff: { type: 'exponential', delay: options.backoffMs ?? 10_000 },
        // Completed jobs stay a day: a redelivery within it is the same job, not a second run.
        removeOnComplete: { age: 24 * 3600, count: 10_000 },
        // Failed jobs are the dead letters: kept two weeks for an operator to list and replay.
        removeOnFail: { age: 14 * 24 * 3600 },
      },
    });
    this.queue.on('error', errors.report);
    queueMetrics.watch(this);
  }

  /** Jobs running in this process. */
  get size(): number {
    return this.active;
  }

  private backlogKey(installation: number | undefined): string {
    return `${this.prefix}:backlog:${installation ?? 0}`;
  }

  async add(job: Job): Promise<void> {
    if (this.closed) throw new Error('queue closed');
    const event = job.event;
    if (!event) throw new Error(`job ${job.id} has no event to store`);
    await redisTimeout(this.store(job.description, event), 'the enqueue');
  }

  private async store(description: string, event: QueuedEvent): Promise<void> {
    // Fails after one reconnect attempt when Redis is away, instead of waiting for it (BullMQ's own client would wait).
    await this.redis.ping();
    const jobId = jobIdFor(event.id);
    const existing = await this.queue.getJob(jobId);
    if (existing) {
      // A redelivery: the same job. One that became a dead letter runs again (GitHub or an operator redelivered it).
      if ((await existing.getState()) === 'failed') await existing.retry('failed');
      return;
    }
    const key = this.backlogKey(event.installationId);
    const [[, backlog]] = (await this.redis.multi().incr(key).pexpire(key, 3_600_000).exec()) as unknown as [[unknown, number]];
    await this.queue.add(description, event, { jobId, priority: Math.min(Math.max(1, backlog), MAX_PRIORITY) });
  }

  /** Starts this process's workers (`npm start` and `npm run worker`). */
  work(processor: JobProcessor): void {
    if (this.worker) return;
    const attempts = this.options.attempts ?? 5;
    this.worker = new Worker<QueuedEvent>(
      QUEUE_NAME,
      async (bull: BullJob<QueuedEvent>, token?: string) => {
        const event = bull.data;
        const abort = new AbortController();
        this.active++;
        this.running.set(bull.id!, { job: { id: event.id, description: bull.name, event, run: async () => undefined }, abort });
        const now = this.options.now ?? systemClock;
        const started = now();
        try {
          await processor(event, abort.signal, { lastAttempt: bull.attemptsMade + 1 >= attempts });
          queueMetrics.outcome('completed', now() - started);
          await this.redis.decr(this.backlogKey(event.installationId)).catch(() => undefined);
        } catch (error) {
          const retryAt = retryAtOf(error);
          if (retryAt !== undefined && token) {
            // "Not now": back to the delayed set until `retryAt`, without counting an attempt.
            await bull.moveToDelayed(Math.max(retryAt, now() + 50), token);
            queueMetrics.outcome('delayed', now() - started);
            throw new DelayedError();
          }
          const final = bull.attemptsMade + 1 >= attempts;
          queueMetrics.outcome(final ? 'dead' : 'retried', now() - started);
          if (final) {
            await this.redis.decr(this.backlogKey(event.installationId)).catch(() => undefined);
            this.options.log.error({ job: bull.id, err: (error as Error)?.message }, `dead letter after ${attempts} attempts: ${bull.name}`);
          } else this.options.log.warn({ job: bull.id, err: (error as Error)?.message }, `job failed, will retry: ${bull.name}`);
          throw error;
        } finally {
          this.active--;
          this.running.delete(bull.id!);
        }
      },
      {
        connection: this.errors.watch(new Redis(this.options.url, { maxRetriesPerRequest: null })),
        prefix: this.prefix,
        concurrency: this.options.concurrency,
        lockDuration: this.options.lockDurationMs ?? 30_000,
        stalledInterval: this.options.stalledIntervalMs ?? 15_000,
        // A job whose worker died twice is a dead letter rather than a loop.
        maxStalledCount: 2,
      },
    );
    this.worker.on('error', this.errors.report);
  }

  async health(): Promise<QueueHealth> {
    return redisTimeout(this.readHealth(), 'the health check').catch((error: unknown) => ({
      ready: false,
      reason: `redis unreachable: ${(error as Error).message}`,
      waiting: 0,
      active: 0,
      delayed: 0,
      failed: 0,
      oldestWaitingMs: 0,
    }));
  }

  private async readHealth(): Promise<QueueHealth> {
    {
      await this.redis.ping();
      const counts = await this.queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
      const [oldest] = [...(await this.queue.getPrioritized(-1, -1)), ...(await this.queue.getWaiting(-1, -1))].sort((a, b) => a.timestamp - b.timestamp);
      const oldestWaitingMs = oldest ? Math.max(0, (this.options.now ?? systemClock)() - oldest.timestamp) : 0;
      const bound = this.options.maxWaitingAgeMs ?? 600_000;
      const stuck = oldestWaitingMs > bound;
      return {
        ready: !this.closed && !stuck,
        ...(this.closed ? { reason: 'shutting down' } : stuck ? { reason: `oldest waiting job is ${Math.round(oldestWaitingMs / 1000)} s old` } : {}),
        waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        failed: counts.failed ?? 0,
        oldestWaitingMs,
      };
    }
  }

  /** SIGTERM: take no new jobs, let running ones finish within `graceMs`; the rest go back to Redis (another worker runs them). */
  async shutdown(graceMs: number): Promise<Job[]> {
    this.closed = true;
    const abandoned: Job[] = [];
    if (this.worker) {
      const worker = this.worker;
      let timer: NodeJS.Timeout | undefined;
      const drained = await Promise.race([
        worker.close().then(() => true),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), graceMs);
        }),
      ]);
      clearTimeout(timer);
      if (!drained) {
        for (const { job, abort } of this.running.values()) {
          abandoned.push(job);
          abort.abort();
          this.options.log.warn({ job: job.id }, `still running at shutdown, left to another worker: ${job.description}`);
        }
        // Redis may be gone too: never wait on it for longer than the timeout.
        await redisTimeout(worker.close(true), 'the worker close', 2_000).catch(() => void worker.disconnect().catch(() => undefined));
      }
    }
    queueMetrics.unwatch(this);
    await redisTimeout(this.queue.close(), 'the close', 2_000).catch(() => void this.queue.disconnect().catch(() => undefined));
    this.redis.disconnect();
    return abandoned;
  }
}
