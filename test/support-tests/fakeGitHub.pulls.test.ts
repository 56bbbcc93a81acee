import type { Octokit } from '@octokit/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub, type PullFileInput } from '../support/fakeGitHub.js';
import { quietOctokit } from './quietOctokit.js';

let gh: FakeGitHub;
let octokit: Octokit;

const repoFile = ['import db from "./db";', '', 'export function find(id) {', '  return db.query("SELECT * FROM users WHERE id = " + id);', '}', ''].join('\n');
// Right side lines 1-5 of the new file; hunk of an added file.
const addedPatch = '@@ -0,0 +1,5 @@\n+import db from "./db";\n+\n+export function find(id) {\n+  return db.query("SELECT * FROM users WHERE id = " + id);\n+}';
// A modified file: right lines 10-14, left lines 10-13; line 12 (right) is added, left 12 is deleted.
const modifiedPatch = '@@ -10,4 +10,5 @@ export const config = {\n   port: 8080,\n   host: "0.0.0.0",\n-  pool: 5,\n+  pool: 20,\n+  timeoutMs: 500,\n };';

function files(): PullFileInput[] {
  return [
    { filename: 'src/users.js', status: 'added', patch: addedPatch, additions: 5, deletions: 0, content: repoFile },
    { filename: 'src/config.js', status: 'modified', patch: modifiedPatch, additions: 2, deletions: 1 },
    { filename: 'assets/logo.png', status: 'added', additions: 0, deletions: 0 },
  ];
}

beforeEach(async () => {
  gh = await startFakeGitHub({ validateResponses: true });
  gh.addRepo({ owner: 'acme', name: 'api' });
  gh.addPullRequest({ owner: 'acme', repo: 'api', number: 12, headSha: 'a'.repeat(40), baseSha: 'b'.repeat(40), files: files(), labels: ['backend'], user: 'alice' });
  octokit = quietOctokit(gh.url);
});

afterEach(async () => {
  await gh.close();
});

describe('fake GitHub: pull requests and reviews', () => {
  it('serves the pull request, its issue, files and a diff', async () => {
    const { data: pull } = await octokit.rest.pulls.get({ owner: 'acme', repo: 'api', pull_number: 12 });
    expect(pull.head.sha).toBe('a'.repeat(40));
    expect(pull.base.sha).toBe('b'.repeat(40));
    expect(pull.base.ref).toBe('main');
    expect(pull.changed_files).toBe(3);
    expect(pull.html_url).toBe('https://github.com/acme/api/pull/12');
    const { data: issue } = await octokit.rest.issues.get({ owner: 'acme', repo: 'api', issue_number: 12 });
    expect(issue.pull_request?.html_url).toBe('https://github.com/acme/api/pull/12');
    const { data: listed } = await octokit.rest.pulls.listFiles({ owner: 'acme', repo: 'api', pull_number: 12 });
    expect(listed.map((file) => [file.filename, file.status, file.changes])).toEqual([
      ['src/users.js', 'added', 5],
      ['src/config.js', 'modified', 3],
      ['assets/logo.png', 'added', 0],
    ]);
    expect(listed[2]?.patch).toBeUndefined();
    const diff = await octokit.rest.pulls.get({ owner: 'acme', repo: 'api', pull_number: 12, mediaType: { format: 'diff' } });
    expect(String(diff.data)).toContain('diff --git a/src/config.js b/src/config.js\n--- a/src/config.js\n+++ b/src/config.js\n@@ -10,4 +10,5 @@');
    // The head commit holds the seeded content.
    const content = await octokit.rest.repos.getContent({ owner: 'acme', repo: 'api', path: 'src/users.js', ref: 'a'.repeat(40) });
    expect(Buffer.from((content.data as { content: string }).content, 'base64').toString('utf8')).toBe(repoFile);
    gh.assertNoViolations();
  });

  it('accepts a review whose inline comments sit on right-side lines (added or context)', async () => {
    const { data } = await octokit.rest.pulls.createReview({
      owner: 'acme',
      repo: 'api',
      pull_number: 12,
      event: 'COMMENT',
      body: 'Review',
      comments: [
        { path: 'src/users.js', line: 4, body: 'SQL built by concatenation' },
        { path: 'src/config.js', line: 11, side: 'RIGHT', body: 'context line' },
        { path: 'src/config.js', start_line: 12, line: 13, body: 'multi-line' },
        { path: 'src/config.js', line: 12, side: 'LEFT', body: 'removed line' },
      ],
    });
    expect(data.state).toBe('COMMENTED');
    expect(data.html_url).toBe(`https://github.com/acme/api/pull/12#pullrequestreview-${data.id}`);
    const { data: comments } = await octokit.rest.pulls.listReviewComments({ owner: 'acme', repo: 'api', pull_number: 12 });
    expect(comments.map((comment) => [comment.path, comment.line, comment.side, comment.position])).toEqual([
      ['src/users.js', 4, 'RIGHT', 4],
      ['src/config.js', 11, 'RIGHT', 2],
      ['src/config.js', 13, 'RIGHT', 5],
      ['src/config.js', 12, 'LEFT', 3],
    ]);
    expect(comments[0]?.diff_hunk).toBe(addedPatch.split('\n').slice(0, 5).join('\n'));
    expect(comments[2]?.start_line).toBe(12);
    expect(gh.reviews('acme', 'api', 12)[0]?.comments).toHaveLength(4);
    gh.assertNoViolations();
  });

  it('rejects the whole review (422, nothing created) when a line is off the diff or a path is not in the PR', async () => {
    const offDiff = octokit.rest.pulls.createReview({
      owner: 'acme',
      repo: 'api',
      pull_number: 12,
      event: 'COMMENT',
      body: 'Review',
      comments: [
        { path: 'src/users.js', line: 2, body: 'fine' },
        { path: 'src/config.js', line: 30, body: 'outside every hunk' },
      ],
    });
    await expect(offDiff).rejects.toMatchObject({ status: 422, response: { data: { message: 'Unprocessable Entity', errors: ['Line could not be resolved'] } } });
    const deletedOnRight = octokit.rest.pulls.createReview({
      owner: 'acme',
      repo: 'api',
      pull_number: 12,
      event: 'COMMENT',
      comments: [{ path: 'src/config.js', line: 14, side: 'LEFT', body: 'left 14 is not in the hunk' }],
    });
    await expect(deletedOnRight).rejects.toMatchObject({ status: 422 });
    const wrongPath = octokit.rest.pulls.createReview({
      owner: 'acme',
      repo: 'api',
      pull_number: 12,
      event: 'COMMENT',
      comments: [{ path: 'src/other.js', line: 1, body: 'x' }],
    });
    await expect(wrongPath).rejects.toMatchObject({ status: 422, response: { data: { errors: ['Path could not be resolved'] } } });
    const binary = octokit.rest.pulls.createReview({
      owner: 'acme',
      repo: 'api',
      pull_number: 12,
      event: 'COMMENT',
      comments: [{ path: 'assets/logo.png', line: 1, body: 'no patch' }],
    });
    await expect(binary).rejects.toMatchObject({ status: 422 });
    expect(gh.reviews('acme', 'api', 12)).toEqual([]);
    expect(gh.repo('acme', 'api').reviewComments.size).toBe(0);
    gh.assertNoViolations();
  });

  it('resolves the deprecated position the way GitHub counts it', async () => {
    await octokit.rest.pulls.createReview({
      owner: 'acme',
      repo: 'api',
      pull_number: 12,
      event: 'COMMENT',
      comments: [{ path: 'src/config.js', position: 4, body: 'pool: 20' }],
    });
    const [review] = gh.reviews('acme', 'api', 12);
    expect(review?.comments[0]).toMatchObject({ line: 12, side: 'RIGHT', position: 4 });
    await expect(
      octokit.rest.pulls.createReview({ owner: 'acme', repo: 'api', pull_number: 12, event: 'COMMENT', comments: [{ path: 'src/config.js', position: 9, body: 'x' }] }),
    ).rejects.toMatchObject({ status: 422 });
  });

  it('rejects a check run with 51 annotations (422) and appends annotations across updates', async () => {
    const annotation = (line: number) => ({ path: 'src/users.js', start_line: line, end_line: line, annotation_level: 'warning' as const, message: `m${line}` });
    const tooMany = Array.from({ length: 51 }, (_, i) => annotation(i + 1));
    await expect(
      octokit.rest.checks.create({ owner: 'acme', repo: 'api', name: 'Agency Architect', head_sha: 'a'.repeat(40), output: { title: 't', summary: 's', annotations: tooMany } }),
    ).rejects.toMatchObject({ status: 422 });
    expect(gh.checkRuns('acme', 'api')).toEqual([]);

    const created = await octokit.rest.checks.create({
      owner: 'acme',
      repo: 'api',
      name: 'Agency Architect',
      head_sha: 'a'.repeat(40),
      status: 'in_progress',
      output: { title: 't', summary: 's', annotations: tooMany.slice(0, 50) },
    });
    expect(created.status).toBe(201);
    expect(created.data.html_url).toBe(`https://github.com/acme/api/runs/${created.data.id}`);
    expect(created.data.pull_requests.map((pull) => pull.number)).toEqual([12]);
    const updated = await octokit.rest.checks.update({
      owner: 'acme',
      repo: 'api',
      check_run_id: created.data.id,
      conclusion: 'neutral',
      output: { title: 't', summary: 's', annotations: [annotation(60)] },
    });
    expect(updated.data.status).toBe('completed');
    expect(updated.data.output.annotations_count).toBe(51);
    await expect(
      octokit.rest.checks.update({ owner: 'acme', repo: 'api', check_run_id: created.data.id, output: { title: 't', summary: 's', annotations: tooMany } }),
    ).rejects.toMatchObject({ status: 422 });
    expect(gh.checkRuns('acme', 'api')[0]?.annotations).toHaveLength(51);
    // GitHub's schema says maxItems 50: both oversized requests are also recorded as violations.
    expect(gh.violations.map((violation) => [violation.kind, violation.details])).toEqual([
      ['invalid-body', ['body/output/annotations must NOT have more than 50 items']],
      ['invalid-body', ['body/output/annotations must NOT have more than 50 items']],
    ]);
  });

  it('paginates 250 files over 3 pages and caps the list at 3000 files like GitHub', async () => {
    const many = (count: number): PullFileInput[] =>
      Array.from({ length: count }, (_, i) => ({ filename: `src/f${String(i).padStart(4, '0')}.ts`, status: 'added', additions: 1, deletions: 0, patch: '@@ -0,0 +1 @@\n+x' }));
    gh.addPullRequest({ owner: 'acme', repo: 'api', number: 20, files: many(250) });
    const pages: number[] = [];
    for await (const page of octokit.paginate.iterator(octokit.rest.pulls.listFiles, { owner: 'acme', repo: 'api', pull_number: 20, per_page: 100 })) {
      pages.push(page.data.length);
    }
    expect(pages).toEqual([100, 100, 50]);
    const oversized = await octokit.rest.pulls.listFiles({ owner: 'acme', repo: 'api', pull_number: 20, per_page: 500 });
    expect(oversized.data).toHaveLength(100);

    gh.addPullRequest({ owner: 'acme', repo: 'api', number: 21, files: many(3100) });
    const all = await octokit.paginate(octokit.rest.pulls.listFiles, { owner: 'acme', repo: 'api', pull_number: 21, per_page: 100 });
    expect(all).toHaveLength(3000);
    gh.assertNoViolations();
  });

  it('opens a pull request once: the same head again is 422 "A pull request already exists"', async () => {
    gh.setFile('acme', 'api', 'main', 'README.md', '# api\n');
    const main = await octokit.rest.git.getRef({ owner: 'acme', repo: 'api', ref: 'heads/main' });
    await octokit.rest.git.createRef({ owner: 'acme', repo: 'api', ref: 'refs/heads/adr/0001-use-postgres', sha: main.data.object.sha });
    gh.setFile('acme', 'api', 'adr/0001-use-postgres', '.agency/decisions/0001-use-postgres.md', '# Use Postgres\n');
    const created = await octokit.rest.pulls.create({ owner: 'acme', repo: 'api', title: 'ADR 0001', head: 'adr/0001-use-postgres', base: 'main' });
    expect(created.status).toBe(201);
    expect(created.data.number).toBe(13);
    const files = await octokit.rest.pulls.listFiles({ owner: 'acme', repo: 'api', pull_number: 13 });
    expect(files.data.map((file) => [file.filename, file.status, file.patch])).toEqual([
      ['.agency/decisions/0001-use-postgres.md', 'added', '@@ -0,0 +1 @@\n+# Use Postgres'],
    ]);
    const again = octokit.rest.pulls.create({ owner: 'acme', repo: 'api', title: 'ADR 0001', head: 'acme:adr/0001-use-postgres', base: 'main' });
    await expect(again).rejects.toMatchObject({ status: 422, message: expect.stringContaining('A pull request already exists for acme:adr/0001-use-postgres.') });
    const open = await octokit.rest.pulls.list({ owner: 'acme', repo: 'api', head: 'acme:adr/0001-use-postgres', state: 'open' });
    expect(open.data.map((pull) => pull.number)).toEqual([13]);
    const none = await octokit.rest.pulls.list({ owner: 'acme', repo: 'api', head: 'acme:nope', state: 'open' });
    expect(none.data).toEqual([]);
    gh.assertNoViolations();
  });

  it('compares two pushes of a pull request, and answers 404 for a sha lost to a force-push', async () => {
    const first = 'a'.repeat(40);
    const second = 'c'.repeat(40);
    gh.pushToPullRequest('acme', 'api', 12, {
      headSha: second,
      files: [{ filename: 'src/users.js', status: 'added', additions: 6, deletions: 0, content: repoFile + 'export const x = 1;\n' }],
    });
    const compare = await octokit.rest.repos.compareCommitsWithBasehead({ owner: 'acme', repo: 'api', basehead: `${first}...${second}` });
    expect(compare.data.status).toBe('ahead');
    expect(compare.data.ahead_by).toBe(1);
    expect(compare.data.files?.map((file) => [file.filename, file.status, file.additions, file.deletions])).toEqual([['src/users.js', 'modified', 1, 0]]);
    expect(compare.data.files?.[0]?.patch).toContain('+export const x = 1;');
    const pull = await octokit.rest.pulls.get({ owner: 'acme', repo: 'api', pull_number: 12 });
    expect(pull.data.head.sha).toBe(second);

    gh.pushToPullRequest('acme', 'api', 12, { headSha: 'd'.repeat(40), files: files(), force: true });
    await expect(octokit.rest.repos.compareCommitsWithBasehead({ owner: 'acme', repo: 'api', basehead: `${second}...${'d'.repeat(40)}` })).rejects.toMatchObject({
      status: 404,
    });
    gh.assertNoViolations();
  });

  it('follows the head branch: a push through the git API moves the head and recomputes the files', async () => {
    const head = 'a'.repeat(40);
    const { data: headCommit } = await octokit.rest.git.getCommit({ owner: 'acme', repo: 'api', commit_sha: head });
    const tree = await octokit.rest.git.createTree({
      owner: 'acme',
      repo: 'api',
      base_tree: headCommit.tree.sha,
      tree: [{ path: 'src/orders.js', mode: '100644', type: 'blob', content: 'export const orders = [];\n' }],
    });
    const commit = await octokit.rest.git.createCommit({ owner: 'acme', repo: 'api', message: 'orders', tree: tree.data.sha, parents: [head] });
    await octokit.rest.git.updateRef({ owner: 'acme', repo: 'api', ref: 'heads/pr-12', sha: commit.data.sha });
    const { data: pull } = await octokit.rest.pulls.get({ owner: 'acme', repo: 'api', pull_number: 12 });
    expect(pull.head.sha).toBe(commit.data.sha);
    const { data: listed } = await octokit.rest.pulls.listFiles({ owner: 'acme', repo: 'api', pull_number: 12 });
    // Recomputed from trees: only files whose content the fake knows (seeded with `content`, or committed).
    expect(listed.map((file) => [file.filename, file.status])).toEqual([
      ['src/orders.js', 'added'],
      ['src/users.js', 'added'],
    ]);
    const { data: commits } = await octokit.rest.pulls.listCommits({ owner: 'acme', repo: 'api', pull_number: 12 });
    expect(commits.map((item) => item.sha)).toEqual([head, commit.data.sha]);
    gh.assertNoViolations();
  });

  it('refuses to approve your own pull request and check runs from a user token', async () => {
    gh.mapToken('alice-token', 'alice');
    const alice = quietOctokit(gh.url, 'alice-token');
    await expect(alice.rest.pulls.createReview({ owner: 'acme', repo: 'api', pull_number: 12, event: 'APPROVE' })).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('Can not approve your own pull request'),
    });
    await expect(alice.rest.checks.create({ owner: 'acme', repo: 'api', name: 'x', head_sha: 'a'.repeat(40) })).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('You must authenticate via a GitHub App.'),
    });
    expect(gh.reviews('acme', 'api', 12)).toEqual([]);
    expect(gh.checkRuns('acme', 'api')).toEqual([]);
    gh.assertNoViolations();
  });
});
