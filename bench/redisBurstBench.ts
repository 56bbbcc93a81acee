import { fork, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { loadBuiltinAgents } from '../src/agents/builtinAgents.js';
import { appOctokit } from '../src/app/appOctokit.js';
import { JOB_CONCURRENCY } from '../src/app/jobConcurrency.js';
import { RedisWritePacer } from '../src/github/RedisWritePacer.js';
import { GITHUB_WRITE_LIMITS } from '../src/github/writeLimits.js';
import { startServer, WEBHOOK_PATH } from '../src/app/startServer.js';
import { RedisQueue } from '../src/queue/RedisQueue.js';
import { createRedisState } from '../src/state/redisState.js';
import { startFakeClaude } from '../test/support/fakeClaude.js';
import { startFakeGitHub } from '../test/support/fakeGitHub.js';
import { createTestProbot } from '../test/support/fakeGitHubProbot.js';
import { startRedisServer } from '../test/support/redisServer.js';
import { webhookExample } from '../test/triggers/webhookExample.js';
import { mb, ms, percentile } from './stats.js';

const EVENTS = 100;
const CONNECTIONS = 20;
const MODEL_DELAY_MS = 3000;
const SECRET = 'bench-secret';
/** Worker lock: a killed worker's jobs are run again by the other one this long after the kill. */
const LOCK_MS = 5000;
const DEADLINE_MS = 150_000;

interface Result {
  ackP50: number;
  ackP99: number;
  /** Arrival to response end, measured inside the web process. */
  serverP50: number;
  serverP99: number;
  /** GitHub answers that were a rate-limit refusal (403/429 from the strict fake). */
  rateLimited: number;
  /** Content-creating requests (POST/PATCH/PUT) of the installation. */
  writes: number;
  /** The larger worker's peak RSS. */
  peakRss: number;
  allCommentsMs: number;
  commentsPerIssue: { min: number; max: number };
  answered: number;
  modelCalls: number;
  perWorker: number[];
  killedAtMs?: number;
  /** The longest time without a new comment, and when it ended (ms from the start). */
  longestGap: { ms: number; endedAt: number };
}

async function startWorker(redisUrl: string, githubUrl: string, claudeUrl: string, counts: number[], peaks: number[], index: number): Promise<ChildProcess> {
  const entry = fileURLToPath(new URL('../test/support/workerProcess.js', import.meta.url));
  const child = fork(entry, [redisUrl, githubUrl, claudeUrl, String(LOCK_MS)], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  await new Promise<void>((resolve, reject) => {
    child.on('message', (m: { type: string; status?: string; peakRss?: number }) => {
      if (m.type === 'ready') resolve();
      if (m.type === 'outcome' && m.status === 'done') counts[index]!++;
      if (m.type === 'outcome') peaks[index] = Math.max(peaks[index]!, m.peakRss ?? 0);
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code})`)));
  });
  return child;
}

async function run(kill: boolean): Promise<Result> {
  const redis = await startRedisServer();
  const gh = await startFakeGitHub();
  const claude = await startFakeClaude();
  gh.addRepo({ owner: 'acme', name: 'api' });
  gh.setPermission('acme', 'api', 'lead', 'write');
  for (let n = 1; n <= EVENTS; n++) gh.addIssue({ owner: 'acme', repo: 'api', number: n, title: `Feature ${n}: tenant billing API`, body: 'Store invoices in Postgres, expose a REST API.', labels: ['backend'] });
  claude.queueFault(...Array.from({ length: EVENTS }, () => ({ delayMs: MODEL_DELAY_MS })));
  const client = new Redis(redis.url);
  // The web process only enqueues; two worker processes run the jobs.
  const web = await startServer({
    // The production client here too (the web process only enqueues; what it would write is paced with the workers').
    probot: createTestProbot(gh.url, { secret: SECRET, Octokit: appOctokit({ pacer: new RedisWritePacer(client) }) }),
    port: 0,
    host: '127.0.0.1',
    env: { apiKey: 'bench-key', baseURL: claude.url },
    builtinAgents: await loadBuiltinAgents(),
    queue: new RedisQueue({ url: redis.url, concurrency: 1, log: { warn: () => undefined, error: () => undefined } }),
    state: createRedisState(client),
    workers: false,
  });
  const handling: number[] = [];
  web.server.on('request', (_req, res) => {
    const t0 = performance.now();
    res.on('finish', () => handling.push(performance.now() - t0));
  });
  const perWorker = [0, 0];
  const peaks = [0, 0];
  const workers = await Promise.all([0, 1].map((i) => startWorker(redis.url, gh.url, claude.url, perWorker, peaks, i)));

  const base = webhookExample<Record<string, any>>('issues', 'labeled'); // eslint-disable-line @typescript-eslint/no-explicit-any
  const bodies = Array.from({ length: EVENTS }, (_, i) => {
    const p = structuredClone(base);
    p.repository = { ...p.repository, name: 'api', full_name: 'acme/api', owner: { ...p.repository.owner, login: 'acme' } };
    p.installation = { id: 1 };
    p.sender = { ...p.sender, login: 'lead', type: 'User' };
    p.label = { ...p.label, name: 'backend' };
    p.issue = { ...p.issue, number: i + 1, state: 'open', title: `Feature ${i + 1}`, labels: [{ name: 'backend' }], pull_request: undefined };
    return JSON.stringify(p);
  });
  const created = () => gh.requests.filter((r) => r.method === 'POST' && r.template === '/repos/{owner}/{repo}/issues/{issue_number}/comments' && r.status === 201).length;
  const start = performance.now();
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < EVENTS) {
        const i = next++;
        const body = bodies[i]!;
        const t = performance.now();
        const res = await fetch(`${web.url}${WEBHOOK_PATH}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-github-event': 'issues', 'x-github-delivery': `redis-bench-${kill}-${i}`, 'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` },
          body,
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - t);
      }
    }),
  );
  let killedAtMs: number | undefined;
  const deadline = Date.now() + DEADLINE_MS;
  let lastCount = 0;
  let lastAt = 0;
  const longestGap = { ms: 0, endedAt: 0 };
  while (created() < EVENTS && Date.now() < deadline) {
    const count = created();
    const at = performance.now() - start;
    if (count > lastCount) {
      if (lastCount > 0 && at - lastAt > longestGap.ms) Object.assign(longestGap, { ms: at - lastAt, endedAt: at });
      lastCount = count;
      lastAt = at;
    }
    if (kill && killedAtMs === undefined && created() >= EVENTS / 2) {
      workers[0]!.kill('SIGKILL');
      killedAtMs = performance.now() - start;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  const allCommentsMs = created() >= EVENTS ? performance.now() - start : NaN;
  // Let late duplicates (if any) show before counting.
  await new Promise((r) => setTimeout(r, 1000));
  const counts = Array.from({ length: EVENTS }, (_, i) => gh.comments('acme', 'api', i + 1).filter((c) => c.user.login === gh.botLogin).length);
  const writes = gh.requests.filter((r) => r.method === 'POST' || r.method === 'PATCH' || r.method === 'PUT').filter((r) => r.path.startsWith('/repos/'));
  const result: Result = {
    ackP50: percentile(latencies, 50),
    ackP99: percentile(latencies, 99),
    serverP50: percentile(handling, 50),
    serverP99: percentile(handling, 99),
    rateLimited: gh.requests.filter((r) => (r.status === 403 || r.status === 429) && /rate limit/i.test(String((r.response as { message?: unknown } | undefined)?.message ?? ''))).length,
    writes: writes.filter((r) => r.status !== 403 && r.status !== 429).length,
    peakRss: Math.max(...peaks),
    allCommentsMs,
    commentsPerIssue: { min: Math.min(...counts), max: Math.max(...counts) },
    answered: counts.filter((c) => c > 0).length,
    modelCalls: claude.accepted().length,
    perWorker,
    killedAtMs,
    longestGap,
  };
  for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGTERM');
  await Promise.all(workers.map((w) => (w.exitCode !== null || w.signalCode !== null ? undefined : new Promise((r) => w.once('exit', r)))));
  await web.stop(500);
  client.disconnect();
  await gh.close();
  await claude.close();
  await redis.stop();
  return result;
}

/** The burst through Redis with two worker processes, then again with one of them `kill -9`ed halfway. */
export async function redisBurstBench(print: (line: string) => void): Promise<void> {
  print(
    `redis burst: ${EVENTS} issues.labeled on 1 installation over ${CONNECTIONS} connections, model ${MODEL_DELAY_MS / 1000} s, web process + 2 worker processes (${JOB_CONCURRENCY} jobs each) on a real redis-server; workers built as \`npm run worker\` builds them (the app's Octokit, writes paced through the pacer they share in Redis) against the fake that enforces GitHub's limits`,
  );
  for (const kill of [false, true]) {
    const r = await run(kill);
    const rate = MODEL_DELAY_MS + Math.max(0, r.writes - 1) * (60_000 / GITHUB_WRITE_LIMITS.perMinute);
    const over = Math.round((r.allCommentsMs / rate - 1) * 100);
    print(
      `  ${kill ? `one worker kill -9 at ${ms(r.killedAtMs ?? NaN)}` : 'both workers alive      '}: ack p50 ${ms(r.ackP50)}, p99 ${ms(r.ackP99)} (in-server p50 ${ms(r.serverP50)}, p99 ${ms(r.serverP99)}); answered ${r.answered}/${EVENTS} after ${Number.isNaN(r.allCommentsMs) ? 'NOT ALL (deadline)' : ms(r.allCommentsMs)}; comments per issue min ${r.commentsPerIssue.min} max ${r.commentsPerIssue.max}; rate-limit refusals ${r.rateLimited}; model calls ${r.modelCalls}; done per worker ${r.perWorker.join(' / ')}; worker peak RSS ${mb(r.peakRss)}; longest time without a new comment ${ms(r.longestGap.ms)} (ended at ${ms(r.longestGap.endedAt)})`,
    );
    print(`    vs GitHub's documented rate: ${r.writes} content-creating requests → ≥ ${(rate / 1000).toFixed(2)} s; measured ${Number.isNaN(r.allCommentsMs) ? '—' : `${over >= 0 ? '+' : ''}${over}%`}`);
  }
}
