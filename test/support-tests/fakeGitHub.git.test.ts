import type { Octokit } from '@octokit/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub.js';
import { quietOctokit } from './quietOctokit.js';

let gh: FakeGitHub;
let octokit: Octokit;
const repo = { owner: 'acme', repo: 'api' };

beforeEach(async () => {
  gh = await startFakeGitHub({ validateResponses: true });
  gh.addRepo({ owner: 'acme', name: 'api' });
  gh.setFile('acme', 'api', 'main', '.github/agency.yml', 'review:\n  paths: ["src/**"]\n');
  gh.setFile('acme', 'api', 'main', '.agency/decisions/0001-use-postgres.md', '# Use Postgres\n');
  octokit = quietOctokit(gh.url);
});

afterEach(async () => {
  await gh.close();
});

function decode(data: unknown): string {
  return Buffer.from((data as { content: string }).content, 'base64').toString('utf8');
}

async function commitOnTopOfMain(path: string, content: string) {
  const ref = await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' });
  const parent = await octokit.rest.git.getCommit({ ...repo, commit_sha: ref.data.object.sha });
  const blob = await octokit.rest.git.createBlob({ ...repo, content: Buffer.from(content).toString('base64'), encoding: 'base64' });
  const tree = await octokit.rest.git.createTree({
    ...repo,
    base_tree: parent.data.tree.sha,
    tree: [
      { path, mode: '100644', type: 'blob', sha: blob.data.sha },
      { path: '.agency/decisions/README.md', mode: '100644', type: 'blob', content: '# Decisions\n' },
    ],
  });
  const commit = await octokit.rest.git.createCommit({ ...repo, message: 'Add ADR 0002', tree: tree.data.sha, parents: [ref.data.object.sha] });
  return { base: ref.data.object.sha, commit: commit.data };
}

describe('fake GitHub: contents and git data', () => {
  it('serves files as base64 JSON, directories as arrays, raw on request, and 404 for missing paths', async () => {
    const repository = await octokit.rest.repos.get(repo);
    expect(repository.data.default_branch).toBe('main');
    const file = await octokit.rest.repos.getContent({ ...repo, path: '.github/agency.yml' });
    expect(decode(file.data)).toBe('review:\n  paths: ["src/**"]\n');
    expect((file.data as { html_url: string }).html_url).toBe('https://github.com/acme/api/blob/main/.github/agency.yml');
    const dir = await octokit.rest.repos.getContent({ ...repo, path: '.agency/decisions' });
    expect(Array.isArray(dir.data) ? dir.data.map((entry) => [entry.name, entry.type]) : []).toEqual([['0001-use-postgres.md', 'file']]);
    const root = await octokit.rest.repos.getContent({ ...repo, path: '' });
    expect(Array.isArray(root.data) ? root.data.map((entry) => `${entry.type}:${entry.path}`) : []).toEqual(['dir:.agency', 'dir:.github']);
    const raw = await octokit.rest.repos.getContent({ ...repo, path: '.github/agency.yml', mediaType: { format: 'raw' } });
    expect(raw.data).toBe('review:\n  paths: ["src/**"]\n');
    await expect(octokit.rest.repos.getContent({ ...repo, path: 'nope.md' })).rejects.toMatchObject({ status: 404 });
    await expect(octokit.rest.repos.getContent({ ...repo, path: '.github/agency.yml', ref: 'no-such-branch' })).rejects.toMatchObject({ status: 404 });
    gh.assertNoViolations();
  });

  it('commits through blobs, trees and commits, and the branch contents show the new files', async () => {
    const { base, commit } = await commitOnTopOfMain('.agency/decisions/0002-queue.md', '# Use a queue\n');
    expect(commit.parents.map((parent) => parent.sha)).toEqual([base]);
    const created = await octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/agency/adr-0002', sha: commit.sha });
    expect(created.status).toBe(201);
    expect(created.data.ref).toBe('refs/heads/agency/adr-0002');
    await expect(octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/agency/adr-0002', sha: commit.sha })).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('Reference already exists'),
    });

    const onBranch = await octokit.rest.repos.getContent({ ...repo, path: '.agency/decisions/0002-queue.md', ref: 'agency/adr-0002' });
    expect(decode(onBranch.data)).toBe('# Use a queue\n');
    const kept = await octokit.rest.repos.getContent({ ...repo, path: '.agency/decisions/0001-use-postgres.md', ref: 'agency/adr-0002' });
    expect(decode(kept.data)).toBe('# Use Postgres\n');
    await expect(octokit.rest.repos.getContent({ ...repo, path: '.agency/decisions/0002-queue.md' })).rejects.toMatchObject({ status: 404 });

    const tree = await octokit.rest.git.getTree({ ...repo, tree_sha: commit.tree.sha, recursive: '1' });
    expect(tree.data.tree.filter((entry) => entry.type === 'blob').map((entry) => entry.path)).toEqual([
      '.agency/decisions/0001-use-postgres.md',
      '.agency/decisions/0002-queue.md',
      '.agency/decisions/README.md',
      '.github/agency.yml',
    ]);
    const shallow = await octokit.rest.git.getTree({ ...repo, tree_sha: commit.tree.sha });
    expect(shallow.data.tree.map((entry) => `${entry.type}:${entry.path}`)).toEqual(['tree:.agency', 'tree:.github']);
    const fetched = await octokit.rest.git.getCommit({ ...repo, commit_sha: commit.sha });
    expect(fetched.data.message).toBe('Add ADR 0002');
    expect(gh.readFile('acme', 'api', 'agency/adr-0002', '.agency/decisions/README.md')).toBe('# Decisions\n');
    gh.assertNoViolations();
  });

  it('fast-forwards a branch, refuses a non-fast-forward update (422) unless forced', async () => {
    const { commit } = await commitOnTopOfMain('a.md', 'a\n');
    const updated = await octokit.rest.git.updateRef({ ...repo, ref: 'heads/main', sha: commit.sha });
    expect(updated.data.object.sha).toBe(commit.sha);
    expect(gh.readFile('acme', 'api', 'main', 'a.md')).toBe('a\n');

    const root = await octokit.rest.git.createTree({ ...repo, tree: [{ path: 'other.md', mode: '100644', type: 'blob', content: 'x' }] });
    const orphan = await octokit.rest.git.createCommit({ ...repo, message: 'orphan', tree: root.data.sha, parents: [] });
    await expect(octokit.rest.git.updateRef({ ...repo, ref: 'heads/main', sha: orphan.data.sha })).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('Update is not a fast forward'),
    });
    expect(gh.readFile('acme', 'api', 'main', 'a.md')).toBe('a\n');
    const forced = await octokit.rest.git.updateRef({ ...repo, ref: 'heads/main', sha: orphan.data.sha, force: true });
    expect(forced.status).toBe(200);
    expect(gh.readFile('acme', 'api', 'main', 'a.md')).toBeUndefined();
    gh.assertNoViolations();
  });

  it('refuses updates of a protected branch', async () => {
    gh.protectBranch('acme', 'api', 'main');
    const { commit } = await commitOnTopOfMain('b.md', 'b\n');
    await expect(octokit.rest.git.updateRef({ ...repo, ref: 'heads/main', sha: commit.sha })).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('Protected branch update failed for refs/heads/main.'),
    });
    await expect(
      octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: 'c.md', message: 'c', content: Buffer.from('c').toString('base64') }),
    ).rejects.toMatchObject({ status: 422 });
    gh.protectBranch('acme', 'api', 'release', { status: 403, message: 'Resource protected by organization rules' });
    gh.setFile('acme', 'api', 'release', 'r.md', 'r');
    await expect(octokit.rest.git.deleteRef({ ...repo, ref: 'heads/release' })).rejects.toMatchObject({ status: 403 });
    gh.assertNoViolations();
  });

  it('creates and updates a file through the contents API, checking the blob sha', async () => {
    const created = await octokit.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: 'docs/adr.md',
      message: 'Add ADR index',
      content: Buffer.from('v1\n').toString('base64'),
      branch: 'main',
    });
    expect(created.status).toBe(201);
    const sha = created.data.content?.sha ?? '';
    await expect(
      octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: 'docs/adr.md', message: 'no sha', content: Buffer.from('v2\n').toString('base64') }),
    ).rejects.toMatchObject({ status: 422 });
    const updated = await octokit.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: 'docs/adr.md',
      message: 'Update ADR index',
      content: Buffer.from('v2\n').toString('base64'),
      sha,
    });
    expect(updated.status).toBe(200);
    expect(gh.readFile('acme', 'api', 'main', 'docs/adr.md')).toBe('v2\n');
    const branch = await octokit.rest.repos.getBranch({ ...repo, branch: 'main' });
    expect(branch.data.commit.sha).toBe(updated.data.commit.sha);
    expect(branch.data.commit.commit.message).toBe('Update ADR index');
    gh.assertNoViolations();
  });

  it('lets a seeded commit sha hold files (setFile on a sha)', async () => {
    const sha = '1234567890abcdef1234567890abcdef12345678';
    gh.setFile('acme', 'api', sha, 'src/app.ts', 'export {};\n');
    const file = await octokit.rest.repos.getContent({ ...repo, path: 'src/app.ts', ref: sha });
    expect(decode(file.data)).toBe('export {};\n');
    gh.assertNoViolations();
  });
});
