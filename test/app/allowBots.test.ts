import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/startTestApp.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const ISSUE = 7;
const BOT = 'renovate[bot]';

async function app(allowBots: string[]): Promise<TestApp> {
  t = await startTestApp({ offline: true });
  t.gh.setFile(t.owner, t.repo, 'main', '.github/agency.yml', `allowBots:\n${allowBots.map((b) => `  - "${b}"`).join('\n')}\n`);
  t.gh.addIssue({ owner: t.owner, repo: t.repo, number: ISSUE, title: 'Orders API', body: 'An API.', labels: ['backend'] });
  // As on GitHub: an app's bot account is no collaborator, whatever it was granted (the fake answers 404).
  t.gh.setPermission(t.owner, t.repo, BOT, 'write');
  return t;
}

function botCommand(a: TestApp, body: string) {
  a.gh.addComment({ owner: a.owner, repo: a.repo, issueNumber: ISSUE, body, user: BOT });
  const id = a.gh.comments(a.owner, a.repo, ISSUE).at(-1)!.id;
  return a.payload('issue_comment', 'created', (p) => {
    p.issue = { ...p.issue, number: ISSUE, title: 'Orders API', body: 'An API.' };
    delete p.issue.pull_request;
    p.comment = { ...p.comment, id, body, user: { ...p.comment.user, login: BOT, type: 'Bot' } };
    p.sender = { ...p.sender, login: BOT, type: 'Bot' };
  });
}

const appComments = (a: TestApp) => a.gh.comments(a.owner, a.repo, ISSUE).filter((c) => c.user.login === a.gh.botLogin);

describe('allowBots', () => {
  it('an allow-listed bot\'s command runs, though GitHub\'s permission API answers 404 for bots', async () => {
    const a = await app([BOT]);
    await a.send('issue_comment', botCommand(a, '/agency:plan'));
    const [outcome] = await a.waitForOutcomes(1);
    expect(outcome!.outcome.status).toBe('done');
    expect(appComments(a)).toHaveLength(1);
    expect(appComments(a)[0]!.body).toMatch(/Architecture plan/);
    a.gh.assertNoViolations();
  });

  it('a bot that is not listed is ignored before any permission lookup', async () => {
    const a = await app(['dependabot[bot]']);
    await a.send('issue_comment', botCommand(a, '/agency:plan'));
    const [outcome] = await a.waitForOutcomes(1);
    expect(outcome!.outcome).toEqual({ status: 'ignored', reason: `issue_comment.created: sender ${BOT} is a bot not listed in allowBots` });
    expect(appComments(a)).toEqual([]);
  });
});
