import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/startTestApp.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const PR = 21;
const AUTHOR = 'dev';
const LINES = ['export async function totals(ids: string[]) {', '  const out = [];', '  for (const id of ids) out.push(await db.query(`SELECT total FROM orders WHERE id = ${id}`));', '  return out;', '}'];

async function reviewWith(fail: (a: TestApp) => void): Promise<TestApp> {
  const a = (t = await startTestApp());
  a.gh.setPermission(a.owner, a.repo, AUTHOR, 'write');
  const pull = a.gh.addPullRequest({
    owner: a.owner,
    repo: a.repo,
    number: PR,
    title: 'Order totals',
    user: AUTHOR,
    labels: ['backend'],
    files: [{ filename: 'src/orders/totals.ts', status: 'added', patch: `@@ -0,0 +1,${LINES.length} @@\n${LINES.map((l) => `+${l}`).join('\n')}`, additions: LINES.length, deletions: 0, content: `${LINES.join('\n')}\n` }],
  });
  fail(a);
  await a.send(
    'pull_request',
    a.payload('pull_request', 'opened', (p) => {
      p.number = PR;
      p.pull_request = { ...p.pull_request, number: PR, title: 'Order totals', draft: false, state: 'open', labels: [{ name: 'backend' }], user: { ...p.pull_request.user, login: AUTHOR, type: 'User' } };
      p.pull_request.head = { ...p.pull_request.head, sha: pull.headSha, ref: pull.headRef };
      p.pull_request.base = { ...p.pull_request.base, sha: pull.baseSha, ref: pull.baseRef };
      p.sender = { ...p.sender, login: AUTHOR, type: 'User' };
    }),
  );
  const [outcome] = await a.waitForOutcomes(1);
  expect(outcome!.outcome.status).toBe('failed');
  return a;
}

const botComments = (a: TestApp) => a.gh.comments(a.owner, a.repo, PR).filter((c) => c.user.login === a.gh.botLogin);

describe('the failure notice says what was published', () => {
  it('the review was posted, then the check run got HTTP 500: it says so, never "nothing was changed"', async () => {
    const a = await reviewWith((g) => g.gh.failNext('POST', '/repos/{owner}/{repo}/check-runs', 500, undefined, { times: 5 }));
    expect(a.gh.reviews(a.owner, a.repo, PR)).toHaveLength(1);
    expect(a.gh.checkRuns(a.owner, a.repo)).toHaveLength(0);
    const [notice] = botComments(a);
    expect(botComments(a)).toHaveLength(1);
    expect(notice!.body).toContain('could not finish this run (GitHub answered HTTP 500). The review was posted; the check run was not created.');
    expect(notice!.body).not.toMatch(/nothing was changed/i);
    a.gh.assertNoViolations();
  });

  it('nothing written before the failure: says nothing was published', async () => {
    const a = await reviewWith((g) => g.gh.failNext('POST', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews', 502, undefined, { times: 5 }));
    expect(a.gh.reviews(a.owner, a.repo, PR)).toHaveLength(0);
    const [notice] = botComments(a);
    expect(notice!.body).toContain('could not finish this run (GitHub answered HTTP 502). Nothing was published: the review was not posted.');
  });
});
