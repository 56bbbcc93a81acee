import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUE_NAME } from '../queue/RedisQueue.js';

/**
 * Dead letters: jobs that failed every attempt stay in BullMQ's failed set (two weeks).
 *   node lib/app/deadLetters.js list             one line each: id, event, attempts, when, why
 *   node lib/app/deadLetters.js replay <id>      runs that job again (same delivery id)
 *   node lib/app/deadLetters.js replay --all     runs every dead letter again
 * Exit code 0 on success, 1 on a usage error, an unknown id or a Redis it cannot reach.
 */
export async function deadLetters(args: string[], env: Record<string, string | undefined>, out: (line: string) => void): Promise<number> {
  const [command, target] = args;
  if (!env.REDIS_URL) {
    out('REDIS_URL must be set: dead letters live in the Redis queue.');
    return 1;
  }
  if (command !== 'list' && command !== 'replay') {
    out('usage: deadLetters list | replay <id> | replay --all');
    return 1;
  }
  // One attempt to connect, its failure one line: a one-shot command has no outage to wait out, and
  // BullMQ would wait for the connection forever while ioredis printed every reconnect's error.
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true, retryStrategy: () => null });
  let lastError = '';
  redis.on('error', (error: Error) => (lastError = error.message));
  try {
    await redis.connect();
  } catch (error) {
    out(`cannot reach Redis at REDIS_URL: ${lastError || (error as Error).message}`);
    redis.disconnect();
    return 1;
  }
  const queue = new Queue(QUEUE_NAME, { connection: redis, prefix: 'agency' });
  try {
    const failed = await queue.getFailed(0, 999);
    if (command === 'list') {
      for (const job of failed) {
        const when = job.finishedOn ? new Date(job.finishedOn).toISOString() : '-';
        out(`${job.id}\t${job.name}\tattempts=${job.attemptsMade}\t${when}\t${(job.failedReason ?? '').split('\n')[0]!.slice(0, 200)}`);
      }
      out(`${failed.length} dead letter(s)`);
      return 0;
    }
    const chosen = target === '--all' ? failed : failed.filter((job) => job.id === target);
    if (!target || (target !== '--all' && chosen.length === 0)) {
      out(target ? `no dead letter with id ${target}` : 'usage: deadLetters replay <id> | replay --all');
      return 1;
    }
    for (const job of chosen) {
      await job.retry('failed');
      out(`replayed ${job.id} (${job.name})`);
    }
    return 0;
  } finally {
    await queue.close();
    // BullMQ leaves a connection it was handed open (it may be shared): closed here, by its owner.
    redis.disconnect();
  }
}

// Run as a script (node lib/app/deadLetters.js ...), not when imported by tests.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (existsSync('.env')) process.loadEnvFile('.env');
  deadLetters(process.argv.slice(2), process.env, (line) => console.log(line)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`deadLetters: ${(error as Error)?.message ?? String(error)}`);
      process.exit(1);
    },
  );
}
