import { Octokit } from '@octokit/rest';
import { afterEach, describe, expect, it } from 'vitest';
import { octokitGitHub } from '../../src/github/octokitGitHub.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub.js';

let gh: FakeGitHub | undefined;
afterEach(async () => {
  await gh?.close();
  gh = undefined;
});

describe('GitHub port: compare for incremental reviews', () => {
  it('returns the files when the head builds on the reviewed sha, and undefined when it does not (force-push)', async () => {
    gh = await startFakeGitHub();
    gh.addRepo({ owner: 'acme', name: 'api' });
    const first = gh.setFile('acme', 'api', 'main', 'src/a.ts', 'export const a = 1;\n');
    const second = gh.setFile('acme', 'api', 'main', 'src/b.ts', 'export const b = 2;\n');
    const port = octokitGitHub(new Octokit({ baseUrl: gh.url, auth: 'x', log: { debug() {}, info() {}, warn() {}, error() {} } }), 'acme', 'api', { botLogin: 'agency-architect[bot]' });

    const ahead = await port.compare(first, second);
    expect(ahead?.map((f) => f.path)).toEqual(['src/b.ts']);
    // The reviewed sha still exists but the new head does not contain it: "behind", not a range to review.
    expect(await port.compare(second, first)).toBeUndefined();
    expect(await port.compare('0'.repeat(40), second)).toBeUndefined();
    gh.assertNoViolations();
  });
});
