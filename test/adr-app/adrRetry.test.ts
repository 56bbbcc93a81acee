import { afterEach, describe, expect, it } from 'vitest';
import type { FakeGitHub } from '../support/fakeGitHub.js';
import { adrJob, adrContext, extras, OWNER, REPO, startRepo } from './adrHarness.js';

const DIR = '.agency/decisions';
const PULLS = '/repos/{owner}/{repo}/pulls';
const REFS = '/repos/{owner}/{repo}/git/refs';
let gh: FakeGitHub | undefined;
afterEach(async () => {
  await gh?.close();
  gh = undefined;
});

const adrBranches = (g: FakeGitHub) => [...g.repo(OWNER, REPO).git.refs.keys()].filter((r) => r.startsWith('heads/agency/adr-')).sort();
const reservations = (g: FakeGitHub) => [...g.repo(OWNER, REPO).git.refs.keys()].filter((r) => r.startsWith('agency/adr-numbers/')).sort();
const pulls = (g: FakeGitHub) => [...g.repo(OWNER, REPO).pulls.values()];
const adrComment = (g: FakeGitHub) => g.comments(OWNER, REPO, 5).find((c) => c.user.login === g.botLogin && c.body.includes('Architecture decision records'));

async function run(g: FakeGitHub, title = 'Use queues') {
  return adrJob(await adrContext(g, 5, title), extras);
}

describe('a retry of the same ADR reuses what the failed run made', () => {
  it('after 5xx on createPull (twice): the same branch and number, never a second one', async () => {
    gh = await startRepo();
    gh.addIssue({ owner: OWNER, repo: REPO, number: 5 });
    gh.failNext('POST', PULLS, 502);
    await expect(run(gh)).rejects.toMatchObject({ status: 502 });
    expect(adrBranches(gh)).toEqual(['heads/agency/adr-0001-use-queues']);

    // The retry meets a 5xx again: it fails loudly instead of starting afresh under a new number.
    gh.failNext('POST', PULLS, 500);
    await expect(run(gh)).rejects.toMatchObject({ status: 500 });
    expect(adrBranches(gh)).toEqual(['heads/agency/adr-0001-use-queues']);
    expect(reservations(gh)).toEqual(['agency/adr-numbers/0001']);

    const outcome = await run(gh);
    expect(outcome.status).toBe('done');
    expect(pulls(gh).map((p) => p.headRef)).toEqual(['agency/adr-0001-use-queues']);
    expect(adrBranches(gh)).toEqual(['heads/agency/adr-0001-use-queues']);
    expect(reservations(gh)).toEqual(['agency/adr-numbers/0001']);
    expect(adrComment(gh)!.body).toMatch(/ADR-0001 “Use queues”: proposed in .*\/pull\/\d+/);
    gh.assertNoViolations();
  });

  it('after 5xx on creating the branch: the reserved number is found by its commit and reused', async () => {
    gh = await startRepo();
    gh.addIssue({ owner: OWNER, repo: REPO, number: 5 });
    // The first ref (the number's reservation) is made; the branch's answers 502.
    gh.failNext('POST', REFS, 502, undefined, { after: 1 });
    await expect(run(gh)).rejects.toMatchObject({ status: 502 });
    expect(adrBranches(gh)).toEqual([]);
    expect(reservations(gh)).toEqual(['agency/adr-numbers/0001']);

    // Another decision meanwhile takes the next number, not ours.
    await run(gh, 'Use cursor pagination');
    expect(adrBranches(gh)).toEqual(['heads/agency/adr-0002-use-cursor-pagination']);

    await run(gh);
    expect(adrBranches(gh)).toEqual(['heads/agency/adr-0001-use-queues', 'heads/agency/adr-0002-use-cursor-pagination']);
    expect(reservations(gh)).toEqual(['agency/adr-numbers/0001', 'agency/adr-numbers/0002']);
    expect(gh.readFile(OWNER, REPO, 'agency/adr-0001-use-queues', `${DIR}/0001-use-queues.md`)).toMatch(/number: 1/);
    expect(pulls(gh).map((p) => p.headRef).sort()).toEqual(['agency/adr-0001-use-queues', 'agency/adr-0002-use-cursor-pagination']);
    gh.assertNoViolations();
  });

  it('a 403 or a rate limit on an existing branch\'s pull request is not swallowed into a fresh number', async () => {
    gh = await startRepo();
    gh.addIssue({ owner: OWNER, repo: REPO, number: 5 });
    gh.failNext('POST', PULLS, 500);
    await expect(run(gh)).rejects.toMatchObject({ status: 500 });
    gh.failNext('POST', PULLS, 403, { message: 'Resource not accessible by integration' });
    await expect(run(gh)).rejects.toMatchObject({ status: 403 });
    gh.failNext('POST', PULLS, 403, { message: 'You have exceeded a secondary rate limit.' }, { headers: { 'retry-after': '60' } });
    await expect(run(gh)).rejects.toMatchObject({ status: 403 });
    expect(adrBranches(gh)).toEqual(['heads/agency/adr-0001-use-queues']);
    expect(reservations(gh)).toEqual(['agency/adr-numbers/0001']);
    expect(pulls(gh)).toHaveLength(0);
  });

  it('"already recorded" links point at the configured server (GitHub Enterprise Server), not github.com', async () => {
    gh = await startRepo();
    gh.addIssue({ owner: OWNER, repo: REPO, number: 5 });
    gh.setFile(OWNER, REPO, 'main', `${DIR}/0001-use-queues.md`, '---\nnumber: 1\ntitle: Use queues\nstatus: accepted\n---\n# 0001. Use queues\n');
    const ctx = { ...(await adrContext(gh, 5, 'Use queues')), repoUrl: 'https://ghe.example.com/acme/api' };
    await adrJob(ctx, extras);
    const body = adrComment(gh)!.body;
    expect(body).toContain(`already recorded as https://ghe.example.com/acme/api/blob/main/${DIR}/0001-use-queues.md`);
    expect(body).not.toContain('https://github.com');
  });
});
