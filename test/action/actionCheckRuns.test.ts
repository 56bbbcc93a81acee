/**
 * The bundled Action with tokens GitHub does not let create check runs: a personal token (403 "You must
 * authenticate via a GitHub App.") and a workflow token without `checks: write`. The review is published,
 * the check run is skipped with a note, and the job does not fail for it.
 */
import { existsSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub.js';
import { webhookExample } from '../triggers/webhookExample.js';
import { BUNDLE, runBundledAction } from './runBundledAction.js';

const OWNER = 'acme';
const REPO = 'api';
const LEAD = 'lead-dev';
const LINES = ['export const aws = {', "  accessKeyId: 'AKIAQSLOJOLIENSB3IAR',", '};'];

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let gh: FakeGitHub;
afterEach(async () => {
  await gh?.close();
});
beforeAll(() => {
  if (!existsSync(BUNDLE)) throw new Error('dist/action.js is missing: run `npm run build:action`');
});

function pullOpened(number: number): Json {
  const pr = gh.repo(OWNER, REPO).pulls.get(number)!;
  const p = webhookExample<Json>('pull_request', 'opened');
  p.repository = { ...p.repository, name: REPO, full_name: `${OWNER}/${REPO}`, owner: { ...p.repository.owner, login: OWNER }, default_branch: 'main' };
  p.sender = { ...p.sender, login: LEAD, type: 'User' };
  p.number = number;
  p.pull_request = {
    ...p.pull_request,
    number,
    title: 'Config',
    user: { ...p.pull_request.user, login: LEAD },
    labels: [{ name: 'backend' }],
    draft: false,
    head: { ...p.pull_request.head, sha: pr.headSha, ref: pr.headRef, repo: { ...p.pull_request.head.repo, full_name: `${OWNER}/${REPO}` } },
    base: { ...p.pull_request.base, sha: pr.baseSha, ref: 'main', repo: { ...p.pull_request.base.repo, full_name: `${OWNER}/${REPO}` } },
  };
  return p;
}

async function reviewWith(token: string, login: string, type: 'User' | 'Bot', permissions?: Record<string, 'read' | 'write' | 'none'>) {
  gh = await startFakeGitHub();
  gh.addRepo({ owner: OWNER, name: REPO });
  gh.mapToken(token, login, type, permissions);
  gh.setPermission(OWNER, REPO, LEAD, 'write');
  gh.setPermission(OWNER, REPO, login, 'write');
  const pr = gh.addPullRequest({
    owner: OWNER,
    repo: REPO,
    title: 'Config',
    user: LEAD,
    labels: ['backend'],
    files: [{ filename: 'src/config/aws.ts', status: 'added', patch: `@@ -0,0 +1,3 @@\n${LINES.map((l) => `+${l}`).join('\n')}`, additions: 3, deletions: 0, content: `${LINES.join('\n')}\n` }],
  });
  const result = await runBundledAction({ eventName: 'pull_request', payload: pullOpened(pr.number), repository: `${OWNER}/${REPO}`, apiUrl: gh.url, inputs: { 'github-token': token } });
  return { result, number: pr.number };
}

describe('the bundled action when GitHub refuses the check run', () => {
  it('a personal token: the review and comment are published, the check run is skipped with a note, the job succeeds', async () => {
    const { result, number } = await reviewWith('ghp_personalTokenForTests0000000000000', 'alice', 'User');
    expect(result.stdout).not.toContain('::error');
    expect(result.code).toBe(0);
    expect(gh.checkRuns(OWNER, REPO)).toEqual([]);
    const refused = gh.requests.filter((r) => r.template === '/repos/{owner}/{repo}/check-runs');
    expect(refused.map((r) => r.status)).toEqual([403]);
    const comments = gh.comments(OWNER, REPO, number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.user.login).toBe('alice');
    expect(comments[0]!.body).toMatch(/No check run was created/);
    expect(comments[0]!.body).toContain('src/config/aws.ts:2');
    expect(result.outputs['findings-blocker']).not.toBe('0');
    gh.assertNoViolations();
  });

  it('a workflow token without checks: write: the same', async () => {
    const { result, number } = await reviewWith('ghs_workflowNoChecks000000000000000', 'github-actions[bot]', 'Bot', { contents: 'read', 'pull-requests': 'write', issues: 'write', checks: 'read' });
    expect(result.code).toBe(0);
    expect(gh.checkRuns(OWNER, REPO)).toEqual([]);
    expect(gh.comments(OWNER, REPO, number)[0]!.body).toMatch(/No check run was created/);
    gh.assertNoViolations();
  });
});
