import { afterEach, describe, expect, it } from 'vitest';
import type { PullFileInput } from '../support/fakeGitHub.js';
import { startTestApp, type LoosePayload, type TestApp } from '../support/startTestApp.js';
import { addedPullFile as added } from '../support/addedPullFile.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const PR = 12;
const AUTHOR = 'dev';
const AWS_ID = 'AKIAQSLOJOLIENSB3IAR';
const AWS_SECRET = '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';


const MIGRATION = added('db/migrations/20240101120000_add_order_status.sql', [
  '-- Order status',
  'ALTER TABLE orders ADD COLUMN status text NOT NULL;',
  'CREATE INDEX orders_status_idx ON orders (status);',
]);
const REPOSITORY = added('src/orders/orderRepository.ts', [
  "import { db } from '../db.js';",
  '',
  'export async function findOrder(id: string) {',
  "  const sql = \"SELECT * FROM orders WHERE id = '\" + id + \"'\";",
  '  return db.query(sql);',
  '}',
]);
const AWS = added('src/config/aws.ts', [
  'export const aws = {',
  "  region: 'eu-west-1',",
  `  accessKeyId: '${AWS_ID}',`,
  `  secretAccessKey: '${AWS_SECRET}',`,
  '};',
]);
const LOCK_LINES = Array.from({ length: 3000 }, (_, i) => `    "node_modules/pkg-${i}": { "version": "1.0.${i}", "integrity": "sha512-lockfile-line-${i}" },`);
const LOCKFILE = added('package-lock.json', LOCK_LINES);

async function app(): Promise<TestApp> {
  t = await startTestApp();
  t.gh.setPermission(t.owner, t.repo, AUTHOR, 'write');
  return t;
}

function openPr(a: TestApp, files: PullFileInput[]) {
  return a.gh.addPullRequest({ owner: a.owner, repo: a.repo, number: PR, title: 'Order status', body: 'Adds an order status.', user: AUTHOR, labels: ['backend'], files });
}

function prEvent(a: TestApp, action: string, extra: (p: LoosePayload) => void = () => {}) {
  const pull = a.gh.repo(a.owner, a.repo).pulls.get(PR)!;
  return a.payload('pull_request', action, (p) => {
    p.number = PR;
    p.pull_request.number = PR;
    p.pull_request.title = 'Order status';
    p.pull_request.body = 'Adds an order status.';
    p.pull_request.draft = false;
    p.pull_request.state = 'open';
    p.pull_request.merged = false;
    p.pull_request.head = { ...p.pull_request.head, sha: pull.headSha, ref: pull.headRef };
    p.pull_request.base = { ...p.pull_request.base, sha: pull.baseSha, ref: pull.baseRef };
    p.pull_request.labels = [{ ...(p.pull_request.labels?.[0] ?? {}), name: 'backend' }];
    p.pull_request.user = { ...p.pull_request.user, login: AUTHOR, type: 'User' };
    p.sender = { ...p.sender, login: AUTHOR, type: 'User' };
    extra(p);
  });
}

const summary = (a: TestApp) => a.gh.comments(a.owner, a.repo, PR).filter((c) => c.user.login === a.gh.botLogin);
const modelText = (a: TestApp) => a.claude!.accepted().map((r) => JSON.stringify(r.body));
const writesText = (a: TestApp) => a.gh.writes().map((w) => JSON.stringify(w.body ?? ''));
const inline = (a: TestApp) => a.gh.reviews(a.owner, a.repo, PR).flatMap((r) => r.comments);

describe('backend PR reviews through signed webhooks', () => {
  it('lints a modified migration whole, read at the pinned head sha, and reports on its changed line', async () => {
    const a = await app();
    const content = ['-- Orders', 'CREATE TABLE orders (id bigint PRIMARY KEY);', '', 'ALTER TABLE orders ADD COLUMN region text NOT NULL;', ''].join('\n');
    openPr(a, [
      {
        filename: 'db/migrations/001_orders.sql',
        status: 'modified',
        patch: ['@@ -1,2 +1,4 @@', ' -- Orders', ' CREATE TABLE orders (id bigint PRIMARY KEY);', '+', '+ALTER TABLE orders ADD COLUMN region text NOT NULL;'].join('\n'),
        additions: 2,
        deletions: 0,
        content,
      },
    ]);
    await a.send('pull_request', prEvent(a, 'opened'));
    const [outcome] = await a.waitForOutcomes(1);
    expect(outcome!.outcome.status).toBe('done');
    const headSha = a.gh.repo(a.owner, a.repo).pulls.get(PR)!.headSha;
    const reads = a.gh.requests.filter((r) => r.method === 'GET' && r.path.endsWith(encodeURIComponent('001_orders.sql')));
    expect(reads.map((r) => r.query.ref)).toEqual([headSha]);
    const body = summary(a)[0]!.body;
    expect(body).toContain('`db/migrations/001_orders.sql:4`');
    expect(body).toContain('adding-required-field');
    a.gh.assertNoViolations();
  });

  it('the fixture PR: each problem on its line, the key never sent or posted, the lockfile never sent, inline comments accepted, a check run', async () => {
    const a = await app();
    openPr(a, [MIGRATION, REPOSITORY, AWS, LOCKFILE]);
    expect((await a.send('pull_request', prEvent(a, 'opened'))).status).toBe(200);
    const [first] = await a.waitForOutcomes(1);
    expect(first!.outcome).toMatchObject({ status: 'done', details: { engine: 'claude' } });

    const checks = a.gh.checkRuns(a.owner, a.repo);
    expect(checks).toHaveLength(1);
    const annotations = checks[0]!.annotations.map((x) => `${String(x.path)}:${String(x.start_line)} ${String(x.title)}`);
    const at = (path: string, line: number, pattern: RegExp) =>
      expect(annotations.filter((x) => x.startsWith(`${path}:${line} `)).some((x) => pattern.test(x)), `${path}:${line} ${pattern}\n${annotations.join('\n')}`).toBe(true);
    at(MIGRATION.filename, 2, /not.?null|required|default/i);
    at(MIGRATION.filename, 3, /concurren/i);
    at(REPOSITORY.filename, 5, /sql|concaten|injection/i);
    at(AWS.filename, 3, /secret|key|credential/i);

    // Secrets: never to the model, never to GitHub.
    for (const text of [...modelText(a), ...writesText(a)]) {
      expect(text).not.toContain(AWS_ID);
      expect(text).not.toContain(AWS_SECRET);
    }
    // The lockfile never reaches the model.
    expect(a.claude!.accepted()).toHaveLength(1);
    for (const text of modelText(a)) expect(text).not.toContain('lockfile-line-');
    expect(modelText(a)[0]).toContain('orders_status_idx');

    // Inline comments: all accepted (the fake answers 422 for off-diff lines), on the right lines.
    const reviewWrites = a.gh.requests.filter((r) => r.template === '/repos/{owner}/{repo}/pulls/{pull_number}/reviews' && r.method === 'POST');
    expect(reviewWrites.map((r) => r.status)).toEqual([200]);
    const lines = inline(a).map((c) => `${c.path}:${c.line}`);
    expect(lines).toEqual(expect.arrayContaining([`${MIGRATION.filename}:2`, `${REPOSITORY.filename}:5`, `${AWS.filename}:3`]));
    expect(lines.every((l) => !l.startsWith('package-lock.json'))).toBe(true);

    // A new migration's patch is the whole file: squawk lints it without fetching it again.
    const headSha = a.gh.repo(a.owner, a.repo).pulls.get(PR)!.headSha;
    const migrationReads = a.gh.requests.filter((r) => r.path.endsWith(encodeURIComponent(MIGRATION.filename)));
    expect(migrationReads).toEqual([]);
    expect(checks[0]!.headSha).toBe(headSha);

    const comments = summary(a);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toMatch(/package-lock\.json/);
    expect(comments[0]!.body).toMatch(/coverage|reviewed/i);
    a.gh.assertNoViolations();
  });

  it('a synchronize with one new commit: only that commit is read, the same comment edited, both shas, no repeated inline comment', async () => {
    const a = await app();
    const pull = openPr(a, [MIGRATION, REPOSITORY]);
    const firstSha = pull.headSha;
    await a.send('pull_request', prEvent(a, 'opened'));
    await a.waitForOutcomes(1);
    const inlineBefore = inline(a).length;
    expect(inlineBefore).toBeGreaterThan(0);

    const handler = added('src/orders/ordersHandler.ts', [
      "import { findOrder } from './orderRepository.js';",
      'export async function getOrder(req: { params: { id: string } }) {',
      '  return findOrder(req.params.id);',
      '}',
    ]);
    const pushed = a.gh.pushToPullRequest(a.owner, a.repo, PR, { files: [MIGRATION, REPOSITORY, handler] });
    const secondSha = pushed.headSha;
    a.gh.setCompare(a.owner, a.repo, firstSha, secondSha, [handler]);
    await a.send('pull_request', prEvent(a, 'synchronize', (p) => {
      p.before = firstSha;
      p.after = secondSha;
    }));
    const outcomes = await a.waitForOutcomes(2);
    expect(outcomes[1]!.outcome.status).toBe('done');

    const requests = a.claude!.accepted();
    expect(requests).toHaveLength(2);
    const second = JSON.stringify(requests[1]!.body);
    expect(second).toContain('ordersHandler.ts');
    expect(second).not.toContain('orderRepository.ts\\n');
    expect(second).not.toContain('ALTER TABLE orders');

    const comments = summary(a);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.edits).toHaveLength(1);
    expect(comments[0]!.body).toContain(firstSha.slice(0, 7));
    expect(comments[0]!.body).toContain(secondSha.slice(0, 7));

    const keys = inline(a).map((c) => `${c.path}:${c.line}:${c.body.split('\n')[0]}`);
    expect(new Set(keys).size).toBe(keys.length);
    a.gh.assertNoViolations();
  });

  it('a synchronize after merging the base branch in: files only the base changed are not reviewed or commented on (no 422)', async () => {
    const a = await app();
    const pull = openPr(a, [REPOSITORY]);
    const firstSha = pull.headSha;
    await a.send('pull_request', prEvent(a, 'opened'));
    await a.waitForOutcomes(1);
    const handler = added('src/orders/ordersHandler.ts', [
      "import { findOrder } from './orderRepository.js';",
      'export async function getOrder(id: string) {',
      "  return db.query('SELECT * FROM orders WHERE id = ' + id);",
      '}',
    ]);
    const pushed = a.gh.pushToPullRequest(a.owner, a.repo, PR, { files: [REPOSITORY, handler] });
    // A merge commit from the default branch: compare(last...head) also lists what the base branch
    // changed meanwhile (here a file with a key), which is not part of this pull request's diff.
    a.gh.setCompare(a.owner, a.repo, firstSha, pushed.headSha, [handler, AWS]);
    await a.send('pull_request', prEvent(a, 'synchronize', (p) => {
      p.before = firstSha;
      p.after = pushed.headSha;
    }));
    const outcomes = await a.waitForOutcomes(2);
    expect(outcomes[1]!.outcome.status).toBe('done');
    expect(inline(a).some((c) => c.path === 'src/config/aws.ts')).toBe(false);
    expect(JSON.stringify(a.claude!.accepted()[1]!.body)).not.toContain('src/config/aws.ts');
    expect(inline(a).some((c) => c.path === 'src/orders/ordersHandler.ts')).toBe(true);
    a.gh.assertNoViolations();
  });

  it('/agency:review again on the same sha: the same comment edited, no inline comment repeated', async () => {
    const a = await app();
    openPr(a, [MIGRATION, REPOSITORY]);
    await a.send('pull_request', prEvent(a, 'opened'));
    await a.waitForOutcomes(1);
    const before = inline(a).length;
    expect(before).toBeGreaterThan(0);
    a.gh.addComment({ owner: a.owner, repo: a.repo, issueNumber: PR, body: '/agency:review', user: AUTHOR });
    const cmd = a.gh.comments(a.owner, a.repo, PR).at(-1)!;
    const payload = a.payload('issue_comment', 'created', (p) => {
      p.issue = { ...p.issue, number: PR, title: 'Order status', body: 'Adds an order status.', pull_request: { url: 'https://api.github.com/repos/acme/api/pulls/12' } };
      p.comment = { ...p.comment, id: cmd.id, body: cmd.body, user: { ...p.comment.user, login: AUTHOR, type: 'User' } };
      p.sender = { ...p.sender, login: AUTHOR, type: 'User' };
    });
    await a.send('issue_comment', payload);
    const outcomes = await a.waitForOutcomes(2);
    expect(outcomes[1]!.outcome.status).toBe('done');
    expect(a.claude!.accepted()).toHaveLength(2);
    expect(inline(a)).toHaveLength(before);
    expect(summary(a)).toHaveLength(1);
    expect(summary(a)[0]!.edits).toHaveLength(1);
    a.gh.assertNoViolations();
  });

  it('a force-push that loses the last reviewed sha: a full review, said so', async () => {
    const a = await app();
    const pull = openPr(a, [MIGRATION, REPOSITORY]);
    const firstSha = pull.headSha;
    await a.send('pull_request', prEvent(a, 'opened'));
    await a.waitForOutcomes(1);
    const pushed = a.gh.pushToPullRequest(a.owner, a.repo, PR, { files: [REPOSITORY, AWS], force: true });
    a.gh.forgetCommit(a.owner, a.repo, firstSha);
    await a.send('pull_request', prEvent(a, 'synchronize', (p) => {
      p.before = firstSha;
      p.after = pushed.headSha;
    }));
    const outcomes = await a.waitForOutcomes(2);
    expect(outcomes[1]!.outcome.status).toBe('done');
    const compare = a.gh.requests.filter((r) => r.path.includes('/compare/'));
    expect(compare.map((r) => r.status)).toEqual([404]);
    const body = summary(a)[0]!.body;
    expect(body).toMatch(/force-push/i);
    expect(body).toMatch(/full review/i);
    expect(summary(a)).toHaveLength(1);
    expect(JSON.stringify(a.claude!.accepted()[1]!.body)).toContain('orderRepository.ts');
    a.gh.assertNoViolations();
  });

  it('a 300-file PR: within the token budget, coverage reported, posted without error', async () => {
    const a = await app();
    const files: PullFileInput[] = [MIGRATION];
    for (let i = 0; i < 299; i += 1) {
      files.push(
        added(
          `src/services/service${String(i).padStart(3, '0')}.ts`,
          Array.from({ length: 120 }, (_, j) => `export const value${j} = computeSomething(${i}, ${j}, 'a fairly long string literal to fill tokens');`),
        ),
      );
    }
    openPr(a, files);
    await a.send('pull_request', prEvent(a, 'opened'));
    const [first] = await a.waitForOutcomes(1, 30_000);
    expect(first!.outcome.status).toBe('done');
    const request = a.claude!.accepted()[0]!;
    const inputChars = JSON.stringify(request.body).length;
    // The default budget is in tokens (about 4 characters each); the whole diff is far larger.
    const diffChars = files.reduce((n, f) => n + (f.patch?.length ?? 0), 0);
    expect(inputChars).toBeLessThan(diffChars / 2);
    // Within the default input budget (60,000 tokens; about 4 characters a token, JSON escaping included).
    expect(inputChars / 4).toBeLessThan(60_000 * 1.1);
    expect(JSON.stringify(request.body)).toContain('ALTER TABLE orders');
    const body = summary(a)[0]!.body;
    expect(body).toMatch(/Reviewed [\d,]+ of [\d,]+ changed lines/);
    expect(body).toMatch(/not reviewed/i);
    expect(a.gh.requests.filter((r) => r.status >= 400)).toEqual([]);
    a.gh.assertNoViolations();
  });
});
