import type { ProbotOctokit } from 'probot';
import { afterEach, describe, expect, it } from 'vitest';
import type { AdrWrite, Write } from '../../src/domain/Write.js';
import { octokitGitHub } from '../../src/github/octokitGitHub.js';
import type { GitHub } from '../../src/github/GitHub.js';
import { gitHubPublisher } from '../../src/publish/gitHubPublisher.js';
import { previewPublisher } from '../../src/publish/previewPublisher.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub.js';
import { quietOctokit } from '../support-tests/quietOctokit.js';

const OWNER = 'acme';
const REPO = 'api';
const CHECK_RUNS = '/repos/{owner}/{repo}/check-runs';
const COMMENTS = '/repos/{owner}/{repo}/issues/{issue_number}/comments';
const REFS = '/repos/{owner}/{repo}/git/refs';

let gh: FakeGitHub | undefined;
afterEach(async () => {
  await gh?.close();
  gh = undefined;
});

function recordingLog() {
  const lines: string[] = [];
  return { lines, log: { info: () => undefined, warn: (_f: object, m: string) => void lines.push(`warn ${m}`), error: (_f: object, m: string) => void lines.push(`error ${m}`) } };
}

async function repoWithPull(): Promise<{ g: FakeGitHub; github: GitHub; number: number; head: string }> {
  const g = await startFakeGitHub();
  gh = g;
  g.addRepo({ owner: OWNER, name: REPO });
  g.setFile(OWNER, REPO, 'main', 'src/index.ts', 'export {};\n');
  const pull = g.addPullRequest({ owner: OWNER, repo: REPO, title: 'Orders', body: '', user: 'dev', files: [{ filename: 'src/a.ts', status: 'added', patch: '@@ -0,0 +1 @@\n+x', additions: 1, deletions: 0, content: 'x\n' }] });
  const github = octokitGitHub(quietOctokit(g.url) as unknown as ProbotOctokit, OWNER, REPO, { botLogin: g.botLogin });
  return { g, github, number: pull.number, head: (await github.pull(pull.number)).headSha };
}

const check = (headSha: string): Write => ({
  kind: 'check-run',
  check: { name: 'Agency Architect', headSha, conclusion: 'failure', title: '1 finding(s)', summary: 'One finding.', annotations: [] },
  ifRefused: 'No check run was created: GitHub refused it (403).',
});
const comment = (number: number, body = '## 🔎 Review\n\nOne finding.'): Write => ({ kind: 'comment', number, family: 'review', body, withRefusals: true });

const adr = (title: string, extra: Partial<AdrWrite> = {}): AdrWrite => ({
  kind: 'adr',
  dir: '.agency/decisions',
  mode: 'pr',
  title,
  adr: {
    title,
    context: 'Orders need a store.',
    drivers: [],
    options: [],
    outcome: { chosen: title, justification: 'Because.' },
    consequences: { good: [], bad: [] },
    confirmation: '',
    moreInformation: '',
  },
  meta: { status: 'accepted', date: '2026-12-02', deciders: ['lead'], links: {} },
  requester: 'lead',
  ...extra,
});

describe('the GitHub executor', () => {
  it('a refused check run becomes a note under the comment heading; the rest of the plan is published', async () => {
    const { g, github, number, head } = await repoWithPull();
    g.failNext('POST', CHECK_RUNS, 403, { message: 'Resource not accessible by integration' });
    const { log } = recordingLog();
    const published = await gitHubPublisher({ github, log, repoUrl: 'https://github.com/acme/api' })([check(head), comment(number)]);
    expect(published.map((p) => p.result.kind)).toEqual(['refused', 'written']);
    expect(g.checkRuns(OWNER, REPO)).toEqual([]);
    const [posted] = g.comments(OWNER, REPO, number);
    expect(posted!.body).toMatch(/^## 🔎 Review\n\n> ℹ️ No check run was created: GitHub refused it \(403\)\.\n\nOne finding\.$/);
  });

  it('a check run GitHub accepts leaves the comment as planned and returns its link', async () => {
    const { g, github, number, head } = await repoWithPull();
    const published = await gitHubPublisher({ github, log: recordingLog().log, repoUrl: 'https://github.com/acme/api' })([check(head), comment(number)]);
    expect(g.checkRuns(OWNER, REPO)).toHaveLength(1);
    expect(published[0]!.result).toMatchObject({ kind: 'written', url: expect.stringMatching(/^https?:\/\//) });
    expect(g.comments(OWNER, REPO, number)[0]!.body).toBe('## 🔎 Review\n\nOne finding.');
  });

  it('a failure stops the plan and propagates: what was published before it stays, nothing after it runs', async () => {
    const { g, github, number, head } = await repoWithPull();
    g.failNext('POST', COMMENTS, 502, undefined, { times: 5 });
    const plan: Write[] = [check(head), comment(number), { kind: 'reaction', commentId: 1, content: 'eyes' }];
    await expect(gitHubPublisher({ github, log: recordingLog().log, repoUrl: '' })(plan)).rejects.toMatchObject({ status: 502 });
    expect(g.checkRuns(OWNER, REPO)).toHaveLength(1);
    expect(g.comments(OWNER, REPO, number)).toEqual([]);
  });

  it('best-effort ADRs: a failed one is logged, the ones after it are skipped, the comment before stays', async () => {
    const { g, github, number } = await repoWithPull();
    g.failNext('POST', REFS, 502, undefined, { times: 5 });
    const { lines, log } = recordingLog();
    const plan: Write[] = [
      comment(number, '## 🏗️ Plan\n\nText.'),
      { ...adr('Use PostgreSQL'), bestEffort: true },
      { ...adr('Use a queue'), bestEffort: true },
      { kind: 'adr-log', number, family: 'adr', heading: '## 📝 Architecture decision records', previous: [], problems: [], footer: '', bestEffort: true },
    ];
    const published = await gitHubPublisher({ github, log, repoUrl: '' })(plan);
    expect(published.map((p) => p.result.kind)).toEqual(['written', 'skipped', 'skipped', 'skipped']);
    expect(g.comments(OWNER, REPO, number).map((c) => c.body)).toEqual(['## 🏗️ Plan\n\nText.']);
    expect(lines).toEqual([expect.stringMatching(/^warn best-effort write failed/)]);
  });

  it('a permission 403 on a write the plan needs goes to onForbidden (the Action\'s read-only fallback)', async () => {
    const { g, github, number } = await repoWithPull();
    g.failNext('POST', COMMENTS, 403, { message: 'Resource not accessible by integration' });
    const refused = new Error('read-only');
    const publish = gitHubPublisher({ github, log: recordingLog().log, repoUrl: '', onForbidden: () => refused });
    await expect(publish([comment(number)])).rejects.toBe(refused);
  });

  it('an ADR and its log: the pull request is opened and the log line links it', async () => {
    const { g, github, number } = await repoWithPull();
    const published = await gitHubPublisher({ github, log: recordingLog().log, repoUrl: 'https://github.com/acme/api' })([
      adr('Use PostgreSQL'),
      { kind: 'adr-log', number, family: 'adr', heading: '## 📝 Architecture decision records', previous: ['- ✅ ADR-0000 “Old”: committed.'], problems: [], footer: '<sub>footer</sub>' },
    ]);
    expect(published[0]!.result).toMatchObject({ kind: 'adr', result: { kind: 'pull', number: 1, branch: 'agency/adr-0001-use-postgresql' } });
    const body = g.comments(OWNER, REPO, number)[0]!.body;
    expect(body.split('\n')).toEqual([
      '## 📝 Architecture decision records',
      '',
      '- ✅ ADR-0000 “Old”: committed.',
      expect.stringMatching(/^- 📝 ADR-0001 “Use PostgreSQL”: proposed in .*\/pull\/\d+ on `agency\/adr-0001-use-postgresql`\./),
      '',
      '<sub>footer</sub>',
    ]);
  });
});

describe('the preview executor (CLI, dry run, fork pull requests)', () => {
  it('writes nothing, shows each write, and gives an ADR the next number after the records on the default branch', async () => {
    const { g, github, number } = await repoWithPull();
    g.setFile(OWNER, REPO, 'main', '.agency/decisions/0004-use-redis.md', '# ADR-0004\n');
    const readOnly: GitHub = new Proxy(github, {
      get: (target, prop, receiver) => (/^(create|update|react|dismiss|reserve)/.test(String(prop)) ? () => Promise.reject(new Error(`wrote ${String(prop)}`)) : Reflect.get(target, prop, receiver)),
    });
    const published = await previewPublisher(readOnly)([
      comment(number),
      adr('Use PostgreSQL'),
      adr('Use Redis'),
      { kind: 'adr-log', number, family: 'adr', heading: '## 📝 Architecture decision records', previous: [], problems: [], footer: '' },
    ]);
    expect(published[0]!.result).toEqual({ kind: 'shown', body: '## 🔎 Review\n\nOne finding.' });
    expect(published[1]!.result).toMatchObject({ kind: 'adr', result: { kind: 'preview', number: 5, path: '.agency/decisions/0005-use-postgresql.md' } });
    expect((published[1]!.result as { result: { content: string } }).result.content).toMatch(/^---\nnumber: 5\n/);
    expect(published[2]!.result).toMatchObject({ kind: 'adr', result: { kind: 'exists', number: 4 } });
    expect((published[3]!.result as { body: string }).body).toMatch(/ADR-0005 “Use PostgreSQL”: would be proposed in a pull request as `\.agency\/decisions\/0005-use-postgresql\.md` \(nothing was committed\)/);
    expect(g.comments(OWNER, REPO, number)).toEqual([]);
  });
});
