import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub.js';
import { quietOctokit } from './quietOctokit.js';

let gh: FakeGitHub | undefined;
afterEach(async () => {
  await gh?.close();
  gh = undefined;
});

const WORKFLOW_TOKEN = 'ghs_workflowTokenOfARun000000000000000';

async function withBranch() {
  const g = (gh = await startFakeGitHub());
  g.addRepo({ owner: 'acme', name: 'api' });
  g.mapToken(WORKFLOW_TOKEN, 'github-actions[bot]', 'Bot');
  const main = g.repo('acme', 'api').git.refs.get('heads/main')!;
  for (const branch of ['feature', 'feature-2']) {
    g.repo('acme', 'api').git.refs.set(`heads/${branch}`, main);
    g.setFile('acme', 'api', branch, `${branch}.txt`, 'a\n');
  }
  return g;
}

const open = (g: FakeGitHub, token: string, head = 'feature') => quietOctokit(g.url, token).rest.pulls.create({ owner: 'acme', repo: 'api', head, base: 'main', title: 'Feature' });

describe('POST /pulls and the setting "Allow GitHub Actions to create and approve pull requests"', () => {
  it('refuses the workflow token with 403 while the setting is off (GitHub\'s default)', async () => {
    const g = await withBranch();
    expect(g.repo('acme', 'api').actionsCanCreatePullRequests).toBe(false);
    await expect(open(g, WORKFLOW_TOKEN)).rejects.toMatchObject({ status: 403, response: { data: { message: 'GitHub Actions is not permitted to create or approve pull requests.' } } });
    expect(g.repo('acme', 'api').pulls.size).toBe(0);
  });

  it('accepts it once the setting is on, and an app installation token regardless', async () => {
    const g = await withBranch();
    await expect(open(g, 'installation-token')).resolves.toMatchObject({ status: 201 });
    g.repo('acme', 'api').actionsCanCreatePullRequests = true;
    await expect(open(g, WORKFLOW_TOKEN, 'feature-2')).resolves.toMatchObject({ status: 201, data: { user: { login: 'github-actions[bot]' } } });
    g.assertNoViolations();
  });
});
