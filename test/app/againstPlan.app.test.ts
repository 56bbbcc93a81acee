import { afterEach, describe, expect, it } from 'vitest';
import { encodeMarker } from '../../src/domain/marker.js';
import { startTestApp, type TestApp } from '../support/startTestApp.js';
import { EXPRESS_REPO } from '../repomap/fixtureRepo.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const PR = 20;
const ISSUE = 12;
const DEV = 'dev';

const PLAN_BODY = [
  '## 🏗️ Architecture plan',
  '',
  '### ✅ Checklists',
  '',
  '**Implementation**',
  '',
  '- [ ] Invoices table with a status column and an index on user_id',
  '- [ ] Refund endpoint with an idempotency key header',
  '- [ ] Invoice primary keys are bigserial, like the other tables',
  '',
  '### 📌 Proposed decisions',
  '',
  '- [x] Record as ADR 1: Store invoices in PostgreSQL',
  '',
  encodeMarker({ family: 'plan' }),
].join('\n');

async function openPr(a: TestApp, body: string, sql: string) {
  a.gh.setPermission(a.owner, a.repo, DEV, 'write');
  const lines = sql.split('\n');
  const pull = a.gh.addPullRequest({
    owner: a.owner,
    repo: a.repo,
    number: PR,
    title: 'Invoices',
    body,
    user: DEV,
    labels: ['backend'],
    files: [{ filename: 'db/migrations/20240401_create_invoices.sql', status: 'added', patch: `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join('\n')}`, additions: lines.length, deletions: 0, content: `${sql}\n` }],
  });
  await a.send(
    'pull_request',
    a.payload('pull_request', 'opened', (p) => {
      p.number = PR;
      p.pull_request = { ...p.pull_request, number: PR, title: 'Invoices', body, draft: false, state: 'open', labels: [{ name: 'backend' }] };
      p.pull_request.head = { ...p.pull_request.head, sha: pull.headSha, ref: pull.headRef };
      p.pull_request.base = { ...p.pull_request.base, sha: pull.baseSha, ref: pull.baseRef };
      p.pull_request.user = { ...p.pull_request.user, login: DEV, type: 'User' };
      p.sender = { ...p.sender, login: DEV, type: 'User' };
    }),
  );
  return (await a.waitForOutcomes(1))[0]!;
}

const summary = (a: TestApp) => a.gh.comments(a.owner, a.repo, PR).find((c) => c.user.login === a.gh.botLogin)!.body;

describe('a pull request checked against its plan', () => {
  it('Closes #12 with an Agency plan: the review says what it implements, contradicts and leaves out', async () => {
    const a = (t = await startTestApp({ offline: true }));
    for (const [path, text] of Object.entries(EXPRESS_REPO)) a.gh.setFile(a.owner, a.repo, 'main', path, text);
    a.gh.addIssue({ owner: a.owner, repo: a.repo, number: ISSUE, title: 'Invoices', body: 'Invoices for orders.' });
    a.gh.addComment({ owner: a.owner, repo: a.repo, issueNumber: ISSUE, body: PLAN_BODY, user: a.gh.botLogin });
    const sql = 'CREATE TABLE invoices (\n  id uuid PRIMARY KEY,\n  user_id bigint NOT NULL,\n  status text NOT NULL\n);\nCREATE INDEX invoices_user_id_idx ON invoices (user_id);';
    const outcome = await openPr(a, 'Adds invoices.\n\nCloses #12', sql);
    expect(outcome.outcome.status).toBe('done');
    const body = summary(a);
    expect(body).toContain('### 🧭 Against the plan (#12)');
    expect(body).toMatch(/\*\*Implements:\*\* .*Invoices table with a status column/);
    expect(body).toMatch(/\*\*Contradicts:\*\* Invoice primary keys are bigserial.*the change adds uuid/);
    expect(body).toMatch(/\*\*Leaves out:\*\* .*Refund endpoint/);
    // The index is on a table this pull request creates: squawk's lock warning does not apply.
    expect(body).not.toMatch(/Index created without CONCURRENTLY/);
    a.gh.assertNoViolations();
  });

  it('no reference, or a referenced issue without a plan: no section', async () => {
    const a = (t = await startTestApp({ offline: true }));
    a.gh.addIssue({ owner: a.owner, repo: a.repo, number: ISSUE, title: 'Invoices', body: 'x' });
    a.gh.addComment({ owner: a.owner, repo: a.repo, issueNumber: ISSUE, body: 'A human plan\n- [ ] do it', user: 'someone' });
    await openPr(a, 'Fixes #12', 'CREATE TABLE invoices (id bigint PRIMARY KEY);');
    expect(summary(a)).not.toContain('Against the plan');
  });

  it('an index on an existing table still gets squawk’s warning', async () => {
    const a = (t = await startTestApp({ offline: true }));
    await openPr(a, 'Index.', 'CREATE INDEX orders_status_idx ON orders (status);');
    expect(summary(a)).toMatch(/Index created without CONCURRENTLY/);
  });
});
