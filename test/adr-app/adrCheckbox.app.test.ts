import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/startTestApp.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const ISSUE = 7;
const WRITER = 'tech-lead';
const READER = 'drive-by';
const TITLE = 'Orders API';
const BODY = 'Customers place orders; we need a REST API for orders stored in PostgreSQL, with background jobs for emails.';

async function appWithPlan(): Promise<{ a: TestApp; planId: number; plan: string }> {
  const a = await startTestApp({ offline: true });
  t = a;
  a.gh.addIssue({ owner: a.owner, repo: a.repo, number: ISSUE, title: TITLE, body: BODY, labels: ['backend'] });
  a.gh.setPermission(a.owner, a.repo, WRITER, 'write');
  a.gh.setPermission(a.owner, a.repo, READER, 'read');
  await a.send(
    'issues',
    a.payload('issues', 'labeled', (p) => {
      p.issue = { ...p.issue, number: ISSUE, title: TITLE, body: BODY };
      delete p.issue.pull_request;
      p.label = { ...p.label, name: 'backend' };
      p.sender = { ...p.sender, login: WRITER, type: 'User' };
    }),
  );
  await a.waitForOutcomes(1);
  const plan = a.gh.comments(a.owner, a.repo, ISSUE).find((c) => c.user.login === a.gh.botLogin)!;
  expect(plan.body).toMatch(/- \[ \] Record as ADR 1: /);
  return { a, planId: plan.id, plan: plan.body };
}

/** A person ticks decision 1 in the app's plan comment: the fake's comment changes and GitHub sends `edited`. */
async function tick(a: TestApp, planId: number, before: string, sender: string) {
  const after = before.replace('- [ ] Record as ADR 1: ', '- [x] Record as ADR 1: ');
  const comment = a.gh.comments(a.owner, a.repo, ISSUE).find((c) => c.id === planId)!;
  comment.body = after;
  return a.send(
    'issue_comment',
    a.payload('issue_comment', 'edited', (p) => {
      p.issue = { ...p.issue, number: ISSUE, title: TITLE, body: BODY };
      delete p.issue.pull_request;
      p.comment = { ...p.comment, id: planId, body: after, user: { ...p.comment.user, login: a.gh.botLogin, type: 'Bot' } };
      p.changes = { body: { from: before } };
      p.sender = { ...p.sender, login: sender, type: 'User' };
    }),
  );
}

const adrBranches = (a: TestApp) => [...a.gh.repo(a.owner, a.repo).git.refs.keys()].filter((r) => r.startsWith('heads/agency/adr-'));

describe('ticking a proposed decision in the plan comment', () => {
  it('as a writer records it: a branch, the ADR, a pull request, and the ADR comment linking it', async () => {
    const { a, planId, plan } = await appWithPlan();
    const title = /- \[ \] Record as ADR 1: (.+)/.exec(plan)![1]!;
    await tick(a, planId, plan, WRITER);
    const outcomes = await a.waitForOutcomes(2);
    expect(outcomes[1]!.outcome, JSON.stringify(outcomes[1]!.outcome) + JSON.stringify(a.gh.violations)).toMatchObject({ status: "done" });
    const branches = adrBranches(a);
    expect(branches).toHaveLength(1);
    expect(branches[0]).toMatch(/^heads\/agency\/adr-0001-/);
    const repo = a.gh.repo(a.owner, a.repo);
    const pulls = [...repo.pulls.values()];
    expect(pulls).toHaveLength(1);
    const adr = a.gh.comments(a.owner, a.repo, ISSUE).find((c) => c.user.login === a.gh.botLogin && c.body.includes('Architecture decision records'))!;
    expect(adr.body).toContain(`/pull/${pulls[0]!.number}`);
    expect(adr.body).toContain(title.slice(0, 20));
    a.gh.assertNoViolations();
  });

  it('records the decision the plan proposed, from its marker, even when the rendered text was edited', async () => {
    const { a, planId, plan } = await appWithPlan();
    const title = /- \[ \] Record as ADR 1: (.+)/.exec(plan)![1]!;
    // A person rewrites the decision's text under the checkbox: the state is the marker's, not the prose.
    const edited = plan.replace(/(- \[ \] Record as ADR 1: .+\n)[\s\S]*?(?=\n- \[ \] Record as ADR 2:|\n### |$)/, '$1  (text edited by hand)\n');
    expect(edited).not.toBe(plan);
    a.gh.comments(a.owner, a.repo, ISSUE).find((c) => c.id === planId)!.body = edited;
    await tick(a, planId, edited, WRITER);
    const outcomes = await a.waitForOutcomes(2);
    expect(outcomes[1]!.outcome).toMatchObject({ status: 'done' });
    const [branch] = adrBranches(a);
    const slug = /^heads\/agency\/adr-(0001-.+)$/.exec(branch!)![1]!;
    const adr = a.gh.readFile(a.owner, a.repo, branch!.slice('heads/'.length), `.agency/decisions/${slug}.md`);
    // The decision as the plan proposed it (kept in the marker), not the edited prose.
    const decision = /- \[ \] Record as ADR 1: .+\n\s+(\S[^\n]{10,60})/.exec(plan)![1]!;
    expect(adr).toContain(title.slice(0, 20));
    expect(adr).toContain(decision);
    expect(adr).not.toContain('text edited by hand');
    a.gh.assertNoViolations();
  });

  it('as a reader records nothing', async () => {
    const { a, planId, plan } = await appWithPlan();
    await tick(a, planId, plan, READER);
    const outcomes = await a.waitForOutcomes(2);
    expect(outcomes[1]!.outcome).toMatchObject({ status: 'denied' });
    expect(adrBranches(a)).toEqual([]);
    expect([...a.gh.repo(a.owner, a.repo).pulls.values()]).toHaveLength(0);
    a.gh.assertNoViolations();
  });
});
