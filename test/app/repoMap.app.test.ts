import { afterEach, describe, expect, it } from 'vitest';
import { minimalInstance, type FakeRequest, type JsonSchema } from '../support/fakeClaude.js';
import { toolResults, toolUse } from '../support/fakeClaudeTools.js';
import { startTestApp, type TestApp } from '../support/startTestApp.js';
import { EXPRESS_REPO } from '../repomap/fixtureRepo.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const ISSUE = 7;
const TITLE = 'Order history API';
const BODY = 'Customers want to list their past orders, newest first, paginated.';

async function app(files: Record<string, string>): Promise<TestApp> {
  const a = (t = await startTestApp());
  for (const [path, text] of Object.entries(files)) a.gh.setFile(a.owner, a.repo, 'main', path, text);
  a.gh.addIssue({ owner: a.owner, repo: a.repo, number: ISSUE, title: TITLE, body: BODY, labels: ['backend'] });
  a.gh.setPermission(a.owner, a.repo, 'lead', 'write');
  return a;
}

async function label(a: TestApp) {
  await a.send(
    'issues',
    a.payload('issues', 'labeled', (p) => {
      p.issue = { ...p.issue, number: ISSUE, title: TITLE, body: BODY };
      delete p.issue.pull_request;
      p.label = { ...p.label, name: 'backend' };
      p.sender = { ...p.sender, login: 'lead', type: 'User' };
    }),
  );
  return (await a.waitForOutcomes(1))[0]!;
}

const userTurn = (r: FakeRequest) => {
  const content = r.body!.messages[0]!.content;
  return typeof content === 'string' ? content : content.map((b) => b.text ?? '').join('');
};
const answer = (r: FakeRequest) => minimalInstance(r.body!.output_config!.format!.schema as JsonSchema);
const planComment = (a: TestApp) => a.gh.comments(a.owner, a.repo, ISSUE).find((c) => c.user.login === a.gh.botLogin)!;

describe('the repository map in the App', () => {
  it('the model request for a plan carries the users table (from migrations) and Express (from package.json)', async () => {
    const a = await app(EXPRESS_REPO);
    const outcome = await label(a);
    expect(outcome.outcome.status).toBe('done');
    const [request] = a.claude!.accepted();
    const prompt = userTurn(request!);
    expect(prompt).toContain('<untrusted_repo_map>');
    expect(prompt).toMatch(/Frameworks and libraries: .*Express/);
    expect(prompt).toMatch(/- users \(db\/migrations\/[^)]+\): id bigserial, email text\n/);
    expect(prompt).toMatch(/- orders \(.*\): id serial, user_id bigint, total_cents integer, status text/);
    expect(prompt).toContain('src/routes/orders.ts');
    expect(prompt).toContain('<untrusted_repo_conventions path="AGENTS.md">');
    // Tools are offered, but a simple case needs none: one model request.
    expect((request!.body!.tools as { name: string }[]).map((x) => x.name)).toEqual(['list_directory', 'read_file', 'search_repository']);
    expect(a.claude!.accepted()).toHaveLength(1);
    expect(planComment(a).body).toMatch(/Repository reads \| \d+ \(repository map: \d+\)/);
    a.gh.assertNoViolations();
  });

  it('a model that calls read_file gets the file’s content, then its plan is posted; the call is in the footer', async () => {
    const a = await app(EXPRESS_REPO);
    a.claude!.respondWith((r) => (r.body!.messages.length === 1 ? toolUse({ name: 'read_file', input: { path: 'src/services/billing.ts' } }) : answer(r)));
    const outcome = await label(a);
    expect(outcome.outcome.status).toBe('done');
    const requests = a.claude!.accepted();
    expect(requests).toHaveLength(2);
    const [result] = toolResults(requests[1]!);
    expect(result).toMatchObject({ name: 'read_file', isError: false });
    expect(result!.content).toContain('1: export function chargeCard(cents: number) {');
    expect(result!.content).toContain('<untrusted_tool_result>');
    const body = planComment(a).body;
    expect(body).toMatch(/Engine \| Claude/);
    expect(body).toMatch(/Repository tools \| 1 call\(s\) · [\d,]+ bytes · 2 model request\(s\)/);
    a.gh.assertNoViolations();
  });

  it('limits hold: past toolCallsPerJob the reads are refused, said in the footer, and the plan still comes', async () => {
    const a = await app({ ...EXPRESS_REPO, '.github/agency.yml': 'limits:\n  toolCallsPerJob: 1\n' });
    a.claude!.respondWith((r) =>
      r.body!.messages.length === 1
        ? toolUse({ name: 'read_file', input: { path: 'src/app.ts' } }, { name: 'read_file', input: { path: 'src/services/billing.ts' } }, { name: 'read_file', input: { path: 'db/migrations/20240101_create_users.sql' } })
        : answer(r),
    );
    const outcome = await label(a);
    expect(outcome.outcome.status).toBe('done');
    const results = toolResults(a.claude!.accepted()[1]!);
    expect(results.map((r) => r.isError)).toEqual([false, true, true]);
    expect(results[1]!.content).toMatch(/Limit reached: at most 1 tool calls per job/);
    const body = planComment(a).body;
    expect(body).toMatch(/Not read \(limit\) \| read_file\(src\/services\/billing\.ts\): tool call limit \(1\)/);
    a.gh.assertNoViolations();
  });

  it('a model that keeps calling tools past every limit ends in the offline plan, not a loop', async () => {
    const a = await app({ ...EXPRESS_REPO, '.github/agency.yml': 'limits:\n  toolCallsPerJob: 1\n' });
    a.claude!.respondWith(() => toolUse({ name: 'search_repository', input: { query: `orders ${Math.random()}` } }));
    const outcome = await label(a);
    expect(outcome.outcome.status).toBe('done');
    expect(a.claude!.accepted().length).toBeLessThanOrEqual(4);
    expect(planComment(a).body).toMatch(/offline engine/i);
  });
});
