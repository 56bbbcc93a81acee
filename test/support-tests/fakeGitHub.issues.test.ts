import type { Octokit } from '@octokit/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub.js';
import { quietOctokit } from './quietOctokit.js';

let gh: FakeGitHub;
let octokit: Octokit;

beforeEach(async () => {
  gh = await startFakeGitHub({ validateResponses: true });
  gh.addRepo({ owner: 'acme', name: 'api' });
  gh.addIssue({ owner: 'acme', repo: 'api', number: 7, title: 'Add orders endpoint', labels: ['backend'], user: 'alice' });
  octokit = quietOctokit(gh.url);
});

afterEach(async () => {
  await gh.close();
});

describe('fake GitHub: issues and comments', () => {
  it('serves an issue with its labels and html_url', async () => {
    const { data } = await octokit.rest.issues.get({ owner: 'acme', repo: 'api', issue_number: 7 });
    expect(data.title).toBe('Add orders endpoint');
    expect(data.user?.login).toBe('alice');
    expect(data.labels.map((label) => (typeof label === 'string' ? label : label.name))).toEqual(['backend']);
    expect(data.html_url).toBe('https://github.com/acme/api/issues/7');
    expect(data.pull_request).toBeUndefined();
    gh.assertNoViolations();
  });

  it('creates a comment as the bot, edits it in place and records both writes', async () => {
    const created = await octokit.rest.issues.createComment({ owner: 'acme', repo: 'api', issue_number: 7, body: 'plan v1' });
    expect(created.status).toBe(201);
    expect(created.data.user?.login).toBe('agency-architect[bot]');
    expect(created.data.user?.type).toBe('Bot');
    expect(created.data.html_url).toBe(`https://github.com/acme/api/issues/7#issuecomment-${created.data.id}`);

    const edited = await octokit.rest.issues.updateComment({ owner: 'acme', repo: 'api', comment_id: created.data.id, body: 'plan v2' });
    expect(edited.data.body).toBe('plan v2');

    const comments = gh.comments('acme', 'api', 7);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toBe('plan v2');
    expect(comments[0]?.edits.map((edit) => edit.previousBody)).toEqual(['plan v1']);
    expect(gh.writes().map((write) => `${write.method} ${write.template}`)).toEqual([
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
    ]);
    gh.assertNoViolations();
  });

  it('refuses (403) and records a contract violation when the bot edits a human comment', async () => {
    const human = gh.addComment({ owner: 'acme', repo: 'api', issueNumber: 7, body: 'my words', user: 'alice' });
    await expect(octokit.rest.issues.updateComment({ owner: 'acme', repo: 'api', comment_id: human.id, body: 'x' })).rejects.toMatchObject({ status: 403 });
    expect(gh.comments('acme', 'api', 7)[0]?.body).toBe('my words');
    expect(gh.violations.map((violation) => violation.kind)).toEqual(['contract']);
    expect(() => gh.assertNoViolations()).toThrow(/edited a comment by alice/);
  });

  it('paginates comments with a Link header that octokit.paginate follows', async () => {
    for (let i = 0; i < 65; i += 1) gh.addComment({ owner: 'acme', repo: 'api', issueNumber: 7, body: `c${i}`, user: i % 2 ? 'alice' : 'bob' });
    const first = await octokit.rest.issues.listComments({ owner: 'acme', repo: 'api', issue_number: 7, per_page: 30 });
    expect(first.data).toHaveLength(30);
    expect(first.headers.link).toContain('rel="next"');
    expect(first.headers.link).toContain('page=3');
    const all = await octokit.paginate(octokit.rest.issues.listComments, { owner: 'acme', repo: 'api', issue_number: 7, per_page: 30 });
    expect(all.map((comment) => comment.body)).toEqual(Array.from({ length: 65 }, (_, i) => `c${i}`));
    expect(gh.requests.filter((request) => request.template === '/repos/{owner}/{repo}/issues/{issue_number}/comments')).toHaveLength(4);
    gh.assertNoViolations();
  });

  it('answers reactions 201 when new and 200 when the same reaction exists', async () => {
    const comment = gh.addComment({ owner: 'acme', repo: 'api', issueNumber: 7, body: '/agency:plan', user: 'alice' });
    const first = await octokit.rest.reactions.createForIssueComment({ owner: 'acme', repo: 'api', comment_id: comment.id, content: 'eyes' });
    const second = await octokit.rest.reactions.createForIssueComment({ owner: 'acme', repo: 'api', comment_id: comment.id, content: 'eyes' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.data.id).toBe(first.data.id);
    expect(gh.comments('acme', 'api', 7)[0]?.reactions.map((reaction) => reaction.content)).toEqual(['eyes']);
    gh.assertNoViolations();
  });

  it('answers permission with role_name for collaborators and 404 for anyone else', async () => {
    gh.setPermission('acme', 'api', 'alice', 'maintain');
    gh.setPermission('acme', 'api', 'tina', 'triage');
    const alice = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner: 'acme', repo: 'api', username: 'alice' });
    expect(alice.data.permission).toBe('write');
    expect(alice.data.role_name).toBe('maintain');
    const tina = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner: 'acme', repo: 'api', username: 'tina' });
    expect(tina.data.permission).toBe('read');
    await expect(octokit.rest.repos.getCollaboratorPermissionLevel({ owner: 'acme', repo: 'api', username: 'mallory' })).rejects.toMatchObject({
      status: 404,
    });
    gh.assertNoViolations();
  });

  it('answers 404 for a bot account\'s permission, even one given write access: bots are not collaborators', async () => {
    gh.setPermission('acme', 'api', 'renovate[bot]', 'write');
    await expect(octokit.rest.repos.getCollaboratorPermissionLevel({ owner: 'acme', repo: 'api', username: 'renovate[bot]' })).rejects.toMatchObject({
      status: 404,
    });
    await expect(octokit.rest.repos.checkCollaborator({ owner: 'acme', repo: 'api', username: 'renovate[bot]' })).rejects.toMatchObject({ status: 404 });
    gh.assertNoViolations();
  });

  it('adds and removes labels, creating missing labels', async () => {
    const added = await octokit.rest.issues.addLabels({ owner: 'acme', repo: 'api', issue_number: 7, labels: ['adr', 'backend'] });
    expect(added.data.map((label) => label.name)).toEqual(['backend', 'adr']);
    const removed = await octokit.rest.issues.removeLabel({ owner: 'acme', repo: 'api', issue_number: 7, name: 'backend' });
    expect(removed.data.map((label) => label.name)).toEqual(['adr']);
    await expect(octokit.rest.issues.removeLabel({ owner: 'acme', repo: 'api', issue_number: 7, name: 'nope' })).rejects.toMatchObject({ status: 404 });
    gh.assertNoViolations();
  });

  it('acts as a mapped user for a mapped token, and 401s writes without a token', async () => {
    gh.mapToken('user-token', 'alice');
    const asAlice = quietOctokit(gh.url, 'user-token');
    const created = await asAlice.rest.issues.createComment({ owner: 'acme', repo: 'api', issue_number: 7, body: 'hi' });
    expect(created.data.user?.login).toBe('alice');
    expect(created.data.author_association).toBe('NONE');
    const me = await asAlice.rest.users.getAuthenticated();
    expect(me.data.login).toBe('alice');
    // Like GitHub, an installation token (the app's bot) is not a user: GET /user is 403.
    await expect(octokit.rest.users.getAuthenticated()).rejects.toMatchObject({ status: 403 });
    const anonymous = quietOctokit(gh.url, null);
    await expect(anonymous.rest.issues.createComment({ owner: 'acme', repo: 'api', issue_number: 7, body: 'hi' })).rejects.toMatchObject({ status: 401 });
    gh.assertNoViolations();
  });

  it('injects faults once: failNext by template, then the request succeeds', async () => {
    gh.failNext('POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', 403);
    await expect(octokit.rest.issues.createComment({ owner: 'acme', repo: 'api', issue_number: 7, body: 'a' })).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('Resource not accessible by integration'),
    });
    gh.failNext('GET', '/repos/acme/api/issues/*', 500, { message: 'boom' });
    await expect(octokit.rest.issues.get({ owner: 'acme', repo: 'api', issue_number: 7, request: { retries: 0 } })).rejects.toMatchObject({ status: 500 });
    expect((await octokit.rest.issues.get({ owner: 'acme', repo: 'api', issue_number: 7 })).status).toBe(200);
    const ok = await octokit.rest.issues.createComment({ owner: 'acme', repo: 'api', issue_number: 7, body: 'b' });
    expect(ok.status).toBe(201);
    expect(gh.comments('acme', 'api', 7).map((comment) => comment.body)).toEqual(['b']);
    gh.assertNoViolations();
  });

  it('waits for a condition reached by later requests', async () => {
    const waiting = gh.waitFor(() => gh.comments('acme', 'api', 7).length === 1, { timeoutMs: 2000 });
    await octokit.rest.issues.createComment({ owner: 'acme', repo: 'api', issue_number: 7, body: 'later' });
    await expect(waiting).resolves.toBeUndefined();
    await expect(gh.waitFor(() => false, { timeoutMs: 30, message: 'never' })).rejects.toThrow(/never/);
  });
});
