import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltinAgents } from '../../src/agents/builtinAgents.js';
import { runLocalEvent } from '../../src/cli/runLocalEvent.js';
import type { Write } from '../../src/domain/Write.js';
import { lastCommentText } from '../../src/publish/describeWrite.js';
import { parseUnifiedDiff } from '../../src/evidence/parseUnifiedDiff.js';
import { BUNDLE, runBundledAction } from '../action/runBundledAction.js';
import { startTestApp, type LoosePayload, type TestApp } from '../support/startTestApp.js';

/*
 * One event through the three adapters: the App (signed webhook, Probot), the Action (the committed
 * bundle, as a runner starts it) and the CLI (the local checkout). All three run the same steps from
 * trigger to plan, so their plans of writes are the same, and what the App and the Action post is the
 * same text, up to who asked, the issue number and the hidden marker.
 */

const LEAD = 'lead-dev';
const TOKEN = 'ghs_workflowTokenForParity0000000000000';
const ISSUE = { title: 'Order export API', body: 'Export orders as CSV for finance: an endpoint, a background job and an S3 upload.' };
const FILES = [
  {
    path: 'src/orders/totals.ts',
    lines: [
      'export async function totals(ids: string[]) {',
      '  const out = [];',
      '  for (const id of ids) {',
      "    out.push(await db.query('SELECT total FROM orders WHERE id = $1', [id]));",
      '  }',
      '  return out;',
      '}',
    ],
  },
  {
    // A right-to-left override: every adapter must show it and report it (trojan source).
    path: 'src/orders/access.ts',
    lines: ['export function isAdmin(role: string) {', '  return role === "user\u202E \u2066// admin\u2069 \u2066";', '}'],
  },
];
const patchOf = (lines: string[]) => `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join('\n')}`;
const unifiedDiff = FILES.map((f) => `diff --git a/${f.path} b/${f.path}\nnew file mode 100644\n--- /dev/null\n+++ b/${f.path}\n${patchOf(f.lines)}\n`).join('');

/** Markers carry delivery ids; the requester, the repository and the head commit differ from run to run. */
function normalise(body: string): string {
  return body
    .replace(/<!--[\s\S]*?-->/g, '<!-- marker -->')
    // What each adapter paid in requests is its own (the CLI reads its checkout, the App has caches).
    .replace(/^\| Repository reads \|.*\|$/m, '| Repository reads | n |')
    // A local checkout has no commit on GitHub to link to or to name: the CLI prints the bare location.
    .replace(/\[(`[^`]+`)\]\(https:\/\/github\.com\/[^)\s]+\/blob\/[^)\s]+\)/g, '$1')
    .replace(/<sub>Reviewed commits: [^<\n]+<\/sub>\n\n/g, '')
    .replace(/@(lead-dev|local)\b/g, '@requester')
    .replace(/\((?:https?:\/\/[^)\s]*)?#issuecomment-\d+\)/g, '(link)');
}

/** A plan without what differs between adapters by design: issue numbers, comment ids, links, who asked, when. */
function planShape(writes: readonly Write[]): unknown[] {
  return writes.map((w) => {
    switch (w.kind) {
      case 'comment':
        return { kind: w.kind, family: w.family, body: normalise(w.body), withRefusals: w.withRefusals ?? false };
      case 'review':
        return { kind: w.kind, event: w.event, body: w.body, comments: w.comments.map((c) => ({ ...c, body: normalise(c.body) })) };
      case 'check-run':
        return { kind: w.kind, ...w.check, headSha: 'sha', summary: normalise(w.check.summary) };
      case 'adr':
        return { kind: w.kind, dir: w.dir, mode: w.mode, title: w.title, adr: JSON.parse(JSON.stringify(w.adr).replace(/#\d+/g, '#n')) as unknown, status: w.meta.status, date: w.meta.date };
      case 'adr-log':
        return { kind: w.kind, heading: w.heading, problems: w.problems, previous: w.previous.length };
      default:
        return { kind: w.kind };
    }
  });
}

/** The plan the Action printed as a debug line (RUNNER_DEBUG=1). */
function actionPlan(stdout: string): Write[] {
  const line = stdout.split('\n').find((l) => l.startsWith('::debug::agency plan '));
  if (!line) throw new Error(`the Action printed no plan:\n${stdout}`);
  return JSON.parse(line.slice('::debug::agency plan '.length).replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%')) as Write[];
}

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

beforeAll(() => {
  if (!existsSync(BUNDLE)) throw new Error('dist/action.js is missing: run `npm run build:action`');
});

interface Through {
  app: string;
  action: string;
  cli: string;
  plans: { app: readonly Write[]; action: Write[]; cli: readonly Write[] };
}

async function throughAll(command: 'plan' | 'review' | 'adr', args = ''): Promise<Through> {
  app = await startTestApp({ offline: true });
  const a = app;
  a.gh.setPermission(a.owner, a.repo, LEAD, 'write');
  a.gh.mapToken(TOKEN, 'github-actions[bot]', 'Bot');
  const isPull = command === 'review';
  const seed = () =>
    isPull
      ? a.gh.addPullRequest({
          owner: a.owner,
          repo: a.repo,
          title: ISSUE.title,
          body: ISSUE.body,
          user: LEAD,
          files: FILES.map((f) => ({ filename: f.path, status: 'added', patch: patchOf(f.lines), additions: f.lines.length, deletions: 0, content: `${f.lines.join('\n')}\n` })),
        }).number
      : a.gh.addIssue({ owner: a.owner, repo: a.repo, ...ISSUE, user: LEAD }).number;
  const commentEvent = (number: number, installation: boolean): LoosePayload => {
    // The command comment exists on GitHub, so the 👀 reaction lands as it would.
    const text = `/agency:${command}${args ? ` ${args}` : ''}`;
    const comment = a.gh.addComment({ owner: a.owner, repo: a.repo, issueNumber: number, body: text, user: LEAD });
    return a.payload('issue_comment', 'created', (p) => {
      p.issue = { ...p.issue, number, title: ISSUE.title, body: ISSUE.body, user: { ...p.issue.user, login: LEAD } };
      if (isPull) p.issue.pull_request = { url: '' };
      else delete p.issue.pull_request;
      p.comment = { ...p.comment, id: comment.id, body: text, user: { ...p.comment.user, login: LEAD, type: 'User' } };
      p.sender = { ...p.sender, login: LEAD, type: 'User' };
      if (!installation) delete p.installation;
    });
  };

  // The App.
  const appNumber = seed();
  await a.send('issue_comment', commentEvent(appNumber, true));
  const [outcome] = await a.waitForOutcomes(1);
  expect(outcome?.outcome.status, JSON.stringify(outcome)).toBe('done');
  const appBody = a.gh.comments(a.owner, a.repo, appNumber).find((c) => c.user.login === a.gh.botLogin)?.body;
  const appPlan = outcome?.outcome.status === 'done' ? (outcome.outcome.writes ?? []) : [];

  // The Action: the committed bundle against the same fake GitHub.
  const actionNumber = seed();
  const run = await runBundledAction({
    eventName: 'issue_comment',
    payload: commentEvent(actionNumber, false),
    repository: `${a.owner}/${a.repo}`,
    apiUrl: a.gh.url,
    inputs: { 'github-token': TOKEN },
    env: { RUNNER_DEBUG: '1' },
  });
  expect(run.stdout).not.toContain('::error');
  expect(run.stdout).not.toContain('::warning');
  const actionBody = a.gh.comments(a.owner, a.repo, actionNumber).find((c) => c.user.login === 'github-actions[bot]')?.body;
  const actionWrites = actionPlan(run.stdout);

  // The CLI, on an empty checkout.
  const local = await runLocalEvent({
    cwd: await mkdtemp(join(tmpdir(), 'agency-parity-')),
    command,
    args,
    subject: { ...ISSUE, ...(isPull ? { files: parseUnifiedDiff(unifiedDiff) } : {}) },
    builtinAgents: await loadBuiltinAgents(),
    env: {},
    say: () => undefined,
  });
  a.gh.assertNoViolations();
  const cliPlan = local.outcome.status === 'done' ? (local.outcome.writes ?? []) : [];
  return { app: appBody ?? '(none)', action: actionBody ?? '(none)', cli: lastCommentText(local.published) ?? '(none)', plans: { app: appPlan, action: actionWrites, cli: cliPlan } };
}

function expectSamePlans(out: Through): void {
  expect(out.plans.app.length).toBeGreaterThan(0);
  expect(planShape(out.plans.action)).toEqual(planShape(out.plans.app));
  expect(planShape(out.plans.cli)).toEqual(planShape(out.plans.app));
}

describe('the App, the Action and the CLI post the same thing', () => {
  it('plan', async () => {
    const out = await throughAll('plan');
    expect(out.app).toMatch(/^## 🏗️ Architecture plan/m);
    expectSamePlans(out);
    expect(out.plans.app.map((w) => w.kind)).toEqual(['comment']);
    expect(normalise(out.action)).toBe(normalise(out.app));
    expect(normalise(out.cli)).toBe(normalise(out.app));
  });

  it('review, including the trojan-source finding the CLI used to miss', async () => {
    const out = await throughAll('review');
    expect(out.app).toMatch(/N\+1/);
    expect(out.app).toContain('[U+202E]');
    expectSamePlans(out);
    expect(out.plans.app.map((w) => w.kind)).toEqual(['review', 'check-run', 'comment']);
    expect(normalise(out.action)).toBe(normalise(out.app));
    expect(normalise(out.cli)).toBe(normalise(out.app));
  });

  it('adr: the same record planned; the App and the Action open the pull request, the CLI shows the file', async () => {
    const out = await throughAll('adr', 'Use PostgreSQL for orders');
    expectSamePlans(out);
    expect(out.plans.app.map((w) => w.kind)).toEqual(['adr', 'adr-log']);
    expect(out.app).toMatch(/ADR-0001 “Use PostgreSQL for orders”: proposed in .*\/pull\/\d+/);
    expect(out.action).toMatch(/ADR-0002 “Use PostgreSQL for orders”|ADR-0001 “Use PostgreSQL for orders”: already recorded/);
    expect(out.cli).toMatch(/ADR-0001 “Use PostgreSQL for orders”: would be proposed in a pull request as `\.agency\/decisions\/0001-use-postgresql-for-orders\.md`/);
  });
});
