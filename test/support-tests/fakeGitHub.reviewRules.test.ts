/**
 * The fake GitHub refuses, on the review path, what GitHub refuses: each rule with its doc link in
 * fakeGitHubRoutesPulls.ts. Each test failed against the earlier, lenient fake, except the compare cap,
 * which it already enforced (kept here so the product's fallback keeps a fake to be tested against).
 */
import type { Octokit } from '@octokit/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub.js';
import { reviewDecision } from '../support/fakeGitHubReviewDecision.js';
import { quietOctokit } from './quietOctokit.js';
import { addedPullFile as added } from '../support/addedPullFile.js';

let gh: FakeGitHub;
let octokit: Octokit;
let head: string;


const A = added('src/a.ts', ['export const a = 1;']);

beforeEach(async () => {
  gh = await startFakeGitHub();
  gh.addRepo({ owner: 'acme', name: 'api' });
  head = gh.addPullRequest({ owner: 'acme', repo: 'api', number: 12, user: 'alice', files: [A] }).headSha;
  octokit = quietOctokit(gh.url);
});

afterEach(async () => {
  await gh.close();
});

const check = (output: Record<string, unknown>) =>
  octokit.rest.checks.create({ owner: 'acme', repo: 'api', name: 'Agency Architect', head_sha: head, status: 'completed', conclusion: 'neutral', output: { title: 't', summary: 's', ...output } });
const note = (extra: Record<string, unknown>) => ({ path: 'src/a.ts', start_line: 1, end_line: 1, annotation_level: 'warning', message: 'm', ...extra });

describe('fake GitHub: check runs as strict as GitHub', () => {
  it('counts output.summary and output.text in UTF-8 bytes: 65,535 bytes pass, one more is 422', async () => {
    // 21,845 three-byte characters = 65,535 bytes; far fewer UTF-16 code units than 65,535.
    await expect(check({ summary: '検'.repeat(21_845) })).resolves.toMatchObject({ status: 201 });
    await expect(check({ summary: `${'検'.repeat(21_845)}x` })).rejects.toMatchObject({ status: 422 });
    await expect(check({ text: '€'.repeat(30_000) })).rejects.toMatchObject({ status: 422 });
    const created = await check({});
    await expect(
      octokit.rest.checks.update({ owner: 'acme', repo: 'api', check_run_id: created.data.id, output: { title: 't', summary: '検'.repeat(22_000) } }),
    ).rejects.toMatchObject({ status: 422 });
    expect(gh.checkRuns('acme', 'api')).toHaveLength(2);
    gh.assertNoViolations();
  });

  it('refuses the whole request (422) for an annotation on line 0, ending before it starts, or on a path outside the commit', async () => {
    for (const bad of [note({ start_line: 0, end_line: 0 }), note({ start_line: 3, end_line: 2 }), note({ path: 'src/elsewhere.ts' })]) {
      await expect(check({ annotations: [note({}), bad] })).rejects.toMatchObject({ status: 422 });
    }
    expect(gh.checkRuns('acme', 'api')).toEqual([]);
    await expect(check({ annotations: [note({}), note({ start_line: 1, end_line: 1, annotation_level: 'failure' })] })).resolves.toMatchObject({ status: 201 });
    gh.assertNoViolations();
  });

  it('answers 403 to a personal token, and to a workflow token whose permissions leave out checks: write', async () => {
    gh.mapToken('ghp_personal', 'alice');
    gh.mapToken('ghs_readonly', 'github-actions[bot]', 'Bot', { contents: 'read', 'pull-requests': 'write', checks: 'read' });
    gh.mapToken('ghs_checks', 'github-actions[bot]', 'Bot', { contents: 'read', checks: 'write' });
    const create = (token: string) => quietOctokit(gh.url, token).rest.checks.create({ owner: 'acme', repo: 'api', name: 'x', head_sha: head });
    await expect(create('ghp_personal')).rejects.toMatchObject({ status: 403, message: expect.stringContaining('You must authenticate via a GitHub App.') });
    await expect(create('ghs_readonly')).rejects.toMatchObject({ status: 403, message: expect.stringContaining('Resource not accessible by integration') });
    await expect(create('ghs_checks')).resolves.toMatchObject({ status: 201 });
    gh.assertNoViolations();
  });
});

describe('fake GitHub: reviews on the diff of their commit', () => {
  it('refuses (422) a review comment on a line that is in the current head diff but not in the diff of its commit_id', async () => {
    const first = head;
    const second = gh.pushToPullRequest('acme', 'api', 12, { files: [A, added('src/b.ts', ['export const b = 2;'])] }).headSha;
    const comment = { path: 'src/b.ts', line: 1, side: 'RIGHT' as const, body: 'b' };
    await expect(octokit.rest.pulls.createReview({ owner: 'acme', repo: 'api', pull_number: 12, commit_id: first, event: 'COMMENT', comments: [comment] })).rejects.toMatchObject({
      status: 422,
    });
    await expect(octokit.rest.pulls.createReview({ owner: 'acme', repo: 'api', pull_number: 12, commit_id: second, event: 'COMMENT', comments: [comment] })).resolves.toMatchObject({
      status: 200,
    });
    // The older commit's own lines still resolve on its diff.
    await expect(
      octokit.rest.pulls.createReview({ owner: 'acme', repo: 'api', pull_number: 12, commit_id: first, event: 'COMMENT', comments: [{ path: 'src/a.ts', line: 1, body: 'a' }] }),
    ).resolves.toMatchObject({ status: 200 });
    gh.assertNoViolations();
  });

  it('a later COMMENT review does not clear changes requested; dismissing it does (a comment review cannot be dismissed)', async () => {
    const bot = octokit;
    const blocking = await bot.rest.pulls.createReview({ owner: 'acme', repo: 'api', pull_number: 12, event: 'REQUEST_CHANGES', body: 'blocker' });
    const comment = await bot.rest.pulls.createReview({ owner: 'acme', repo: 'api', pull_number: 12, event: 'COMMENT', body: 'all good now' });
    const repo = gh.repo('acme', 'api');
    expect(reviewDecision(repo, 12)).toBe('CHANGES_REQUESTED');
    await expect(
      bot.rest.pulls.dismissReview({ owner: 'acme', repo: 'api', pull_number: 12, review_id: comment.data.id, message: 'x' }),
    ).rejects.toMatchObject({ status: 422 });
    const dismissed = await bot.rest.pulls.dismissReview({ owner: 'acme', repo: 'api', pull_number: 12, review_id: blocking.data.id, message: 'fixed' });
    expect(dismissed.data.state).toBe('DISMISSED');
    expect(reviewDecision(repo, 12)).toBe('REVIEW_REQUIRED');
    gh.assertNoViolations();
  });
});

describe('fake GitHub: compare', () => {
  it('lists at most 300 files, as GitHub does', async () => {
    const many = Array.from({ length: 305 }, (_, i) => added(`src/gen/f${String(i).padStart(3, '0')}.ts`, [`export const v = ${i};`]));
    const base = head;
    const next = gh.pushToPullRequest('acme', 'api', 12, { files: [A, ...many] }).headSha;
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ owner: 'acme', repo: 'api', basehead: `${base}...${next}` });
    expect(data.files).toHaveLength(300);
    gh.assertNoViolations();
  });
});
