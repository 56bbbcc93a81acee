import { afterEach, describe, expect, it } from 'vitest';
import { parseAdrFile } from '../../src/adr/parseAdrFile.js';
import { splitFrontMatter } from '../../src/adr/splitFrontMatter.js';
import { decisionCheckboxLine } from '../../src/domain/decisionCheckbox.js';
import { encodeMarker } from '../../src/domain/marker.js';
import type { FakeGitHub } from '../support/fakeGitHub.js';
import { gitHubPublisher } from '../../src/publish/gitHubPublisher.js';
import { adrJob, adrContext, extras, filesAt, OWNER, REPO, startRepo } from './adrHarness.js';

const DIR = '.agency/decisions';
let gh: FakeGitHub | undefined;
afterEach(async () => {
  await gh?.close();
  gh = undefined;
});

function adrComment(g: FakeGitHub, number: number) {
  return g.comments(OWNER, REPO, number).filter((c) => c.user.login === g.botLogin && c.body.includes('Architecture decision records'));
}

function openPulls(g: FakeGitHub) {
  const repo = g.repo(OWNER, REPO);
  return [...repo.pulls.values()].filter((p) => repo.issues.get(p.number)?.state === 'open');
}

describe('/agency:adr in pr mode', () => {
  it('records an ADR on a branch with the index and a pull request, links it, and leaves main untouched', async () => {
    gh = await startRepo();
    gh.addIssue({ owner: OWNER, repo: REPO, number: 5, title: 'Orders API', body: 'We need an orders API.' });
    const mainBefore = gh.repo(OWNER, REPO).git.refs.get('heads/main');
    const outcome = await adrJob(await adrContext(gh, 5, 'Use PostgreSQL for orders'), extras);
    expect(outcome.status).toBe('done');

    expect(gh.repo(OWNER, REPO).git.refs.get('heads/main')).toBe(mainBefore);
    const branch = 'agency/adr-0001-use-postgresql-for-orders';
    expect(filesAt(gh, branch, DIR)).toEqual([`${DIR}/0001-use-postgresql-for-orders.md`, `${DIR}/README.md`]);
    const text = gh.readFile(OWNER, REPO, branch, `${DIR}/0001-use-postgresql-for-orders.md`)!;
    const front = splitFrontMatter(text).data;
    expect(front).toMatchObject({ number: 1, title: 'Use PostgreSQL for orders', status: 'accepted', deciders: ['tech-lead'] });
    expect(String(front.issue)).toMatch(/\/issues\/5$/);
    expect(parseAdrFile(`${DIR}/0001-x.md`, text)).toMatchObject({ number: 1, status: 'accepted' });
    expect(gh.readFile(OWNER, REPO, branch, `${DIR}/README.md`)).toMatch(/\| 0001 \| \[Use PostgreSQL for orders\]\(0001-use-postgresql-for-orders\.md\) \| accepted \|/);

    // One commit on top of main with both files.
    const repo = gh.repo(OWNER, REPO);
    const head = repo.git.commits.get(repo.git.refs.get(`heads/${branch}`)!)!;
    expect(head.parents).toEqual([mainBefore]);

    const [pull] = openPulls(gh);
    expect(pull).toMatchObject({ headRef: branch, baseRef: 'main' });
    const pullIssue = repo.issues.get(pull!.number)!;
    expect(pullIssue.title).toBe('ADR-0001: Use PostgreSQL for orders');
    expect(pullIssue.body).toMatch(/Merging this pull request accepts the decision/);
    expect(pullIssue.body).toMatch(/issues\/5/);

    const [comment] = adrComment(gh, 5);
    expect(comment!.body).toContain(`/pull/${pull!.number}`);
    expect(comment!.body).toMatch(/ADR-0001 “Use PostgreSQL for orders”: proposed in/);
    gh.assertNoViolations();
  });

  it('numbers after the default branch and the open ADR branches', async () => {
    gh = await startRepo();
    gh.addIssue({ owner: OWNER, repo: REPO, number: 5 });
    gh.setFile(OWNER, REPO, 'main', `${DIR}/0001-first.md`, '---\nnumber: 1\ntitle: First\nstatus: accepted\n---\n# 0001. First\n');
    gh.setFile(OWNER, REPO, 'main', `${DIR}/0004-fourth.md`, '---\nnumber: 4\ntitle: Fourth\nstatus: accepted\n---\n# 0004. Fourth\n');
    const main = gh.repo(OWNER, REPO).git.refs.get('heads/main')!;
    gh.repo(OWNER, REPO).git.refs.set('heads/agency/adr-0006-other', main);
    await adrJob(await adrContext(gh, 5, 'Cache nothing'), extras);
    const index = gh.readFile(OWNER, REPO, 'agency/adr-0007-cache-nothing', `${DIR}/README.md`)!;
    expect(index).toMatch(/\| 0001 \|[^\n]*\n\| 0004 \|[^\n]*\n\| 0007 \|/);
    gh.assertNoViolations();
  });

  it('two concurrent commands on different issues get two numbers and two files', async () => {
    gh = await startRepo({ latencyMs: 5 });
    gh.addIssue({ owner: OWNER, repo: REPO, number: 5 });
    gh.addIssue({ owner: OWNER, repo: REPO, number: 6 });
    const [a, b] = await Promise.all([
      adrJob(await adrContext(gh, 5, 'Use PostgreSQL'), extras),
      adrJob(await adrContext(gh, 6, 'Use cursor pagination'), extras),
    ]);
    expect(a.status).toBe('done');
    expect(b.status).toBe('done');
    const branches = [...gh.repo(OWNER, REPO).git.refs.keys()].filter((r) => r.startsWith('heads/agency/adr-')).sort();
    expect(branches).toHaveLength(2);
    const numbers = branches.map((b) => /adr-(\d{4})-/.exec(b)![1]).sort();
    expect(numbers).toEqual(['0001', '0002']);
    expect(openPulls(gh)).toHaveLength(2);
    gh.assertNoViolations();
  });

  it('takes the next number when creating its ref answers 422 Reference already exists', async () => {
    gh = await startRepo();
    gh.addIssue({ owner: OWNER, repo: REPO, number: 5 });
    // A branch named like the one about to be made, but invisible to the listing (e.g. created a moment later).
    gh.failNext('POST', '/repos/{owner}/{repo}/git/refs', 422, { message: 'Reference already exists' }, { times: 1 });
    await adrJob(await adrContext(gh, 5, 'Use queues'), extras);
    const branches = [...gh.repo(OWNER, REPO).git.refs.keys()].filter((r) => r.startsWith('heads/agency/adr-'));
    expect(branches).toEqual(['heads/agency/adr-0002-use-queues']);
  });

  it('reuses an existing branch without a pull request, and links an already open pull request', async () => {
    gh = await startRepo();
    gh.addIssue({ owner: OWNER, repo: REPO, number: 5 });
    const repo = gh.repo(OWNER, REPO);
    const branch = 'agency/adr-0003-use-queues';
    gh.setFile(OWNER, REPO, 'main', 'README.md', 'x\n');
    const main = repo.git.refs.get('heads/main')!;
    repo.git.refs.set(`heads/${branch}`, main);
    gh.setFile(OWNER, REPO, branch, `${DIR}/0003-use-queues.md`, '---\nnumber: 3\ntitle: Use queues\nstatus: accepted\n---\n');

    await adrJob(await adrContext(gh, 5, 'Use queues'), extras);
    expect(openPulls(gh).map((p) => p.headRef)).toEqual([branch]);
    expect([...repo.git.refs.keys()].filter((r) => r.startsWith('heads/agency/'))).toEqual([`heads/${branch}`]);

    // Again: the pull request exists now; it is linked, nothing new is made.
    await adrJob(await adrContext(gh, 5, 'Use queues'), extras);
    expect(openPulls(gh)).toHaveLength(1);
    const [comment] = adrComment(gh, 5);
    expect(comment!.body).toMatch(/already recorded, proposed in/);
    expect(adrComment(gh, 5)).toHaveLength(1);
    gh.assertNoViolations();
  });

  it('handles a 422 "pull request already exists" by linking the open one', async () => {
    gh = await startRepo();
    gh.addIssue({ owner: OWNER, repo: REPO, number: 5 });
    const original = gh.repo(OWNER, REPO);
    // Someone opens the same pull request between our branch and our request: simulate the 422 then find it.
    gh.failNext('POST', '/repos/{owner}/{repo}/pulls', 422, {
      message: 'Validation Failed',
      errors: [{ resource: 'PullRequest', code: 'custom', message: 'A pull request already exists for acme:agency/adr-0001-use-queues.' }],
    });
    const ctx = await adrContext(gh, 5, 'Use queues');
    // The fake's 422 is synthetic, so there is no pull to find: the job fails loudly instead of inventing one.
    await expect(adrJob(ctx, extras)).rejects.toMatchObject({ status: 422 });
    // A retry finds the branch, opens the pull request and links it.
    await adrJob(await adrContext(gh, 5, 'Use queues'), extras);
    expect([...original.pulls.values()]).toHaveLength(1);
    expect(adrComment(gh, 5)[0]!.body).toMatch(/proposed in .*\/pull\/\d+/);
  });

  it('keeps path-traversal titles inside the ADR directory', async () => {
    gh = await startRepo();
    gh.addIssue({ owner: OWNER, repo: REPO, number: 5 });
    await adrJob(await adrContext(gh, 5, '../../.github/workflows/evil\u0000 /etc/passwd'), extras);
    const branches = [...gh.repo(OWNER, REPO).git.refs.keys()].filter((r) => r.startsWith('heads/agency/adr-'));
    expect(branches).toEqual(['heads/agency/adr-0001-github-workflows-evil-etc-passwd']);
    const all = [...gh.repo(OWNER, REPO).git.treeOf(gh.repo(OWNER, REPO).git.resolveCommit('agency/adr-0001-github-workflows-evil-etc-passwd')!).files.keys()];
    expect(all.filter((p) => p !== 'src/index.ts').every((p) => p.startsWith(`${DIR}/`) && !p.includes('..'))).toBe(true);
    expect(all).toContain(`${DIR}/0001-github-workflows-evil-etc-passwd.md`);
  });

  it('supersede: the new record and the old one\'s status change in one commit', async () => {
    gh = await startRepo();
    gh.addIssue({ owner: OWNER, repo: REPO, number: 5 });
    gh.setFile(OWNER, REPO, 'main', `${DIR}/0001-use-mysql.md`, '---\nnumber: 1\ntitle: Use MySQL\nstatus: accepted\ndate: 2024-01-01\n---\n# 0001. Use MySQL\n\nBody stays.\n');
    await adrJob(await adrContext(gh, 5, 'supersede 1 Use PostgreSQL'), extras);
    const branch = 'agency/adr-0002-use-postgresql';
    const old = gh.readFile(OWNER, REPO, branch, `${DIR}/0001-use-mysql.md`)!;
    expect(parseAdrFile(`${DIR}/0001-use-mysql.md`, old)).toMatchObject({ status: 'superseded', supersededBy: [2] });
    expect(old).toContain('Body stays.');
    const fresh = gh.readFile(OWNER, REPO, branch, `${DIR}/0002-use-postgresql.md`)!;
    expect(parseAdrFile(`${DIR}/0002-use-postgresql.md`, fresh)).toMatchObject({ supersedes: [1] });
    expect(gh.readFile(OWNER, REPO, branch, `${DIR}/README.md`)).toMatch(/superseded by \[0002\]\(0002-use-postgresql\.md\)/);
    const repo = gh.repo(OWNER, REPO);
    const head = repo.git.commits.get(repo.git.refs.get(`heads/${branch}`)!)!;
    expect(head.parents).toEqual([repo.git.refs.get('heads/main')]);
  });

  it('accept <n> records the plan\'s proposed decision n', async () => {
    gh = await startRepo();
    gh.addIssue({ owner: OWNER, repo: REPO, number: 5 });
    const plan = [
      '## 🏗️ Architecture plan',
      '',
      '### 📝 Proposed decisions',
      '',
      decisionCheckboxLine(1, 'Use an outbox for events'),
      '',
      '  Write events to an outbox table in the same transaction.',
      '',
      '  <details>',
      '  <summary>Why, and the alternatives</summary>',
      '',
      '  Dual writes lose events.',
      '',
      '  **Alternatives considered**',
      '',
      '  - Publish after commit',
      '',
      '  </details>',
      '',
      decisionCheckboxLine(2, 'Use UUID primary keys'),
      '',
      '  Keys are UUIDv7.',
      '',
      encodeMarker({ family: 'plan' }),
    ].join('\n');
    gh.addComment({ owner: OWNER, repo: REPO, issueNumber: 5, body: plan, user: gh.botLogin });
    await adrJob(await adrContext(gh, 5, 'accept 1 9', '', { decisions: [1, 9] }), extras);
    const text = gh.readFile(OWNER, REPO, 'agency/adr-0001-use-an-outbox-for-events', `${DIR}/0001-use-an-outbox-for-events.md`)!;
    expect(text).toContain('Write events to an outbox table');
    expect(text).toContain('Publish after commit');
    expect(adrComment(gh, 5)[0]!.body).toMatch(/Decision 9: not found/);
  });
});

describe('/agency:adr in direct mode', () => {
  it('commits to the default branch fast-forward', async () => {
    gh = await startRepo();
    gh.addIssue({ owner: OWNER, repo: REPO, number: 5 });
    const before = gh.repo(OWNER, REPO).git.refs.get('heads/main')!;
    await adrJob(await adrContext(gh, 5, 'Use PostgreSQL', 'adr:\n  mode: direct\n'), extras);
    const repo = gh.repo(OWNER, REPO);
    const head = repo.git.commits.get(repo.git.refs.get('heads/main')!)!;
    expect(head.parents).toEqual([before]);
    expect(filesAt(gh, 'main', DIR)).toEqual([`${DIR}/0001-use-postgresql.md`, `${DIR}/README.md`]);
    expect(parseAdrFile('x', gh.readFile(OWNER, REPO, 'main', `${DIR}/0001-use-postgresql.md`)!).status).toBe('proposed');
    expect(adrComment(gh, 5)[0]!.body).toMatch(/committed to the default branch in https:\/\/github\.com\/acme\/api\/commit\//);
    gh.assertNoViolations();
  });

  it('rebuilds and retries when the branch moved (non-fast-forward)', async () => {
    gh = await startRepo();
    gh.addIssue({ owner: OWNER, repo: REPO, number: 5 });
    gh.failNext('PATCH', '/repos/{owner}/{repo}/git/refs/{ref}', 422, { message: 'Update is not a fast forward' });
    await adrJob(await adrContext(gh, 5, 'Use PostgreSQL', 'adr:\n  mode: direct\n'), extras);
    expect(filesAt(gh, 'main', DIR)).toEqual([`${DIR}/0001-use-postgresql.md`, `${DIR}/README.md`]);
    const patches = gh.requests.filter((r) => r.method === 'PATCH' && r.path.includes('/git/refs/'));
    expect(patches).toHaveLength(2);
    expect(patches.every((p) => (p.body as { force?: boolean }).force !== true)).toBe(true);
  });

  it('a protected branch refusal becomes a clear comment suggesting pr mode', async () => {
    gh = await startRepo();
    gh.addIssue({ owner: OWNER, repo: REPO, number: 5 });
    gh.protectBranch(OWNER, REPO, 'main');
    const before = gh.repo(OWNER, REPO).git.refs.get('heads/main');
    const outcome = await adrJob(await adrContext(gh, 5, 'Use PostgreSQL', 'adr:\n  mode: direct\n'), extras);
    expect(outcome.status).toBe('done');
    expect(gh.repo(OWNER, REPO).git.refs.get('heads/main')).toBe(before);
    const body = adrComment(gh, 5)[0]!.body;
    expect(body).toMatch(/refused the commit to the default branch \(HTTP 422: Protected branch update failed/);
    expect(body).toContain('`adr.mode: pr`');
    gh.assertNoViolations();
  });
});

describe('adr.auto', () => {
  it('records every proposed decision of a new plan once, each as its own pull request', async () => {
    const { planJob } = await import('../../src/jobs/planJob.js');
    gh = await startRepo();
    gh.addIssue({ owner: OWNER, repo: REPO, number: 8, title: 'Orders API', body: 'A REST API for orders in PostgreSQL, with background jobs for emails.' });
    const ctx = await adrContext(gh, 8, '', 'adr:\n  auto: true\n', { command: 'plan', via: 'label', event: 'issues.labeled' });
    const planned = await planJob(ctx, { family: 'plan', marker: { family: 'plan' }, decisions: [] });
    // The plan comment first, then one ADR write per proposed decision and the ADR comment.
    expect(planned.writes.map((w) => w.kind)).toEqual(['comment', ...planned.writes.slice(1, -1).map(() => 'adr'), 'adr-log']);
    await gitHubPublisher({ github: ctx.github, log: ctx.log, repoUrl: ctx.repoUrl })(planned.writes);
    const plan = gh.comments(OWNER, REPO, 8).find((c) => c.body.includes('Record as ADR 1'))!;
    const proposed = (plan.body.match(/Record as ADR \d+:/g) ?? []).length;
    expect(proposed).toBeGreaterThan(0);
    expect(openPulls(gh)).toHaveLength(proposed);
    const numbers = openPulls(gh).map((p) => /adr-(\d{4})-/.exec(p.headRef)![1]).sort();
    expect(new Set(numbers).size).toBe(proposed);
    expect(adrComment(gh, 8)).toHaveLength(1);
    gh.assertNoViolations();
  });
});
