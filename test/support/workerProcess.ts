/**
 * A worker process for tests and the benchmark: what `npm run worker` runs (createEventProcessor on a
 * RedisQueue, the app's paced Octokit with the Redis pacer), pointed at the loopback fakes. Run as a child process:
 *   node workerProcess.js <redisUrl> <fakeGitHubUrl> <fakeClaudeUrl> [lockDurationMs]
 * Tells its parent (IPC) `{ type: 'ready' }`, `{ type: 'start', id }` and `{ type: 'outcome', id, status, peakRss }` per job; SIGTERM drains.
 */
import { loadBuiltinAgents } from '../../src/agents/builtinAgents.js';
import { appOctokit } from '../../src/app/appOctokit.js';
import { createEventProcessor } from '../../src/app/eventProcessor.js';
import { shutdownOnSignal } from '../../src/app/shutdownOnSignal.js';
import { durableBackend } from '../../src/app/durableBackend.js';
import { createSecurityDeps } from '../../src/security/SecurityDeps.js';
import { createTestProbot } from './fakeGitHubProbot.js';

async function main(): Promise<void> {
  const [redisUrl, githubUrl, claudeUrl, lockMs] = process.argv.slice(2);
  const lockDurationMs = Number(lockMs ?? 30_000);
  const say = (message: unknown) => process.send?.(message);
  // Peak resident memory, reported with each outcome (for the benchmark).
  let peakRss = process.memoryUsage.rss();
  setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50).unref();
  const durable = durableBackend(
    { REDIS_URL: redisUrl },
    { warn: (_f, m) => process.stderr.write(`worker ${process.pid} warn: ${m}\n`), error: (_f, m) => process.stderr.write(`worker ${process.pid} error: ${m}\n`) },
    { lockDurationMs, stalledIntervalMs: Math.max(200, Math.round(lockDurationMs / 2)), backoffMs: 200 },
  )!;
  // The production client, as src/app/worker.ts builds it: the app's Octokit, writes paced per
  // installation through the pacer every process shares in Redis.
  const probot = createTestProbot(githubUrl!, { secret: 'unused-by-workers', Octokit: appOctokit({ pacer: durable.pacer }) });
  const processor = createEventProcessor(probot, {
    env: { apiKey: 'test-key', baseURL: claudeUrl },
    builtinAgents: await loadBuiltinAgents(),
    state: durable.state,
    security: createSecurityDeps(['test-key'], durable.state),
    pacer: durable.pacer,
    // The run's hold on its issue lasts as long as the queue's lock (renewed while the run is alive).
    runClaimMs: lockDurationMs,
    onOutcome: (event, outcome) => say({ type: 'outcome', id: event.id, status: outcome.status, pid: process.pid, peakRss }),
  });
  durable.queue.work((event, signal, options) => {
    say({ type: 'start', id: event.id, pid: process.pid });
    return processor(event, signal, options);
  });
  shutdownOnSignal(process, { stop: async (grace = 10_000) => void (await durable.queue.shutdown(grace), durable.close()) }, { info: () => undefined, error: (m) => process.stderr.write(`${m}\n`) }, (code) => process.exit(code));
  say({ type: 'ready', pid: process.pid });
}

main().catch((error: unknown) => {
  process.stderr.write(`worker failed: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
