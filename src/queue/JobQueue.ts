/** A unit of work taken off a webhook: a description for logs and the function to run. */
export interface Job {
  id: string;
  description: string;
  /** Jobs with the same key (one issue or PR) run one after another, so two never write the same comment at once. */
  key?: string;
  run: (signal: AbortSignal) => Promise<void>;
}

/**
 * Between intake and work, so a webhook is acknowledged at once. The in-process queue implements it;
 * a Redis-backed queue (e.g. bullmq) can implement the same interface when one process is not enough.
 */
export interface JobQueue {
  add(job: Job): void;
  /** Jobs waiting plus running. */
  readonly size: number;
  /**
   * Stop taking jobs, wait up to `graceMs` for running ones, abandon the rest.
   * Returns the jobs that did not finish (waiting ones and those still running at the deadline).
   */
  shutdown(graceMs: number): Promise<Job[]>;
}
