import { afterEach, describe, expect, it } from 'vitest';
import { startFakeClaude, type FakeClaude } from '../support/fakeClaude.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub.js';
import { webhookExample } from '../triggers/webhookExample.js';
import { runBundledAction } from './runBundledAction.js';

const OWNER = 'acme';
const REPO = 'api';
const TOKEN = 'ghs_workflowTokenForTests000000000000';
const LEAD = 'lead-dev';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let gh: FakeGitHub | undefined;
let claude: FakeClaude | undefined;
afterEach(async () => {
  await gh?.close();
  await claude?.close();
});

/** What the runner's event file holds for an issue created with the `backend` label: `opened` or `labeled`. */
function issueEvent(action: 'opened' | 'labeled', number: number): Json {
  const p = webhookExample<Json>('issues', action);
  p.repository = { ...p.repository, name: REPO, full_name: `${OWNER}/${REPO}`, owner: { ...p.repository.owner, login: OWNER }, default_branch: 'main' };
  if (p.organization) p.organization = { ...p.organization, login: OWNER };
  p.sender = { ...p.sender, login: LEAD, type: 'User' };
  p.issue = { ...p.issue, number, title: 'Order export API', body: 'Export orders as CSV.', state: 'open', user: { ...p.issue.user, login: LEAD }, labels: [{ name: 'backend' }], pull_request: undefined };
  if (action === 'labeled') p.label = { ...p.label, name: 'backend' };
  return p;
}

describe('the Action, for an issue created with the label', () => {
  it('two runs at once (opened, labeled) with a slow model: the labeled run answers, one model call, one comment', async () => {
    gh = await startFakeGitHub();
    gh.addRepo({ owner: OWNER, name: REPO });
    gh.mapToken(TOKEN, 'github-actions[bot]', 'Bot');
    gh.setPermission(OWNER, REPO, LEAD, 'write');
    claude = await startFakeClaude();
    claude.queueFault({ delayMs: 1_500 });
    const issue = gh.addIssue({ owner: OWNER, repo: REPO, title: 'Order export API', body: 'Export orders as CSV.', user: LEAD, labels: ['backend'] });
    // GitHub starts one workflow run per event: two processes that share nothing.
    const runs = await Promise.all(
      (['opened', 'labeled'] as const).map((action) =>
        runBundledAction({
          eventName: 'issues',
          payload: issueEvent(action, issue.number),
          repository: `${OWNER}/${REPO}`,
          apiUrl: gh!.url,
          inputs: { 'github-token': TOKEN, 'anthropic-api-key': 'test-key' },
          env: { ANTHROPIC_BASE_URL: claude!.url },
        }),
      ),
    );
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    expect(runs.map((r) => r.outputs.outcome)).toEqual(['duplicate', 'done']);
    expect(runs[0]!.stdout).toMatch(/the labeled run answers/);
    expect(claude.accepted()).toHaveLength(1);
    expect(gh.comments(OWNER, REPO, issue.number)).toHaveLength(1);
    gh.assertNoViolations();
  });
});
