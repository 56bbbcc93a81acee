import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/startTestApp.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** `METHOD template` of each GitHub request made since `from`. */
function since(a: TestApp, from: number): string[] {
  return a.gh.requests.slice(from).map((r) => `${r.method} ${r.template ?? r.path}`);
}

describe('GitHub requests per event', () => {
  it('a plan: at most 8 on the first event of a repository, fewer on a repeat', async () => {
    const a = (t = await startTestApp());
    a.gh.addIssue({ owner: a.owner, repo: a.repo, number: 7, title: 'Orders API', body: 'An orders API.', labels: ['backend'] });
    a.gh.setPermission(a.owner, a.repo, 'lead', 'write');
    const labeled = () =>
      a.payload('issues', 'labeled', (p) => {
        p.issue = { ...p.issue, number: 7, title: 'Orders API', body: 'An orders API.' };
        delete p.issue.pull_request;
        p.label = { ...p.label, name: 'backend' };
        p.sender = { ...p.sender, login: 'lead', type: 'User' };
      });
    await a.send('issues', labeled());
    await a.waitForOutcomes(1);
    const first = since(a, 0);
    expect(first).toEqual([
      'GET /app', // the bot's login (once per process)
      'POST /app/installations/{installation_id}/access_tokens', // installation token (cached by Probot)
      'GET /repos/{owner}/{repo}/contents/{path}', // root listing: which config folders exist (cached 60 s per repo)
      'GET /repos/{owner}/{repo}/collaborators/{username}/permission', // authorization
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments', // living comment + discussion
      'GET /repos/{owner}/{repo}/git/trees/{tree_sha}', // repository map: one recursive tree (blobs cached by sha)
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments', // the plan
    ]);
    const mark = a.gh.requests.length;
    await a.send('issues', labeled());
    await a.waitForOutcomes(2);
    expect(since(a, mark)).toEqual([
      'GET /repos/{owner}/{repo}/collaborators/{username}/permission',
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'GET /repos/{owner}/{repo}/git/trees/{tree_sha}', // same tree sha: the map is reused whole
      'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
    ]);
    a.gh.assertNoViolations();
  });

  it('a review: at most 8 plus pagination', async () => {
    const a = (t = await startTestApp());
    a.gh.setPermission(a.owner, a.repo, 'dev', 'write');
    const lines = ['ALTER TABLE orders ADD COLUMN status text NOT NULL;'];
    const pull = a.gh.addPullRequest({
      owner: a.owner,
      repo: a.repo,
      number: 12,
      title: 'Status',
      body: 'Adds a status.',
      user: 'dev',
      labels: ['backend'],
      files: [{ filename: 'db/migrations/001_status.sql', status: 'added', patch: `@@ -0,0 +1,1 @@\n+${lines[0]}`, additions: 1, deletions: 0, content: `${lines[0]}\n` }],
    });
    await a.send(
      'pull_request',
      a.payload('pull_request', 'opened', (p) => {
        p.number = 12;
        p.pull_request = { ...p.pull_request, number: 12, title: 'Status', body: 'Adds a status.', draft: false, state: 'open', labels: [{ name: 'backend' }] };
        p.pull_request.head = { ...p.pull_request.head, sha: pull.headSha, ref: pull.headRef };
        p.pull_request.base = { ...p.pull_request.base, sha: pull.baseSha, ref: pull.baseRef };
        p.pull_request.user = { ...p.pull_request.user, login: 'dev', type: 'User' };
        p.sender = { ...p.sender, login: 'dev', type: 'User' };
      }),
    );
    const [outcome] = await a.waitForOutcomes(1);
    expect(outcome!.outcome.status).toBe('done');
    const perEvent = since(a, 2); // after GET /app and the token exchange
    expect(perEvent).toEqual([
      'GET /repos/{owner}/{repo}/contents/{path}', // root listing (cached 60 s per repo)
      'GET /repos/{owner}/{repo}/collaborators/{username}/permission', // authorization
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments', // living comment + discussion
      'GET /repos/{owner}/{repo}/pulls/{pull_number}', // the current head: a stale event is skipped
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/files', // the diff (paginated, 100 a page)
      'GET /repos/{owner}/{repo}/git/trees/{tree_sha}', // repository map (tables the migrations touch, callers)
      // (a modified migration is read whole at the head sha; a new one's patch is the whole file)
      // (inline comments already posted are listed only on a re-review)
      'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', // the review with inline comments
      'POST /repos/{owner}/{repo}/check-runs', // check run with annotations
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments', // the summary comment
    ]);
    a.gh.assertNoViolations();
  });
});
