import { Octokit } from '@octokit/rest';
import { afterEach, describe, expect, it } from 'vitest';
import { octokitGitHub } from '../../src/github/octokitGitHub.js';
import { loadRepoMap } from '../../src/repomap/loadRepoMap.js';
import { createRepoMapCache } from '../../src/repomap/RepoMapCache.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub.js';
import { commitToBranch } from '../support/fakeGitHubOps.js';
import { setTreeLimits } from '../support/fakeGitHubTreeLimit.js';
import { EXPRESS_REPO } from './fixtureRepo.js';

let gh: FakeGitHub | undefined;
afterEach(async () => {
  await gh?.close();
  gh = undefined;
});

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

async function repoWith(files: Record<string, string>) {
  gh = await startFakeGitHub();
  const repo = gh.addRepo({ owner: 'acme', name: 'shop' });
  commitToBranch(repo, 'main', new Map(Object.entries(files).map(([p, t]) => [p, Buffer.from(t)])), 'seed');
  const port = octokitGitHub(new Octokit({ baseUrl: gh.url, auth: 'x', log: quiet }), 'acme', 'shop', { botLogin: 'agency-architect[bot]' });
  return { gh, repo, port };
}

describe('the repository map over GitHub', () => {
  it('one tree request plus bounded blob reads; a second event with the same tree costs one request', async () => {
    const { gh, port } = await repoWith(EXPRESS_REPO);
    const cache = createRepoMapCache();
    const map = await loadRepoMap(port, cache);
    const requests = gh.requests.map((r) => `${r.method} ${r.template ?? r.path}`);
    expect(requests[0]).toBe('GET /repos/{owner}/{repo}/git/trees/{tree_sha}');
    expect(gh.requests[0]!.query.recursive).toBe('true');
    expect(requests.slice(1).every((r) => r === 'GET /repos/{owner}/{repo}/git/blobs/{file_sha}')).toBe(true);
    expect(map!.cost.requests).toBe(requests.length);
    expect(map!.tables.map((t) => t.name)).toEqual(['orders', 'users']);
    const before = gh.requests.length;
    const again = await loadRepoMap(port, cache);
    expect(gh.requests.length - before).toBe(1);
    expect(again!.cost).toMatchObject({ requests: 1, fromCache: true });
    gh.assertNoViolations();
  });

  it('a changed tree re-reads only the blobs that changed', async () => {
    const { gh, repo, port } = await repoWith(EXPRESS_REPO);
    const cache = createRepoMapCache();
    await loadRepoMap(port, cache);
    commitToBranch(repo, 'main', new Map([['src/routes/orders.ts', Buffer.from("ordersRouter.delete('/:id', handler, async (req, res) => {});\n")]]), 'edit');
    const before = gh.requests.length;
    const map = await loadRepoMap(port, cache);
    expect(gh.requests.length - before).toBe(2); // the tree and the one changed blob
    expect(map!.routes.some((r) => r.method === 'DELETE')).toBe(true);
  });

  it('GitHub cuts a listing past its limit: the fake says truncated, and so does the map', async () => {
    const files: Record<string, string> = { 'package.json': '{"dependencies":{"express":"4"}}' };
    for (let i = 0; i < 40; i++) files[`src/f${i}.ts`] = `export const f${i} = ${i};\n`;
    const { gh, repo, port } = await repoWith(files);
    setTreeLimits(repo, { maxEntries: 25 });
    const tree = await port.readTree!('HEAD');
    expect(tree.truncated).toBe(true);
    expect(tree.files.length).toBeLessThan(25);
    const map = await loadRepoMap(port, createRepoMapCache());
    expect(map!.truncated).toBe(true);
    gh.assertNoViolations();
  });

  it('the default limit is GitHub’s (100,000 entries): a small tree is whole', async () => {
    const { port } = await repoWith({ 'a.ts': 'x', 'b/c.ts': 'y' });
    const tree = await port.readTree!('HEAD');
    expect(tree).toMatchObject({ truncated: false });
    expect(tree.files.map((f) => f.path)).toEqual(['a.ts', 'b/c.ts']);
  });
});
