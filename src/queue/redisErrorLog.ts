import type { Redis } from 'ioredis';
import type { QueueLog } from './InProcessQueue.js';

export interface RedisErrorLog {
  /** Logs the error unless it is the one logged last. */
  report(error: Error): void;
  /** Reports the client's errors; once it is connected again, the next error is news again. */
  watch(redis: Redis): Redis;
}

const byLog = new WeakMap<QueueLog, RedisErrorLog>();

/**
 * Redis connection errors on `log`: one warning per distinct error, not one per reconnect attempt (ioredis
 * retries every second or two while Redis is away), shared by everything logging on the same `log` (the
 * queue's clients, its worker's and the shared state's).
 */
export function redisErrorLog(log: QueueLog): RedisErrorLog {
  const known = byLog.get(log);
  if (known) return known;
  let last = '';
  const errors: RedisErrorLog = {
    report(error) {
      if (error.message !== last) log.warn({ err: error.message }, 'redis connection error');
      last = error.message;
    },
    watch(redis) {
      redis.on('error', errors.report);
      redis.on('ready', () => (last = ''));
      return redis;
    },
  };
  byLog.set(log, errors);
  return errors;
}
