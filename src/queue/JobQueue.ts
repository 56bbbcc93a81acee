/**
 * A webhook delivery as a queue stores it: plain JSON, so a worker in another process can run it.
 * `id` is the delivery id (X-GitHub-Delivery): a redelivery is the same job.
 */
export interface QueuedEvent {
  id: string;
  name: string;
  payload: unknown;
  installationId?: number;
  /** What the delivery claimed at intake (IntakeGuard), released when its job ends for good. */
  intakeKeys: string[];
}

/** A unit of work taken off a webhook: a description for logs and the function to run. */
export interface Job {
  id: string;
  description: string;
  /** Jobs with the same key (one issue or PR) run one after another, so two never write the same comment at once. */
  key?: string;
  /** The delivery itself, for queues that hand jobs to other processes (RedisQueue); in-process queues call `run`. */
  event?: QueuedEvent;
  run: (signal: AbortSignal) => Promise<void>;
}

/** How a queue looks from outside: for /readyz and the metrics. */
export interface QueueHealth {
  ready: boolean;
  /** Why not ready, in a few words. */
  reason?: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  /** Age of the oldest waiting job in ms (0 when none). */
  oldestWaitingMs: number;
}

/**
 * Between intake and work, so a webhook is acknowledged at once: in process by default
 * (InProcessQueue), BullMQ on Redis with REDIS_URL (RedisQueue). `add` resolves once the job is stored
 * (for Redis: written), so the webhook is acknowledged only for a job that will not be lost.
 */
export interface JobQueue {
  add(job: Job): void | Promise<void>;
  /** Jobs waiting plus running (in this process, for a shared queue). */
  readonly size: number;
  /**
   * Stop taking jobs, wait up to `graceMs` for running ones, abandon the rest.
   * Returns the jobs that did not finish (waiting ones and those still running at the deadline).
   */
  shutdown(graceMs: number): Promise<Job[]>;
  health(): Promise<QueueHealth>;
}

/** What a queue's workers run for each stored event (the app's event processor fits). */
export type JobProcessor = (event: QueuedEvent, signal: AbortSignal, options?: { lastAttempt?: boolean }) => Promise<void>;
