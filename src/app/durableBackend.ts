import { Redis } from 'ioredis';
import { RedisWritePacer } from '../github/RedisWritePacer.js';
import { JOB_CONCURRENCY } from './jobConcurrency.js';
import type { QueueLog } from '../queue/InProcessQueue.js';
import { RedisQueue, type RedisQueueOptions } from '../queue/RedisQueue.js';
import { createRedisState } from '../state/redisState.js';
import { redisErrorLog } from '../queue/redisErrorLog.js';
import type { SharedState } from '../state/SharedState.js';

export interface DurableBackend {
  queue: RedisQueue;
  state: SharedState;
  /** Write pacing shared by every process on this Redis: one budget per installation at GitHub's limits. */
  pacer: RedisWritePacer;
  /** After the queue was shut down: closes the state's connection. */
  close(): void;
}

/**
 * With REDIS_URL: the BullMQ queue, the shared state and the write pacer on one Redis, for `npm start` (web + worker)
 * and `npm run worker` alike. Without it: undefined (the in-process queue and memory state).
 */
export function durableBackend(env: Record<string, string | undefined>, log: QueueLog, options: Partial<RedisQueueOptions> = {}): DurableBackend | undefined {
  const url = env.REDIS_URL;
  if (!url) return undefined;
  // Its errors are logged with the queue's: one line per distinct error for all the connections.
  const redis = redisErrorLog(log).watch(new Redis(url, { maxRetriesPerRequest: 1 }));
  const queue = new RedisQueue({ url, concurrency: JOB_CONCURRENCY, log, ...options });
  return { queue, state: createRedisState(redis), pacer: new RedisWritePacer(redis), close: () => redis.disconnect() };
}
