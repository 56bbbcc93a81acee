import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeClaude, type FakeClaude } from '../support/fakeClaude.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub.js';
import { startTestApp } from '../support/startTestApp.js';
import { actionPayload, type Json } from './actionPayload.js';
import { BUNDLE, runBundledAction } from './runBundledAction.js';
import { existsSync } from 'node:fs';

const OWNER = 'acme';
const REPO = 'api';
const TOKEN = 'ghs_workflowTokenForTests000000000000';
const ACTIONS_BOT = 'github-actions[bot]';
const LEAD = 'lead-dev';

/** A real example payload pointed at acme/api, sent by the lead. */
function payload(event: string, action: string, mutate: (p: Json) => void): Json {
  return actionPayload(event, action, mutate, { owner: OWNER, repo: REPO, sender: LEAD });
}

const ISSUE = { title: 'Order export API', body: 'Export orders as CSV for finance: an endpoint, a background job and an S3 upload.' };

function labeledIssue(number: number): Json {
  return payload('issues', 'labeled', (p) => {
    p.issue = { ...p.issue, number, title: ISSUE.title, body: ISSUE.body, user: { ...p.issue.user, login: LEAD }, labels: [{ ...p.label, name: 'backend' }], pull_request: undefined };
    p.label = { ...p.label, name: 'backend' };
  });
}

const N_PLUS_ONE = [
  'export async function totals(ids: string[]) {',
  '  const out = [];',
  '  for (const id of ids) {',
  "    out.push(await db.query('SELECT total FROM orders WHERE id = $1', [id]));",
  '  }',
  '  return out;',
  '}',
];

function seedPull(gh: FakeGitHub) {
  return gh.addPullRequest({
    owner: OWNER,
    repo: REPO,
    title: 'Order totals',
    body: 'Adds totals.',
    user: LEAD,
    labels: ['backend'],
    files: [
      {
        filename: 'src/orders/totals.ts',
        status: 'added',
        patch: `@@ -0,0 +1,${N_PLUS_ONE.length} @@\n${N_PLUS_ONE.map((l) => `+${l}`).join('\n')}`,
        additions: N_PLUS_ONE.length,
        deletions: 0,
        content: `${N_PLUS_ONE.join('\n')}\n`,
      },
    ],
  });
}

function pullOpened(gh: FakeGitHub, number: number, headRepo = `${OWNER}/${REPO}`): Json {
  const pr = gh.state.repos.get(`${OWNER}/${REPO}`)!.pulls.get(number)!;
  return payload('pull_request', 'opened', (p) => {
    p.number = number;
    p.pull_request = {
      ...p.pull_request,
      number,
      title: 'Order totals',
      user: { ...p.pull_request.user, login: LEAD },
      labels: [{ name: 'backend' }],
      draft: false,
      head: { ...p.pull_request.head, sha: pr.headSha, ref: pr.headRef, repo: { ...p.pull_request.head.repo, full_name: headRepo } },
      base: { ...p.pull_request.base, sha: pr.baseSha, ref: 'main', repo: { ...p.pull_request.base.repo, full_name: `${OWNER}/${REPO}` } },
    };
  });
}

/** The hidden marker carries delivery ids, which differ between the app and the Action. */
const withoutMarkers = (body: string) => body.replace(/<!--[\s\S]*?-->/g, '<!-- marker -->');

let gh: FakeGitHub;
let claude: FakeClaude | undefined;

async function start(options: { claude?: boolean } = {}) {
  gh = await startFakeGitHub();
  gh.addRepo({ owner: OWNER, name: REPO });
  gh.mapToken(TOKEN, ACTIONS_BOT, 'Bot');
  gh.setPermission(OWNER, REPO, LEAD, 'write');
  if (options.claude) claude = await startFakeClaude();
}

function run(eventName: string, event: Json, inputs: Record<string, string> = {}) {
  return runBundledAction({
    eventName,
    payload: event,
    repository: `${OWNER}/${REPO}`,
    apiUrl: gh.url,
    inputs: { 'github-token': TOKEN, ...(claude ? { 'anthropic-api-key': 'test-key' } : {}), ...inputs },
    env: claude ? { ANTHROPIC_BASE_URL: claude.url } : {},
  });
}

beforeAll(() => {
  if (!existsSync(BUNDLE)) throw new Error('dist/action.js is missing: run `npm run build:action`');
});

afterEach(async () => {
  await gh?.close();
  await claude?.close();
  claude = undefined;
});

describe('the bundled action (node dist/action.js)', () => {
  it('answers a labeled issue with the same plan comment as the app', async () => {
    await start({ claude: true });
    const issue = gh.addIssue({ owner: OWNER, repo: REPO, ...ISSUE, user: LEAD, labels: ['backend'] });
    const result = await run('issues', labeledIssue(issue.number));
    expect(result.stdout).not.toContain('::error');
    expect(result.code).toBe(0);
    const comments = gh.comments(OWNER, REPO, issue.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.user.login).toBe(ACTIONS_BOT);
    expect(result.outputs['comment-url']).toMatch(/#issuecomment-\d+$/);
    gh.assertNoViolations();

    // The app, through Probot and its webhook, on the same issue.
    const app = await startTestApp();
    try {
      const appIssue = app.gh.addIssue({ owner: app.owner, repo: app.repo, ...ISSUE, user: LEAD, labels: ['backend'] });
      app.gh.setPermission(app.owner, app.repo, LEAD, 'write');
      const event = { ...labeledIssue(appIssue.number), installation: { id: app.installationId } };
      await app.send('issues', event);
      const outcomes = await app.waitForOutcomes(1);
      expect(outcomes[0]?.outcome.status, JSON.stringify(outcomes)).toBe('done');
      const appComments = app.gh.comments(app.owner, app.repo, appIssue.number);
      expect(appComments).toHaveLength(1);
      expect(withoutMarkers(comments[0]!.body)).toBe(withoutMarkers(appComments[0]!.body));
    } finally {
      await app.close();
    }
  });

  it('reviews a pull request: summary comment, inline review, check run, outputs', async () => {
    await start({ claude: true });
    const pr = seedPull(gh);
    const result = await run('pull_request', pullOpened(gh, pr.number));
    expect(result.stdout).not.toContain('::error');
    expect(result.code).toBe(0);
    const [comment] = gh.comments(OWNER, REPO, pr.number);
    expect(comment?.user.login).toBe(ACTIONS_BOT);
    expect(comment?.body).toContain('N+1');
    expect(gh.reviews(OWNER, REPO, pr.number).flatMap((r) => r.comments).map((c) => c.path)).toContain('src/orders/totals.ts');
    expect(gh.checkRuns(OWNER, REPO)).toHaveLength(1);
    expect(claude!.accepted().length).toBeGreaterThan(0);
    expect(Number(result.outputs['findings-major'])).toBeGreaterThanOrEqual(1);
    expect(result.outputs['comment-url']).toMatch(/#issuecomment-\d+$/);
    gh.assertNoViolations();
  });

  it('fails the step with fail-on: major when a major finding is reported', async () => {
    await start();
    const pr = seedPull(gh);
    const result = await run('pull_request', pullOpened(gh, pr.number), { 'fail-on': 'major' });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/::error title=Agency Architect::\d+ major finding\(s\) reach fail-on "major"/);
    // The review itself was still published.
    expect(gh.comments(OWNER, REPO, pr.number)).toHaveLength(1);
    expect(result.outputs['findings-major']).not.toBe('0');
  });

  it('passes with fail-on: blocker when the worst finding is major', async () => {
    await start();
    const pr = seedPull(gh);
    const result = await run('pull_request', pullOpened(gh, pr.number), { 'fail-on': 'blocker' });
    expect(result.code).toBe(0);
    // The same major finding as above is there; it only does not reach the threshold.
    expect(Number(result.outputs['findings-major'])).toBeGreaterThanOrEqual(1);
    expect(result.outputs['findings-blocker']).toBe('0');
    expect(result.stdout).not.toContain('::error');
    expect(gh.comments(OWNER, REPO, pr.number)).toHaveLength(1);
  });

  it('on a fork PR writes nothing, puts the offline review in the job summary and exits 0', async () => {
    await start({ claude: true });
    const pr = seedPull(gh);
    gh.setPermission(OWNER, REPO, LEAD, 'read');
    const result = await run('pull_request', pullOpened(gh, pr.number, 'outsider/api'), { 'anthropic-api-key': '' });
    expect(result.code).toBe(0);
    expect(gh.writes()).toEqual([]);
    expect(claude!.requests).toHaveLength(0);
    expect(result.summary).toContain('Agency Architect (offline evidence review)');
    expect(result.summary).toContain('N+1');
    expect(result.summary).toContain('pull_request_target');
    expect(result.outputs['comment-url']).toBe('');
  });

  it('falls back to the job summary when the token answers 403 on the first write', async () => {
    await start();
    const pr = seedPull(gh);
    gh.failNext('POST', /./, 403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' }, { times: 100 });
    gh.failNext('PATCH', /./, 403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' }, { times: 100 });
    const result = await run('pull_request', pullOpened(gh, pr.number));
    expect(result.code).toBe(0);
    expect(result.summary).toContain('GitHub answered 403');
    expect(result.summary).toContain('N+1');
    expect(gh.comments(OWNER, REPO, pr.number)).toHaveLength(0);
  });

  it('dry-run sends no write and prints what it would post', async () => {
    await start({ claude: true });
    const pr = seedPull(gh);
    const result = await run('pull_request', pullOpened(gh, pr.number), { 'dry-run': 'true' });
    expect(result.code).toBe(0);
    expect(gh.writes()).toEqual([]);
    expect(gh.requests.length).toBeGreaterThan(0);
    expect(result.stdout).toContain('[dry-run] would write: comment on #');
    expect(result.summary).toContain('Agency Architect (dry run)');
    expect(result.summary).toContain('N+1');
  });

  it('records an ADR from /agency:adr and outputs its pull request URL', async () => {
    await start();
    gh.repo(OWNER, REPO).actionsCanCreatePullRequests = true;
    const issue = gh.addIssue({ owner: OWNER, repo: REPO, title: 'Job queue', body: 'Which queue for background jobs?', user: LEAD });
    const comment = gh.addComment({ owner: OWNER, repo: REPO, issueNumber: issue.number, body: '/agency:adr Use Postgres for the job queue', user: LEAD });
    const event = payload('issue_comment', 'created', (p) => {
      p.issue = { ...p.issue, number: issue.number, title: 'Job queue', user: { ...p.issue.user, login: LEAD }, pull_request: undefined };
      p.comment = { ...p.comment, id: comment.id, body: comment.body, user: { ...p.comment.user, login: LEAD, type: 'User' } };
    });
    const result = await run('issue_comment', event);
    expect(result.stdout).not.toContain('::error');
    expect(result.code).toBe(0);
    const pulls = [...gh.repo(OWNER, REPO).pulls.values()];
    expect(pulls).toHaveLength(1);
    expect(result.outputs['adr-pr-url']).toMatch(new RegExp(`/pull/${pulls[0]!.number}$`));
    expect(gh.writes().every((w) => w.actor === ACTIONS_BOT)).toBe(true);
    gh.assertNoViolations();
  });

  it('rejects a bad input with an error annotation and no request', async () => {
    await start();
    const issue = gh.addIssue({ owner: OWNER, repo: REPO, ...ISSUE, user: LEAD, labels: ['backend'] });
    const result = await run('issues', labeledIssue(issue.number), { 'fail-on': 'sometimes' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('::error title=Agency Architect::input "fail-on" must be one of blocker, major, minor, nit, never');
    expect(result.stdout).not.toContain(TOKEN);
    expect(gh.requests).toHaveLength(0);
  });
});

describe('the bundle moved away from node_modules, as on a runner', () => {
  const MIGRATION = ['CREATE INDEX orders_customer_idx ON orders (customer_id);'];
  let copy: string;

  beforeAll(async () => {
    copy = await mkdtemp(join(tmpdir(), 'agency-runner-'));
    await cp(fileURLToPath(new URL('../../dist/', import.meta.url)), join(copy, 'dist'), { recursive: true });
    await mkdir(join(copy, 'bin'));
    // What `npm install --global squawk-cli` puts on PATH: a link to the package's Node launcher.
    await symlink(createRequire(import.meta.url).resolve('squawk-cli/js/bin/squawk'), join(copy, 'bin', 'squawk'));
  });
  afterAll(async () => {
    await rm(copy, { recursive: true, force: true });
  });

  async function reviewMigration(path: string) {
    await start();
    const pr = gh.addPullRequest({
      owner: OWNER,
      repo: REPO,
      title: 'Index orders by customer',
      user: LEAD,
      labels: ['backend'],
      files: [
        {
          filename: 'db/migrations/0002_orders_customer_idx.sql',
          status: 'added',
          patch: `@@ -0,0 +1 @@\n+${MIGRATION[0]}`,
          additions: 1,
          deletions: 0,
          content: `${MIGRATION[0]}\n`,
        },
      ],
    });
    const result = await runBundledAction({
      eventName: 'pull_request',
      payload: pullOpened(gh, pr.number),
      repository: `${OWNER}/${REPO}`,
      apiUrl: gh.url,
      inputs: { 'github-token': TOKEN },
      env: { PATH: path },
      bundle: join(copy, 'dist', 'action.js'),
    });
    expect(result.stdout).not.toContain('::error');
    expect(result.code).toBe(0);
    return gh.comments(OWNER, REPO, pr.number)[0]!.body;
  }

  it('finds its agents in dist/agents and squawk on PATH', async () => {
    const body = await reviewMigration(`${join(copy, 'bin')}${delimiter}${dirname(process.execPath)}`);
    expect(body).toMatch(/concurrent/i);
    expect(body).not.toContain('squawk is not installed');
  });

  async function reviewCode(env: Record<string, string>) {
    await start();
    const pr = seedPull(gh);
    const result = await runBundledAction({
      eventName: 'pull_request',
      payload: pullOpened(gh, pr.number),
      repository: `${OWNER}/${REPO}`,
      apiUrl: gh.url,
      inputs: { 'github-token': TOKEN },
      env: { PATH: dirname(process.execPath), ...env },
      bundle: join(copy, 'dist', 'action.js'),
    });
    expect(result.stdout).not.toContain('::error');
    expect(result.code).toBe(0);
    return gh.comments(OWNER, REPO, pr.number)[0]!.body;
  }

  it('loads its rules from dist/rules and @ast-grep/napi through NODE_PATH (a global install)', async () => {
    const nodeModules = dirname(dirname(dirname(createRequire(import.meta.url).resolve('@ast-grep/napi/package.json'))));
    const body = await reviewCode({ NODE_PATH: nodeModules });
    expect(body).toContain('`query-in-loop`');
    expect(body).not.toContain('code rules did not run');
  });

  it('says the code rules did not run when @ast-grep/napi is not installed, and still reviews', async () => {
    const body = await reviewCode({});
    expect(body).toMatch(/The code rules did not run: `?@ast-grep\/napi`? is not installed/);
    expect(body).not.toContain('`query-in-loop`');
  });

  it('says so when squawk is not installed, and still reviews', async () => {
    // Not the test's PATH: npm puts node_modules/.bin (with squawk) on it.
    const body = await reviewMigration(dirname(process.execPath));
    expect(body).toContain('squawk is not installed');
  });
});
