import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltinAgents } from '../../src/agents/builtinAgents.js';
import { startServer, WEBHOOK_PATH, type RunningServer } from '../../src/app/startServer.js';
import { RedisQueue } from '../../src/queue/RedisQueue.js';
import { createRedisState } from '../../src/state/redisState.js';
import { startFakeClaude, type FakeClaude } from '../support/fakeClaude.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub.js';
import { createTestProbot } from '../support/fakeGitHubProbot.js';
import { recordHookDelivery, setHookTarget, settleRedeliveries, hookState } from '../support/fakeGitHubRoutesHooks.js';
import { startRedisServer, type RedisServer } from '../support/redisServer.js';
import { sign, TEST_SECRET, type Outcome } from '../support/startTestApp.js';
import { webhookExample } from '../triggers/webhookExample.js';

const OWNER = 'acme';
const REPO = 'api';
const USER = 'tech-lead';
const ISSUE = 7;

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

interface Process {
  server: RunningServer;
  outcomes: { id: string; outcome: Outcome }[];
  close(): Promise<void>;
}

let gh: FakeGitHub;
let claude: FakeClaude;
const processes: Process[] = [];
afterEach(async () => {
  for (const p of processes.splice(0)) await p.close();
  await claude?.close();
  await gh?.close();
  const client = new Redis(redis.url);
  await client.flushall();
  client.disconnect();
});

async function world(): Promise<void> {
  gh = await startFakeGitHub({ installationId: 1 });
  gh.addRepo({ owner: OWNER, name: REPO, installationId: 1 });
  gh.setPermission(OWNER, REPO, USER, 'write');
  gh.addIssue({ owner: OWNER, repo: REPO, number: ISSUE, title: 'Orders API', body: 'An API for orders.', labels: ['backend'] });
  claude = await startFakeClaude();
}

/** One app process on the shared Redis: its own Probot, Redis clients, queue and workers. */
async function appProcess(url = redis.url, extra: Partial<Parameters<typeof startServer>[0]> = {}): Promise<Process> {
  const outcomes: Process['outcomes'] = [];
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  client.on('error', () => undefined);
  const queue = new RedisQueue({ url, concurrency: 4, log: { warn: () => undefined, error: () => undefined }, backoffMs: 50 });
  const server = await startServer({
    probot: createTestProbot(gh.url, { secret: TEST_SECRET }),
    port: 0,
    host: '127.0.0.1',
    env: { apiKey: 'test-key', baseURL: claude.url },
    builtinAgents: await loadBuiltinAgents(),
    queue,
    state: createRedisState(client),
    onOutcome: (event, outcome) => outcomes.push({ id: event.id, outcome }),
    ...extra,
  });
  const p = { server, outcomes, close: async () => void (await server.stop(500), client.disconnect()) };
  processes.push(p);
  return p;
}

function issueEvent(action: 'opened' | 'labeled') {
  const p = webhookExample<Record<string, any>>('issues', action); // eslint-disable-line @typescript-eslint/no-explicit-any
  p.repository = { ...p.repository, name: REPO, full_name: `${OWNER}/${REPO}`, owner: { ...p.repository.owner, login: OWNER } };
  p.installation = { id: 1 };
  p.issue = { ...p.issue, number: ISSUE, title: 'Orders API', body: 'An API for orders.', state: 'open', labels: [{ ...(p.issue.labels?.[0] ?? {}), name: 'backend' }] };
  delete p.issue.pull_request;
  if (action === 'labeled') p.label = { ...p.label, name: 'backend' };
  p.sender = { ...p.sender, login: USER, type: 'User' };
  return p;
}

async function send(p: Process, event: string, payload: unknown, deliveryId = randomUUID()): Promise<number> {
  const body = JSON.stringify(payload);
  const res = await fetch(`${p.server.url}${WEBHOOK_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': deliveryId, 'x-hub-signature-256': sign(body) },
    body,
  });
  await res.text();
  return res.status;
}

const all = () => processes.flatMap((p) => p.outcomes);
const botComments = () => gh.comments(OWNER, REPO, ISSUE).filter((c) => c.user.login === gh.botLogin);

async function until(predicate: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}; outcomes: ${JSON.stringify(all())}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('two app processes on one Redis', () => {
  it('opened to one process and labeled to the other, together, with a slow model: one model call, one comment written once', async () => {
    await world();
    const [a, b] = [await appProcess(), await appProcess()];
    claude.queueFault({ delayMs: 1_000 });
    const statuses = await Promise.all([send(a, 'issues', issueEvent('opened')), send(b, 'issues', issueEvent('labeled'))]);
    expect(statuses).toEqual([200, 200]);
    await until(() => all().length === 2, 'two outcomes');
    expect(all().map((o) => o.outcome.status).sort()).toEqual(['done', 'duplicate']);
    expect(claude.accepted()).toHaveLength(1);
    expect(botComments()).toHaveLength(1);
    expect(gh.writes().filter((w) => /comments/.test(w.path)).map((w) => w.method)).toEqual(['POST']);
    gh.assertNoViolations();
  });

  it('the same delivery sent to both processes (a redelivery) is one job', async () => {
    await world();
    const [a, b] = [await appProcess(), await appProcess()];
    const id = randomUUID();
    claude.queueFault({ delayMs: 300 });
    expect(await Promise.all([send(a, 'issues', issueEvent('labeled'), id), send(b, 'issues', issueEvent('labeled'), id)])).toEqual([200, 200]);
    await until(() => all().some((o) => o.outcome.status === 'done'), 'the plan');
    await new Promise((r) => setTimeout(r, 500));
    expect(all().filter((o) => o.id === id && o.outcome.status === 'done')).toHaveLength(1);
    expect(claude.accepted()).toHaveLength(1);
    expect(botComments()).toHaveLength(1);
  });

  it('a failing job is retried by the queue and answers once when GitHub recovers', async () => {
    await world();
    const a = await appProcess();
    gh.failNext('POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', 502);
    await send(a, 'issues', issueEvent('labeled'));
    await until(() => all().some((o) => o.outcome.status === 'done'), 'the retried plan');
    // The first attempt's failure is not reported as the job's outcome: it was retried.
    expect(all().map((o) => o.outcome.status)).toEqual(['done']);
    const plans = botComments().filter((c) => /Architecture plan/.test(c.body));
    expect(plans).toHaveLength(1);
  });
});

describe('/readyz and /healthz', () => {
  it('ready while Redis answers; 503 once it is gone, while /healthz stays alive', async () => {
    await world();
    const own = await startRedisServer();
    const a = await appProcess(own.url);
    const ready = await fetch(`${a.server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, waiting: 0 });
    await own.stop();
    const notReady = await fetch(`${a.server.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(((await notReady.json()) as { reason: string }).reason).toMatch(/redis unreachable/);
    expect((await fetch(`${a.server.url}/healthz`)).status).toBe(200);
  });
});

describe('reconciling failed deliveries', () => {
  it('redelivers, once each, what failed within the age bound; not what succeeded, was redelivered already, or is too old', async () => {
    await world();
    const a = await appProcess(redis.url, { reconcile: { intervalMs: 3_600_000, maxAgeMs: 3_600_000 } });
    await a.server.reconcileNow!(); // the pass at start (nothing yet)
    setHookTarget(gh.state, `${a.server.url}${WEBHOOK_PATH}`, TEST_SECRET);
    const failed = recordHookDelivery(gh.state, { guid: 'lost-1', event: 'issues', action: 'labeled', statusCode: 502, payload: issueEvent('labeled'), installationId: 1 });
    recordHookDelivery(gh.state, { guid: 'ok-1', event: 'issues', action: 'labeled', statusCode: 200, payload: issueEvent('labeled') });
    recordHookDelivery(gh.state, { guid: 'old-1', event: 'issues', action: 'labeled', statusCode: 0, deliveredAt: new Date(Date.now() - 2 * 3_600_000), payload: issueEvent('labeled') });
    // Failed, then redelivered by someone (and failed again): not asked for a second time.
    recordHookDelivery(gh.state, { guid: 'tried-1', event: 'issues', action: 'labeled', statusCode: 500 });
    const tried = hookState(gh.state).attempts.at(-1)!;
    hookState(gh.state).attempts.push({ ...tried, id: 999, redelivery: true });

    expect(await a.server.reconcileNow!()).toEqual(['lost-1']);
    await settleRedeliveries(gh.state);
    await until(() => all().some((o) => o.id === 'lost-1' && o.outcome.status === 'done'), 'the redelivered plan');
    expect(botComments().filter((c) => /Architecture plan/.test(c.body))).toHaveLength(1);
    const posts = gh.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/app/hook/deliveries/'));
    expect(posts.map((r) => r.path)).toEqual([`/app/hook/deliveries/${failed.id}/attempts`]);
    // The next pass finds the redelivery (202, then 200) and asks nothing more.
    expect(await a.server.reconcileNow!()).toEqual([]);
    gh.assertNoViolations();
  });
});
