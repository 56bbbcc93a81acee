import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBuiltinAgents } from '../../src/agents/builtinAgents.js';
import { startServer, WEBHOOK_PATH, type RunningServer } from '../../src/app/startServer.js';
import { RedisQueue } from '../../src/queue/RedisQueue.js';
import { createRedisState } from '../../src/state/redisState.js';
import { buildWorkerProcess } from '../support/buildWorkerProcess.js';
import { startFakeClaude, type FakeClaude } from '../support/fakeClaude.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub.js';
import { createTestProbot } from '../support/fakeGitHubProbot.js';
import { startRedisServer, type RedisServer } from '../support/redisServer.js';
import { sign, TEST_SECRET } from '../support/startTestApp.js';
import { webhookExample } from '../triggers/webhookExample.js';

const OWNER = 'acme';
const REPO = 'api';
const ISSUE = 7;
/** Short locks so a killed worker's job is recovered within a second or two. */
const LOCK_MS = 1_000;

interface Worker {
  child: ChildProcess;
  started: string[];
  outcomes: { id: string; status: string }[];
  exited: Promise<number | null>;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function startWorker(redisUrl: string, gh: FakeGitHub, claude: FakeClaude): Promise<Worker> {
  const entry = await buildWorkerProcess();
  const child = fork(entry, [redisUrl, gh.url, claude.url, String(LOCK_MS)], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  const outcomes: Worker['outcomes'] = [];
  const started: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.on('message', (m: { type: string; id?: string; status?: string }) => {
      if (m.type === 'ready') resolve();
      if (m.type === 'start') started.push(m.id!);
      if (m.type === 'outcome') outcomes.push({ id: m.id!, status: m.status! });
    });
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return { child, started, outcomes, exited };
}

async function setup(): Promise<{ redis: RedisServer; gh: FakeGitHub; claude: FakeClaude; web: RunningServer }> {
  const redis = await startRedisServer();
  cleanups.push(() => redis.stop());
  const gh = await startFakeGitHub({ installationId: 1 });
  cleanups.push(() => gh.close());
  gh.addRepo({ owner: OWNER, name: REPO, installationId: 1 });
  gh.setPermission(OWNER, REPO, 'tech-lead', 'write');
  gh.addIssue({ owner: OWNER, repo: REPO, number: ISSUE, title: 'Orders API', body: 'An API for orders.', labels: ['backend'] });
  const claude = await startFakeClaude();
  cleanups.push(() => claude.close());
  // The web process only enqueues (workers: false): every job runs in a worker process.
  const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  client.on('error', () => undefined);
  const web = await startServer({
    probot: createTestProbot(gh.url, { secret: TEST_SECRET }),
    port: 0,
    host: '127.0.0.1',
    env: { apiKey: 'test-key', baseURL: claude.url },
    builtinAgents: await loadBuiltinAgents(),
    queue: new RedisQueue({ url: redis.url, concurrency: 1, log: { warn: () => undefined, error: () => undefined } }),
    state: createRedisState(client),
    workers: false,
  });
  cleanups.push(async () => {
    await web.stop(200);
    client.disconnect();
  });
  return { redis, gh, claude, web };
}

async function sendLabeled(web: RunningServer, deliveryId: string): Promise<number> {
  const p = webhookExample<Record<string, any>>('issues', 'labeled'); // eslint-disable-line @typescript-eslint/no-explicit-any
  p.repository = { ...p.repository, name: REPO, full_name: `${OWNER}/${REPO}`, owner: { ...p.repository.owner, login: OWNER } };
  p.installation = { id: 1 };
  p.issue = { ...p.issue, number: ISSUE, title: 'Orders API', body: 'An API for orders.', state: 'open', labels: [{ name: 'backend' }] };
  delete p.issue.pull_request;
  p.label = { ...p.label, name: 'backend' };
  p.sender = { ...p.sender, login: 'tech-lead', type: 'User' };
  const body = JSON.stringify(p);
  const res = await fetch(`${web.url}${WEBHOOK_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-github-event': 'issues', 'x-github-delivery': deliveryId, 'x-hub-signature-256': sign(body) },
    body,
  });
  await res.text();
  return res.status;
}

async function until(predicate: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('worker processes', () => {
  it('kill -9 of a worker mid-job: another worker picks the job up and it finishes with one comment', { timeout: 60_000 }, async () => {
    const { gh, claude, web, redis } = await setup();
    // The first model call hangs long enough for the kill; the retry's call answers at once.
    claude.queueFault({ delayMs: 10_000 });
    // Two workers (started together: a cold start takes seconds on a busy machine).
    const workers = await Promise.all([startWorker(redis.url, gh, claude), startWorker(redis.url, gh, claude)]);
    const id = randomUUID();
    expect(await sendLabeled(web, id)).toBe(200);
    await until(() => claude.requests.length >= 1, 'a worker to reach the model');
    const first = workers.find((w) => w.started.includes(id))!;
    const second = workers.find((w) => w !== first)!;
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe(null);
    // The other worker finds the job stalled (its lock expired) and runs it again.
    await until(() => second.outcomes.length >= 1, "the other worker's outcome");
    expect(second.started).toEqual([id]);
    expect(second.outcomes).toEqual([{ id, status: 'done' }]);
    expect(first.outcomes).toEqual([]);
    const comments = gh.comments(OWNER, REPO, ISSUE).filter((c) => c.user.login === gh.botLogin);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toMatch(/Architecture plan/);
    expect(claude.accepted()).toHaveLength(1);
    gh.assertNoViolations();
  });

  it('SIGTERM drains: the running job finishes and is posted, then the worker exits 0', { timeout: 60_000 }, async () => {
    const { gh, claude, web, redis } = await setup();
    claude.queueFault({ delayMs: 1_500 });
    const worker = await startWorker(redis.url, gh, claude);
    const id = randomUUID();
    await sendLabeled(web, id);
    await until(() => claude.requests.length >= 1, 'the worker to reach the model');
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(worker.outcomes).toEqual([{ id, status: 'done' }]);
    expect(gh.comments(OWNER, REPO, ISSUE).filter((c) => c.user.login === gh.botLogin)).toHaveLength(1);
  });
});
