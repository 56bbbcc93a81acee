/**
 * The review path as GitHub sees it over a PR's life: follow-up pushes, stale events, GitHub's limits
 * (compare's 300 files, check-run byte limits and annotation validation, 403 on check runs) and the
 * app's own blocking review.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PullFileInput } from '../support/fakeGitHub.js';
import { reviewDecision } from '../support/fakeGitHubReviewDecision.js';
import { startTestApp, type LoosePayload, type Outcome, type TestApp, type TestAppOptions } from '../support/startTestApp.js';
import { addedPullFile as added } from '../support/addedPullFile.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const PR = 12;
const AUTHOR = 'dev';
const AWS_ID = 'AKIAQSLOJOLIENSB3IAR';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';


const AWS_LINES = ['export const aws = {', "  region: 'eu-west-1',", `  accessKeyId: '${AWS_ID}',`, `  secretAccessKey: '${AWS_SECRET}',`, '};'];
const AWS = added('src/config/aws.ts', AWS_LINES);
const AWS_FIXED = added('src/config/aws.ts', ['export const aws = {', "  region: 'eu-west-1',", '  // credentials come from the environment', '};']);
const HANDLER = added('src/orders/handler.ts', ['export function handler() {', '  return 1;', '}']);
const HANDLER_2 = added('src/orders/handler.ts', ['export function handler() {', '  return 2;', '}']);

async function app(config?: string, options: TestAppOptions = { offline: true }): Promise<TestApp> {
  t = await startTestApp(options);
  t.gh.setPermission(t.owner, t.repo, AUTHOR, 'write');
  if (config) t.gh.setFile(t.owner, t.repo, 'main', '.github/agency.yml', config);
  return t;
}

function openPr(a: TestApp, files: PullFileInput[]) {
  return a.gh.addPullRequest({ owner: a.owner, repo: a.repo, number: PR, title: 'Order status', body: 'Adds an order status.', user: AUTHOR, labels: ['backend'], files });
}

function prEvent(a: TestApp, action: string, sha?: string, extra: (p: LoosePayload) => void = () => {}) {
  const pull = a.gh.repo(a.owner, a.repo).pulls.get(PR)!;
  return a.payload('pull_request', action, (p) => {
    p.number = PR;
    p.pull_request.number = PR;
    p.pull_request.title = 'Order status';
    p.pull_request.body = 'Adds an order status.';
    p.pull_request.draft = false;
    p.pull_request.state = 'open';
    p.pull_request.merged = false;
    p.pull_request.head = { ...p.pull_request.head, sha: sha ?? pull.headSha, ref: pull.headRef };
    p.pull_request.base = { ...p.pull_request.base, sha: pull.baseSha, ref: pull.baseRef };
    p.pull_request.labels = [{ ...(p.pull_request.labels?.[0] ?? {}), name: 'backend' }];
    p.pull_request.user = { ...p.pull_request.user, login: AUTHOR, type: 'User' };
    p.sender = { ...p.sender, login: AUTHOR, type: 'User' };
    extra(p);
  });
}

/** Pushes new files to the PR and delivers the synchronize event; returns the job's outcome. */
async function push(a: TestApp, files: PullFileInput[], n: number) {
  const before = a.gh.repo(a.owner, a.repo).pulls.get(PR)!.headSha;
  const pushed = a.gh.pushToPullRequest(a.owner, a.repo, PR, { files });
  await a.send('pull_request', prEvent(a, 'synchronize', undefined, (p) => {
    p.before = before;
    p.after = pushed.headSha;
  }));
  return { outcome: (await a.waitForOutcomes(n))[n - 1]!.outcome, sha: pushed.headSha };
}

/** The comment as rendered: the hidden marker (posted fingerprints) left out. */
const visible = (body: string) => body.replace(/<!--[\s\S]*?-->/g, '');
const detailsOf = (outcome: Outcome) => (outcome.status === 'done' ? outcome.details : undefined) as { severities: Record<string, number>; carried: number };
const summary = (a: TestApp) => a.gh.comments(a.owner, a.repo, PR).filter((c) => c.user.login === a.gh.botLogin);
const checkAt = (a: TestApp, sha: string) => a.gh.checkRuns(a.owner, a.repo).filter((c) => c.headSha === sha);
const failedRequests = (a: TestApp) => a.gh.requests.filter((r) => r.status >= 400).map((r) => `${r.method} ${r.template} ${r.status}`);

describe('follow-up pushes keep every finding still in the PR', () => {
  it('a hard-coded AWS key fails the check; a harmless push keeps it failing; removing the key clears it', async () => {
    const a = await app('review:\n  checkConclusion: failure-on-blocker\n');
    const first = openPr(a, [AWS, HANDLER]);
    await a.send('pull_request', prEvent(a, 'opened'));
    const [opened] = await a.waitForOutcomes(1);
    expect(opened!.outcome).toMatchObject({ status: 'done' });
    expect(checkAt(a, first.headSha).map((c) => c.conclusion)).toEqual(['failure']);

    // A push that only touches another file: an incremental review of that file, the key still there.
    const harmless = await push(a, [AWS, HANDLER_2], 2);
    expect(harmless.outcome).toMatchObject({ status: 'done', details: { carried: expect.any(Number) } });
    expect(a.gh.requests.some((r) => r.path.includes('/compare/'))).toBe(true);
    expect(checkAt(a, harmless.sha).map((c) => c.conclusion)).toEqual(['failure']);
    const details = detailsOf(harmless.outcome);
    // The Action's fail-on and finding outputs read these counts.
    expect(details.severities.blocker).toBeGreaterThan(0);
    expect(details.carried).toBeGreaterThan(0);
    expect(summary(a)[0]!.body).toContain('src/config/aws.ts:3');
    const annotations = checkAt(a, harmless.sha)[0]!.annotations.map((x) => `${String(x.path)}:${String(x.start_line)}`);
    expect(annotations).toContain('src/config/aws.ts:3');

    // A push that removes the key: nothing is left, the check is no longer a failure.
    const fixed = await push(a, [AWS_FIXED, HANDLER_2], 3);
    expect(fixed.outcome).toMatchObject({ status: 'done' });
    expect(checkAt(a, fixed.sha).map((c) => c.conclusion)).toEqual(['neutral']);
    expect(detailsOf(fixed.outcome).severities.blocker).toBe(0);
    expect(summary(a)).toHaveLength(1);
    expect(visible(summary(a)[0]!.body)).not.toContain('src/config/aws.ts:3');
    expect(failedRequests(a)).toEqual([]);
    a.gh.assertNoViolations();
  });

  it('a carried finding follows its line when code above it moves', async () => {
    const a = await app('review:\n  checkConclusion: failure-on-blocker\n');
    openPr(a, [AWS]);
    await a.send('pull_request', prEvent(a, 'opened'));
    await a.waitForOutcomes(1);
    const shifted = added('src/config/aws.ts', ['// Settings', '', ...AWS_LINES]);
    const moved = await push(a, [shifted], 2);
    expect(moved.outcome).toMatchObject({ status: 'done' });
    expect(checkAt(a, moved.sha).map((c) => c.conclusion)).toEqual(['failure']);
    const where = checkAt(a, moved.sha)[0]!.annotations.map((x) => `${String(x.path)}:${String(x.start_line)}`);
    expect(where).toContain('src/config/aws.ts:5');
    expect(where).not.toContain('src/config/aws.ts:3');
    a.gh.assertNoViolations();
  });
});

describe('stale events', () => {
  it('an event whose head is no longer the PR head is skipped (a newer push has its own event): nothing written', async () => {
    const a = await app();
    const pull = openPr(a, [HANDLER]);
    const oldSha = pull.headSha;
    a.gh.pushToPullRequest(a.owner, a.repo, PR, { files: [HANDLER, AWS] });
    const repoWrites = () => a.gh.writes().filter((w) => w.path.startsWith(`/repos/`));
    await a.send('pull_request', prEvent(a, 'opened', oldSha));
    const [outcome] = await a.waitForOutcomes(1);
    expect(outcome!.outcome).toMatchObject({ status: 'ignored', reason: expect.stringMatching(/stale event/) });
    expect(repoWrites()).toEqual([]);
    expect(a.gh.reviews(a.owner, a.repo, PR)).toEqual([]);
    expect(a.gh.checkRuns(a.owner, a.repo)).toEqual([]);
    a.gh.assertNoViolations();
  });
});

describe("GitHub's compare lists at most 300 files", () => {
  it('a push changing more than 300 files gets a full review, said so, and every file is seen', async () => {
    const a = await app();
    const pull = openPr(a, [HANDLER]);
    await a.send('pull_request', prEvent(a, 'opened'));
    await a.waitForOutcomes(1);
    const many: PullFileInput[] = [HANDLER];
    for (let i = 0; i < 305; i++) many.push(added(`src/gen/file${String(i).padStart(3, '0')}.ts`, [`export const v${i} = ${i};`]));
    // The key sits in the last file, past the 300 files compare lists.
    many.push(AWS);
    const result = await push(a, many, 2);
    expect(result.outcome).toMatchObject({ status: 'done' });
    const compare = a.gh.requests.find((r) => r.path.includes('/compare/'))!;
    expect((compare.response as { files: unknown[] }).files).toHaveLength(300);
    const body = summary(a)[0]!.body;
    expect(body).toMatch(/full review/i);
    expect(body).toMatch(/at most 300/);
    expect(body).toContain('src/config/aws.ts');
    expect(pull.number).toBe(PR);
    a.gh.assertNoViolations();
  });
});

describe('check runs GitHub refuses', () => {
  it('a 403 on the check run skips it with a note in the summary; the review is still published', async () => {
    const a = await app();
    openPr(a, [AWS]);
    a.gh.failNext('POST', '/repos/{owner}/{repo}/check-runs', 403, {
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest/checks/runs#create-a-check-run',
    });
    await a.send('pull_request', prEvent(a, 'opened'));
    const [outcome] = await a.waitForOutcomes(1);
    expect(outcome!.outcome).toMatchObject({ status: 'done' });
    expect(a.gh.checkRuns(a.owner, a.repo)).toEqual([]);
    const body = summary(a)[0]!.body;
    expect(body).toMatch(/No check run was created/);
    expect(body).toContain('src/config/aws.ts:3');
  });

  it('a long non-ASCII summary and findings GitHub would refuse as annotations: the check run is still accepted', async () => {
    const a = await app(undefined, {});
    openPr(a, [HANDLER]);
    // 30,000 three-byte characters: 90,000 bytes, under 65,536 UTF-16 code units.
    const long = '検'.repeat(30_000);
    const finding = (path: string, line: number, endLine: number | null) => ({
      severity: 'minor',
      category: 'reliability',
      title: `at ${path}:${line}`,
      body: 'b',
      path,
      line,
      endLine,
      suggestion: null,
      source: { kind: 'model', id: 'judgment', url: null },
    });
    a.claude!.respondWith(() => ({
      summary: long,
      verdict: 'comment',
      findings: [finding('src/orders/handler.ts', 2, null), finding('src/orders/handler.ts', 0, null), finding('src/elsewhere.ts', 1, null), finding('src/orders/handler.ts', 3, 1)],
      checklist: [],
      notReviewed: [],
      decisionConflicts: [],
    }));
    await a.send('pull_request', prEvent(a, 'opened'));
    const [outcome] = await a.waitForOutcomes(1);
    expect(outcome!.outcome).toMatchObject({ status: 'done' });
    expect(failedRequests(a)).toEqual([]);
    const [check] = a.gh.checkRuns(a.owner, a.repo);
    expect(Buffer.byteLength(check!.output.summary!, 'utf8')).toBeLessThanOrEqual(65_535);
    expect(check!.output.summary).not.toContain('\uFFFD');
    expect(check!.output.summary!.startsWith('検検検')).toBe(true);
    const annotations = check!.annotations.map((x) => `${String(x.path)}:${String(x.start_line)}-${String(x.end_line)}`);
    expect(annotations.sort()).toEqual(['src/orders/handler.ts:2-2', 'src/orders/handler.ts:3-3']);
    a.gh.assertNoViolations();
  });
});

describe("the app's own blocking review", () => {
  it('with review.requestChanges, a blocker requests changes; once it is fixed the stale review is dismissed and the PR is no longer blocked', async () => {
    const a = await app('review:\n  requestChanges: true\n');
    openPr(a, [AWS, HANDLER]);
    await a.send('pull_request', prEvent(a, 'opened'));
    await a.waitForOutcomes(1);
    const repo = a.gh.repo(a.owner, a.repo);
    expect(reviewDecision(repo, PR)).toBe('CHANGES_REQUESTED');

    // A harmless push: the blocker is still there, the block stays.
    await push(a, [AWS, HANDLER_2], 2);
    expect(reviewDecision(repo, PR)).toBe('CHANGES_REQUESTED');

    const fixed = await push(a, [AWS_FIXED, HANDLER_2], 3);
    expect(fixed.outcome).toMatchObject({ status: 'done' });
    expect(reviewDecision(repo, PR)).not.toBe('CHANGES_REQUESTED');
    const states = a.gh.reviews(a.owner, a.repo, PR).map((r) => r.state);
    expect(states).toContain('DISMISSED');
    expect(states).not.toContain('CHANGES_REQUESTED');
    expect(failedRequests(a)).toEqual([]);
    a.gh.assertNoViolations();
  });
});
