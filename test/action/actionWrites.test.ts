import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub.js';
import { actionPayload, type Json } from './actionPayload.js';
import { BUNDLE, runBundledAction } from './runBundledAction.js';
import { listenOnLoopback } from '../support/ports.js';

const OWNER = 'acme';
const REPO = 'api';
const TOKEN = 'ghs_workflowTokenForWritesTests00000000';
const ACTIONS_BOT = 'github-actions[bot]';
const LEAD = 'lead-dev';
const SETTING = 'Allow GitHub Actions to create and approve pull requests';

/** A real example payload pointed at acme/api, sent by the lead. */
function payload(event: string, action: string, mutate: (p: Json) => void): Json {
  return actionPayload(event, action, mutate, { owner: OWNER, repo: REPO, sender: LEAD });
}

let gh: FakeGitHub;
async function start() {
  gh = await startFakeGitHub();
  gh.addRepo({ owner: OWNER, name: REPO });
  gh.mapToken(TOKEN, ACTIONS_BOT, 'Bot');
  gh.setPermission(OWNER, REPO, LEAD, 'write');
}

function run(eventName: string, event: Json, runId: string) {
  return runBundledAction({ eventName, payload: event, repository: `${OWNER}/${REPO}`, apiUrl: gh.url, inputs: { 'github-token': TOKEN }, env: { GITHUB_RUN_ID: runId } });
}

function adrCommand(issueNumber: number): Json {
  const comment = gh.addComment({ owner: OWNER, repo: REPO, issueNumber, body: '/agency:adr Use Postgres for the job queue', user: LEAD });
  return payload('issue_comment', 'created', (p) => {
    p.issue = { ...p.issue, number: issueNumber, title: 'Job queue', user: { ...p.issue.user, login: LEAD }, pull_request: undefined };
    p.comment = { ...p.comment, id: comment.id, body: comment.body, user: { ...p.comment.user, login: LEAD, type: 'User' } };
  });
}

beforeAll(() => {
  if (!existsSync(BUNDLE)) throw new Error('dist/action.js is missing: run `npm run build:action`');
});
afterEach(async () => {
  await gh?.close();
});

describe('the Action and the writes GitHub refuses', () => {
  it('with "Allow GitHub Actions to create and approve pull requests" off: names the setting, and a later run with it on completes with the same number', async () => {
    await start();
    const issue = gh.addIssue({ owner: OWNER, repo: REPO, title: 'Job queue', body: 'Which queue for background jobs?', user: LEAD });
    const first = await run('issue_comment', adrCommand(issue.number), '5001');
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('::error');
    expect(first.stdout).toContain(SETTING);
    expect(first.stdout).toContain('managing-github-actions-settings-for-a-repository#preventing-github-actions-from-creating-or-approving-pull-requests');
    // Not mistaken for a read-only token: no fallback to the job summary.
    expect(first.summary).toBe('');
    const repo = gh.repo(OWNER, REPO);
    expect(repo.pulls.size).toBe(0);
    const branch = 'agency/adr-0001-use-postgres-for-the-job-queue';
    expect([...repo.git.refs.keys()].filter((r) => r.startsWith('heads/agency/'))).toEqual([`heads/${branch}`]);
    const comment = gh.comments(OWNER, REPO, issue.number).find((c) => c.user.login === ACTIONS_BOT)!;
    expect(comment.body).toContain(SETTING);
    expect(comment.body).toContain(`https://github.com/${OWNER}/${REPO}/compare/main...${branch}?expand=1`);
    expect(first.outputs['adr-pr-url']).toBe('');

    repo.actionsCanCreatePullRequests = true;
    const second = await run('issue_comment', adrCommand(issue.number), '5002');
    expect(second.stdout).not.toContain('::error');
    expect(second.code).toBe(0);
    const pulls = [...repo.pulls.values()];
    expect(pulls.map((p) => p.headRef)).toEqual([branch]);
    expect(second.outputs['adr-pr-url']).toMatch(new RegExp(`/pull/${pulls[0]!.number}$`));
    expect([...repo.git.refs.keys()].filter((r) => r.startsWith('agency/adr-numbers/'))).toEqual(['agency/adr-numbers/0001']);
    gh.assertNoViolations();
  }, 60_000);

  it('a failed write after others succeeded: the error says what was published and what was not', async () => {
    await start();
    const lines = ['export async function totals(ids: string[]) {', '  for (const id of ids) await db.query(`SELECT 1 WHERE id = ${id}`);', '}'];
    const pr = gh.addPullRequest({
      owner: OWNER,
      repo: REPO,
      title: 'Order totals',
      user: LEAD,
      labels: ['backend'],
      files: [{ filename: 'src/orders/totals.ts', status: 'added', patch: `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join('\n')}`, additions: lines.length, deletions: 0, content: `${lines.join('\n')}\n` }],
    });
    gh.failNext('POST', '/repos/{owner}/{repo}/check-runs', 500, undefined, { times: 5 });
    const event = payload('pull_request', 'opened', (p) => {
      p.number = pr.number;
      p.pull_request = {
        ...p.pull_request,
        number: pr.number,
        title: 'Order totals',
        user: { ...p.pull_request.user, login: LEAD },
        labels: [{ name: 'backend' }],
        draft: false,
        head: { ...p.pull_request.head, sha: pr.headSha, ref: pr.headRef, repo: { ...p.pull_request.head.repo, full_name: `${OWNER}/${REPO}` } },
        base: { ...p.pull_request.base, sha: pr.baseSha, ref: 'main', repo: { ...p.pull_request.base.repo, full_name: `${OWNER}/${REPO}` } },
      };
    });
    const result = await run('pull_request', event, '6001');
    expect(result.code).toBe(1);
    expect(gh.reviews(OWNER, REPO, pr.number)).toHaveLength(1);
    expect(result.stdout).toMatch(/::error title=Agency Architect::the run failed \(GitHub answered HTTP 500\)\. The review was posted; the check run was not created\./);
    expect(result.stdout).not.toMatch(/nothing was changed/i);
  });

  it('GitHub unreachable (every connection dropped without an answer): tried 4 times (after 1, 4 and 9 s), then says so, not that GitHub answered', async () => {
    await start(); // afterEach closes it; this run never reaches it
    let connections = 0;
    const dropping = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    const url = `http://127.0.0.1:${await listenOnLoopback(dropping)}`;
    const event = payload('pull_request', 'opened', (p) => {
      p.pull_request = { ...p.pull_request, labels: [{ name: 'backend' }], draft: false };
    });
    try {
      const result = await runBundledAction({ eventName: 'pull_request', payload: event, repository: `${OWNER}/${REPO}`, apiUrl: url, inputs: { 'github-token': TOKEN } });
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/::error title=Agency Architect::the run failed \(GitHub could not be reached\)\. Nothing was changed\./);
      expect(result.stdout).not.toMatch(/answered HTTP/);
      // The first read and its three retries; nothing after the run gave up.
      expect(connections).toBe(4);
    } finally {
      await new Promise((resolve) => dropping.close(resolve));
    }
  }, 40_000); // 14 s of retry waits
});
