import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestAppOptions } from '../support/startTestApp.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const ISSUE = 7;
const USER = 'tech-lead';

async function app(options: TestAppOptions = {}): Promise<TestApp> {
  t = await startTestApp({ ...options, server: { ...options.server } });
  t.gh.addIssue({ owner: t.owner, repo: t.repo, number: ISSUE, title: 'Orders API', body: 'Customers place orders; we need an API for them.', labels: ['backend'] });
  t.gh.setPermission(t.owner, t.repo, USER, 'write');
  return t;
}

function labeled(a: TestApp, login = USER, type = 'User') {
  return a.payload('issues', 'labeled', (p) => {
    p.issue = { ...p.issue, number: ISSUE, title: 'Orders API', body: 'Customers place orders; we need an API for them.' };
    delete p.issue.pull_request;
    p.label = { ...p.label, name: 'backend' };
    p.sender = { ...p.sender, login, type };
  });
}

function command(a: TestApp, body: string, login: string, commentId = 501) {
  a.gh.addComment({ owner: a.owner, repo: a.repo, issueNumber: ISSUE, body, user: login });
  const id = a.gh.comments(a.owner, a.repo, ISSUE).at(-1)!.id;
  return a.payload('issue_comment', 'created', (p) => {
    p.issue = { ...p.issue, number: ISSUE, title: 'Orders API', body: 'Customers place orders; we need an API for them.' };
    delete p.issue.pull_request;
    p.comment = { ...p.comment, id: id ?? commentId, body, user: { ...p.comment.user, login, type: 'User' } };
    p.sender = { ...p.sender, login, type: 'User' };
  });
}

const botComments = (a: TestApp) => a.gh.comments(a.owner, a.repo, ISSUE).filter((c) => c.user.login === a.gh.botLogin);
const modelCalls = (a: TestApp) => a.claude?.accepted().length ?? 0;

describe('plans through signed webhooks', () => {
  it('label → one plan comment from Claude, with usage, the system prompt cached', async () => {
    const a = await app();
    const res = await a.send('issues', labeled(a));
    expect(res.status).toBe(200);
    const [first] = await a.waitForOutcomes(1);
    expect(first!.outcome).toMatchObject({ status: 'done', details: { engine: 'claude' } });
    const [comment] = botComments(a);
    expect(botComments(a)).toHaveLength(1);
    expect(comment!.body).toMatch(/^## 🏗️ Architecture plan/m);
    expect(comment!.body).toMatch(/Engine \| Claude/);
    expect(comment!.body).toMatch(/Tokens \| [\d,]+ input · [\d,]+ output/);
    const requests = a.claude!.accepted();
    expect(requests).toHaveLength(1);
    const system = requests[0]!.body!.system;
    expect(Array.isArray(system)).toBe(true);
    expect((system as { cache_control?: unknown }[]).some((b) => b.cache_control)).toBe(true);
    a.gh.assertNoViolations();
  });

  it('/agency:plan by a writer: 👀 on the command, then the plan', async () => {
    const a = await app();
    const payload = command(a, '/agency:plan focus on idempotency', USER);
    expect((await a.send('issue_comment', payload)).status).toBe(200);
    const [first] = await a.waitForOutcomes(1);
    expect(first!.outcome.status).toBe('done');
    const cmd = a.gh.comments(a.owner, a.repo, ISSUE).find((c) => c.body.startsWith('/agency:plan'))!;
    expect(cmd.reactions.map((r) => [r.content, r.user.login])).toEqual([['eyes', a.gh.botLogin]]);
    // The reaction came before the plan.
    const order = a.gh.writes().map((w) => w.template);
    expect(order.indexOf('/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions')).toBeLessThan(
      order.indexOf('/repos/{owner}/{repo}/issues/{issue_number}/comments'),
    );
    expect(botComments(a)).toHaveLength(1);
    expect(botComments(a)[0]!.body).toMatch(/Architecture plan/);
    expect(modelCalls(a)).toBe(1);
    a.gh.assertNoViolations();
  });

  for (const [who, permission] of [
    ['a reader', 'read'],
    ['a non-collaborator', undefined],
  ] as const) {
    it(`/agency:plan by ${who}: one short reply, no model call, no second reply`, async () => {
      const a = await app();
      a.gh.setPermission(a.owner, a.repo, 'visitor', permission);
      await a.send('issue_comment', command(a, '/agency:plan', 'visitor'));
      await a.waitForOutcomes(1);
      await a.send('issue_comment', command(a, '/agency:plan please', 'visitor'));
      const outcomes = await a.waitForOutcomes(2);
      expect(outcomes.map((o) => o.outcome.status)).toEqual(['denied', 'denied']);
      const replies = botComments(a);
      expect(replies).toHaveLength(1);
      expect(replies[0]!.body.length).toBeLessThan(600);
      expect(replies[0]!.body).toMatch(/write/);
      expect(modelCalls(a)).toBe(0);
      expect(a.gh.state.tokens.size).toBeGreaterThan(0);
      a.gh.assertNoViolations();
    });
  }

  it('the same delivery twice: one model call and one write', async () => {
    const a = await app();
    const payload = labeled(a);
    const first = await a.send('issues', payload, { deliveryId: 'delivery-same' });
    await a.waitForOutcomes(1);
    const second = await a.send('issues', payload, { deliveryId: 'delivery-same' });
    const outcomes = await a.waitForOutcomes(2);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(outcomes[1]!.outcome.status).toBe('duplicate');
    expect(modelCalls(a)).toBe(1);
    expect(a.gh.writes().filter((w) => !w.path.startsWith('/app/'))).toHaveLength(1);
    a.gh.assertNoViolations();
  });

  it('a redelivery of a job that failed midway runs again and replaces the failure notice', async () => {
    const a = await app();
    a.gh.failNext('POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', 502);
    const payload = labeled(a);
    await a.send('issues', payload, { deliveryId: 'delivery-retry' });
    const [first] = await a.waitForOutcomes(1);
    expect(first!.outcome.status).toBe('failed');
    expect(botComments(a)).toHaveLength(1);
    expect(botComments(a)[0]!.body).toMatch(/could not finish this run \(GitHub answered HTTP 502\)/);
    await a.send('issues', payload, { deliveryId: 'delivery-retry' });
    const outcomes = await a.waitForOutcomes(2);
    expect(outcomes[1]!.outcome.status).toBe('done');
    expect(botComments(a)).toHaveLength(1);
    expect(botComments(a)[0]!.body).toMatch(/Architecture plan/);
    expect(botComments(a)[0]!.body).not.toMatch(/could not finish/);
    // The redelivery is the same delivery: it reuses the answer the first run paid for (app/rememberAnswers).
    expect(modelCalls(a)).toBe(1);
  });

  it('a second label event: the same comment edited, no second comment', async () => {
    const a = await app();
    await a.send('issues', labeled(a));
    await a.waitForOutcomes(1);
    await a.send('issues', labeled(a));
    const outcomes = await a.waitForOutcomes(2);
    expect(outcomes.map((o) => o.outcome.status)).toEqual(['done', 'done']);
    const comments = botComments(a);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.edits).toHaveLength(1);
    expect(modelCalls(a)).toBe(2);
    a.gh.assertNoViolations();
  });

  it('model 529 three times, then success: the Claude result', async () => {
    const a = await app();
    a.claude!.queueFault({ status: 529, retryAfterMs: 1 }, { status: 529, retryAfterMs: 1 }, { status: 529, retryAfterMs: 1 });
    await a.send('issues', labeled(a));
    const [first] = await a.waitForOutcomes(1);
    expect(first!.outcome).toMatchObject({ status: 'done', details: { engine: 'claude' } });
    expect(a.claude!.requests.filter((r) => r.path === '/v1/messages')).toHaveLength(4);
    expect(botComments(a)[0]!.body).not.toMatch(/offline engine's result/);
    a.gh.assertNoViolations();
  });

  for (const [what, fault, reason] of [
    ['500 on every try', { status: 500, retryAfterMs: 1, message: 'secret internal detail xyz' }, /Claude was unavailable \([^)]+\); this is the offline engine's result/],
    ['401', { status: 401, message: 'invalid x-api-key sk-ant-leak' }, /Claude was unavailable \([^)]+\); this is the offline engine's result/],
  ] as const) {
    it(`model down (${what}): the offline result with a visible reason and no raw message`, async () => {
      const a = await app();
      a.claude!.queueFault(...Array.from({ length: 6 }, () => ({ ...fault })));
      await a.send('issues', labeled(a));
      const [first] = await a.waitForOutcomes(1);
      expect(first!.outcome.status).toBe('done');
      const body = botComments(a)[0]!.body;
      expect(body).toMatch(reason);
      expect(body).not.toMatch(/secret internal detail|sk-ant-leak|\bat \S+ \(|Error:/);
      expect(body).toMatch(/Architecture plan/);
      a.gh.assertNoViolations();
    });
  }

  it('without an API key: the offline engine, said so', async () => {
    const a = await app({ offline: true });
    await a.send('issues', labeled(a));
    const [first] = await a.waitForOutcomes(1);
    expect(first!.outcome).toMatchObject({ status: 'done', details: { engine: 'offline' } });
    expect(botComments(a)[0]!.body).toMatch(/offline/i);
    a.gh.assertNoViolations();
  });

  it('an invalid .github/agency.yml on the default branch: the comment names the field', async () => {
    const a = await app();
    a.gh.setFile(a.owner, a.repo, 'main', '.github/agency.yml', 'review:\n  auto: sometimes\n');
    await a.send('issues', labeled(a));
    const [first] = await a.waitForOutcomes(1);
    expect(first!.outcome.status).toBe('done');
    const body = botComments(a)[0]!.body;
    expect(body).toMatch(/review\.auto/);
    expect(body).toMatch(/agency\.yml/);
    a.gh.assertNoViolations();
  });

  it('a bad signature: 4xx and no work', async () => {
    const a = await app();
    const res = await a.send('issues', labeled(a), { signature: `sha256=${'0'.repeat(64)}` });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const missing = await a.send('issues', labeled(a), { signature: '' });
    expect(missing.status).toBeGreaterThanOrEqual(400);
    expect(missing.status).toBeLessThan(500);
    await a.waitForIdle();
    expect(a.outcomes).toHaveLength(0);
    expect(a.gh.requests).toHaveLength(0);
    expect(a.claude!.requests).toHaveLength(0);
  });

  it('a bot sender: nothing', async () => {
    const a = await app();
    await a.send('issues', labeled(a, 'renovate[bot]', 'Bot'));
    const [first] = await a.waitForOutcomes(1);
    expect(first!.outcome.status).toBe('ignored');
    expect(a.gh.writes().filter((w) => !w.path.startsWith('/app/'))).toHaveLength(0);
    expect(a.claude!.requests).toHaveLength(0);
    a.gh.assertNoViolations();
  });
});
