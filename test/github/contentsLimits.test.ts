import { afterEach, describe, expect, it } from 'vitest';
import { octokitGitHub } from '../../src/github/octokitGitHub.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub.js';
import { commitToBranch } from '../support/fakeGitHubOps.js';
import { quietOctokit } from '../support-tests/quietOctokit.js';

let gh: FakeGitHub | undefined;
afterEach(async () => {
  await gh?.close();
  gh = undefined;
});

const BIG = `${'-- a generated migration line of sixty-four characters or so ...\n'.repeat(20_000)}SELECT 'the end';\n`;
const MANY = 1205;

async function seeded() {
  const g = (gh = await startFakeGitHub());
  const repo = g.addRepo({ owner: 'acme', name: 'api' });
  const files = new Map<string, Buffer | null>([['db/big.sql', Buffer.from(BIG)]]);
  for (let i = 0; i < MANY; i++) files.set(`.agency/decisions/${String(i + 1).padStart(4, '0')}-decision-${i + 1}.md`, Buffer.from(`# ${i + 1}\n`));
  files.set('.agency/decisions/nested/inner.md', Buffer.from('# inner\n'));
  commitToBranch(repo, 'main', files, 'Seed');
  const octokit = quietOctokit(g.url);
  return { g, octokit, port: octokitGitHub(octokit as never, 'acme', 'api', { botLogin: g.botLogin }) };
}

describe('the contents API limits, as GitHub applies them, and the port reading past them', () => {
  it('the fake answers a file over 1 MB with no content and encoding "none", and a directory with its first 1,000 entries', async () => {
    const { g, octokit } = await seeded();
    const file = (await octokit.rest.repos.getContent({ owner: 'acme', repo: 'api', path: 'db/big.sql' })).data as { content: string; encoding: string; size: number };
    expect(BIG.length).toBeGreaterThan(1024 * 1024);
    expect(file).toMatchObject({ content: '', encoding: 'none', size: BIG.length });
    const dir = (await octokit.rest.repos.getContent({ owner: 'acme', repo: 'api', path: '.agency/decisions' })).data as unknown[];
    expect(dir).toHaveLength(1000);
    g.assertNoViolations();
  });

  it('readFile returns a file over 1 MB whole (through the blobs API)', async () => {
    const { g, port } = await seeded();
    expect(await port.readFile('db/big.sql')).toBe(BIG);
    expect(g.requests.some((r) => r.template === '/repos/{owner}/{repo}/git/blobs/{file_sha}')).toBe(true);
    g.assertNoViolations();
  });

  it('listDir returns every entry of a directory over 1,000 (through the trees API), at a ref or the default branch', async () => {
    const { g, port } = await seeded();
    const head = g.repo('acme', 'api').git.refs.get('heads/main')!;
    for (const ref of [undefined, head]) {
      const entries = await port.listDir('.agency/decisions', ref);
      expect(entries).toHaveLength(MANY + 1);
      expect(entries.find((e) => e.name === '1205-decision-1205.md')).toMatchObject({ path: '.agency/decisions/1205-decision-1205.md', type: 'file' });
      expect(entries.find((e) => e.name === 'nested')).toMatchObject({ path: '.agency/decisions/nested', type: 'dir' });
    }
    g.assertNoViolations();
  });
});
