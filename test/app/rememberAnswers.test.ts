import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appOctokit } from '../../src/app/appOctokit.js';
import { rememberAnswers } from '../../src/app/rememberAnswers.js';
import type { Model } from '../../src/domain/Model.js';
import { WritePacer } from '../../src/github/WritePacer.js';
import { MemoryAnswerStore } from '../../src/state/memoryState.js';
import { RedisAnswerStore } from '../../src/state/redisState.js';
import type { AnswerStore } from '../../src/state/SharedState.js';
import { claudeFor, planRequest } from '../claude/fixtures.js';
import { startFakeClaude, type FakeClaude } from '../support/fakeClaude.js';
import { startRedisServer, type RedisServer } from '../support/redisServer.js';
import { startTestApp, type TestApp } from '../support/startTestApp.js';

let redis: RedisServer;
let client: Redis;
let claude: FakeClaude | undefined;
let app: TestApp | undefined;
beforeAll(async () => {
  redis = await startRedisServer();
  client = new Redis(redis.url);
});
afterAll(async () => {
  client?.disconnect();
  await redis?.stop();
});
afterEach(async () => {
  await claude?.close();
  claude = undefined;
  await app?.close();
  app = undefined;
});

let prefixes = 0;
const stores: [string, () => AnswerStore][] = [
  ['memory', () => new MemoryAnswerStore()],
  ['redis', () => new RedisAnswerStore(client, `answers${++prefixes}`)],
];

describe.each(stores)('rememberAnswers (%s store): a re-run of a delivery reuses the answers it paid for', (_name, store) => {
  it('the re-run gets the first run\'s answers, call by call, without calling Claude; another delivery calls it', async () => {
    claude = await startFakeClaude();
    const answers = store();
    const model = claudeFor(claude);
    const first = rememberAnswers(model, answers, 'delivery-1');
    const a1 = await first.plan(planRequest());
    const a2 = await first.plan(planRequest());
    expect(claude.accepted()).toHaveLength(2);
    const rerun = rememberAnswers(model, answers, 'delivery-1');
    expect(await rerun.plan(planRequest())).toEqual(a1);
    expect(await rerun.plan(planRequest())).toEqual(a2);
    expect(claude.accepted()).toHaveLength(2);
    // A third call of the re-run was never answered before: Claude is asked.
    await rerun.plan(planRequest());
    expect(claude.accepted()).toHaveLength(3);
    await rememberAnswers(model, answers, 'delivery-2').plan(planRequest());
    expect(claude.accepted()).toHaveLength(4);
  });

  it('keeps no fallback answer: after a failed model call the re-run asks the model again', async () => {
    claude = await startFakeClaude();
    const answers = store();
    const model = claudeFor(claude);
    // The model answered through its fallback (as withFallback marks it).
    const offline: Model = {
      plan: async (r) => ({ ...(await model.plan(r)), info: { engine: 'offline', fallbackReason: 'model unavailable' } }),
      review: (r) => model.review(r),
      adr: (r) => model.adr(r),
    };
    await rememberAnswers(offline, answers, 'delivery-3').plan(planRequest());
    await rememberAnswers(model, answers, 'delivery-3').plan(planRequest());
    expect(claude.accepted()).toHaveLength(2);
  });
});

describe('a job re-run after GitHub refused its write', () => {
  it('posts its plan once and calls the model once: the re-run reuses the answer', async () => {
    app = await startTestApp({ octokit: appOctokit({ pacer: new WritePacer(), observe: () => undefined }) });
    app.gh.addIssue({ owner: app.owner, repo: app.repo, number: 7, title: 'Orders API', body: 'An API for orders.', labels: ['backend'] });
    app.gh.setPermission(app.owner, app.repo, 'tech-lead', 'write');
    // Three secondary-limit refusals of the comment: the pacing retries twice, then the job is delayed and re-run.
    app.gh.failNext('POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', 403, { message: 'You have exceeded a secondary rate limit.' }, { times: 3, headers: { 'retry-after': '0' } });
    const payload = app.payload('issues', 'labeled', (p) => {
      p.issue = { ...p.issue, number: 7, title: 'Orders API', body: 'An API for orders.' };
      delete p.issue.pull_request;
      p.label = { ...p.label, name: 'backend' };
      p.sender = { ...p.sender, login: 'tech-lead', type: 'User' };
    });
    expect((await app.send('issues', payload)).status).toBe(200);
    const [outcome] = await app.waitForOutcomes(1, 15_000);
    expect(outcome!.outcome).toMatchObject({ status: 'done' });
    const refused = app.gh.requests.filter((r) => r.method === 'POST' && r.template === '/repos/{owner}/{repo}/issues/{issue_number}/comments' && r.status === 403);
    expect(refused).toHaveLength(3);
    expect(app.gh.comments(app.owner, app.repo, 7).filter((c) => c.user.login === app!.gh.botLogin)).toHaveLength(1);
    expect(app.claude!.accepted()).toHaveLength(1);
  });
});
