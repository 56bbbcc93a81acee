import { commitAdr, type CommitAdrResult } from '../adr/commitAdr.js';
import { ACTIONS_PULLS_SETTING_URL } from '../github/classifyGitHubError.js';
import { parsePlanDecisions } from '../adr/parsePlanDecisions.js';
import { renderAdrFile } from '../adr/renderAdrFile.js';
import { slugify } from '../adr/slugify.js';
import { selectAgent } from '../agents/selectAgent.js';
import { findLivingComment } from '../github/findLivingComment.js';
import type { AdrStatus } from '../domain/adrSchema.js';
import type { Subject } from '../domain/Model.js';
import type { ProposedDecision } from '../domain/planSchema.js';
import { renderFooter } from '../render/renderFooter.js';
import { safeLine } from '../render/safeText.js';
import type { DispatchExtras } from './JobContext.js';
import { gatherSubject } from './gatherSubject.js';
import type { JobContext, JobOutcome } from './JobContext.js';
import { nextMarker, upsertLivingComment } from './upsertLivingComment.js';

const FAMILY = 'adr';
const MAX_LOG_LINES = 30;
/** Lines of the ADR comment that list what was recorded; kept across runs on the same issue. */
const LOG_LINE = /^- (?:📝|✅|🔗|⚠️) /u;

/** What one run records: a title, and the plan's decision when it comes from one. */
interface AdrWish {
  title: string;
  proposed?: ProposedDecision;
  supersedes?: number;
  /** From a plan tick, `accept` or `adr.auto`: the decision was taken, not only drafted. */
  decided: boolean;
}

const pad = (n: number) => String(n).padStart(4, '0');

/** What to change when GitHub refuses a workflow token's pull request: the setting, by its name, and its docs. */
export const ACTIONS_SETTING_HINT = `the repository setting “Allow GitHub Actions to create and approve pull requests” is off (Settings → Actions → General → Workflow permissions; an organization can turn it off for all its repositories; ${ACTIONS_PULLS_SETTING_URL}).`;

/** `supersede 3 Use X` → { 3, 'Use X' }. */
function parseSupersede(args: string): { number: number; title: string } | undefined {
  const m = /^supersede\s+#?(?:adr-?)?(\d{1,6})\b[\s:,-]*(.*)$/i.exec(args.trim());
  return m?.[1] ? { number: Number(m[1]), title: (m[2] ?? '').trim() } : undefined;
}

async function planDecisions(ctx: JobContext): Promise<Map<number, ProposedDecision>> {
  const plan = await findLivingComment(ctx.github, ctx.intent.target.number, 'plan');
  if (!plan) return new Map();
  // The marker carries the decisions as rendered (numbered from 1); older comments are read from their text.
  const fromMarker = plan.marker.decisions;
  return fromMarker ? new Map(fromMarker.map((d, i) => [i + 1, d])) : parsePlanDecisions(plan.comment.body);
}

function describe(result: CommitAdrResult, title: string, mode: 'pr' | 'direct'): string {
  const name = (n?: number) => `${n !== undefined ? `ADR-${pad(n)} ` : ''}“${safeLine(title)}”`;
  switch (result.kind) {
    case 'pull':
      return `- 📝 ${name(result.number)}: proposed in ${result.pull.url}${result.existed ? ' (already open)' : ''} on \`${result.branch}\`. Merging it accepts the decision.`;
    case 'commit':
      return `- ✅ ${name(result.number)}: committed to the default branch in ${result.url} (\`${result.path}\`).`;
    case 'exists':
      return `- 🔗 ${name(result.number)}: already recorded${result.pull ? `, proposed in ${result.pull.url}` : ` as ${result.url}`}. To change it, use \`/agency:adr supersede <n> <title>\`.`;
    case 'missing':
      return `- ⚠️ ${name()}: not recorded. ${result.message}`;
    case 'branch':
      return `- ⚠️ ${name(result.number)}: committed on \`${result.branch}\`, but GitHub did not let this workflow open the pull request${result.status ? ` (HTTP ${result.status})` : ''}: ${ACTIONS_SETTING_HINT} Run the command again once it is on: the same branch and number are reused. Or [open the pull request yourself](${result.compareUrl}).`;
    case 'refused':
      return mode === 'direct'
        ? `- ⚠️ ${name()}: GitHub refused the commit to the default branch (${result.status ? `HTTP ${result.status}: ` : ''}${safeLine(result.message)}). The branch is probably protected or a ruleset applies; set \`adr.mode: pr\` in \`.github/agency.yml\` to propose decisions as pull requests instead.`
        : `- ⚠️ ${name()}: GitHub refused the commit (${safeLine(result.message)}).`;
  }
}

function pullBody(ctx: JobContext, subject: Subject, wish: AdrWish, statusWritten: AdrStatus, path: string, decision: string): string {
  const source = subject.url ? `${subject.kind === 'issue' ? 'issue' : 'pull request'} ${subject.url}` : 'the thread';
  return [
    `Records an architecture decision from ${source}, requested by @${ctx.intent.requester.login}.`,
    '',
    decision ? `**Decision:** ${safeLine(decision)}` : '',
    '',
    `The record is \`${path}\`; the index \`${path.replace(/[^/]+$/, 'README.md')}\` is updated in the same commit.`,
    wish.supersedes !== undefined ? `It supersedes ADR-${pad(wish.supersedes)}, whose status changes to \`superseded\` in the same commit.` : '',
    '',
    `**Merging this pull request accepts the decision.** The file already says \`status: ${statusWritten}\`, so the default branch and its index are right the moment it is merged; closing it without merging rejects the proposal and nothing is recorded. Review and complete the sections marked _to be completed_ before merging.`,
  ]
    .filter((l, i, all) => l !== '' || (all[i - 1] ?? '') !== '')
    .join('\n');
}

/**
 * Records the wished decisions one by one (one ADR, one commit, one pull request each) and returns
 * a line per record for the ADR comment.
 */
async function recordAll(ctx: JobContext, subject: Subject, wishes: AdrWish[], decisions: DispatchExtras['decisions']): Promise<{ lines: string[]; info?: Awaited<ReturnType<JobContext['model']['adr']>>['info']; notOpened: number }> {
  const { config, intent } = ctx;
  const mode = config.adr.mode;
  const lines: string[] = [];
  let info: Awaited<ReturnType<JobContext['model']['adr']>>['info'] | undefined;
  let notOpened = 0;
  for (const wish of wishes) {
    const result = await ctx.model.adr({ agent: selectAgent(ctx.agents, 'adr'), subject, title: wish.title, proposed: wish.proposed, decisions });
    info = result.info;
    const adr = { ...result.data, title: wish.title || result.data.title };
    // In `pr` mode the merge is the acceptance, so the file says what will be true once merged. A
    // direct commit of a bare title is a draft (blanks to fill): it stays proposed until a person edits it.
    const status: AdrStatus = mode === 'pr' || wish.decided ? 'accepted' : 'proposed';
    const meta = {
      status,
      date: new Date().toISOString().slice(0, 10),
      deciders: [intent.requester.login],
      links: subject.kind === 'issue' ? { issue: subject.url } : { pullRequest: subject.url },
      ...(wish.supersedes !== undefined ? { supersedes: [wish.supersedes] } : {}),
    };
    const committed = await commitAdr({
      github: ctx.github,
      dir: config.adr.dir,
      mode,
      title: adr.title,
      supersedes: wish.supersedes,
      render: (number) => renderAdrFile(adr, { ...meta, number }),
      message: (number) => `ADR-${pad(number)}: ${adr.title.replace(/\s+/g, ' ').trim()}`.slice(0, 200),
      pullBody: (_number, path) => pullBody(ctx, subject, wish, status, path, adr.outcome.chosen),
      repoUrl: ctx.repoUrl,
    });
    ctx.log.info({ kind: committed.kind, title: adr.title }, 'adr recorded');
    if (committed.kind === 'branch') {
      notOpened += 1;
      ctx.log.error({ branch: committed.branch }, `ADR-${pad(committed.number)} is on \`${committed.branch}\` but its pull request was not opened: ${ACTIONS_SETTING_HINT}`);
    }
    lines.push(describe(committed, adr.title, mode));
  }
  return { lines, info, notOpened };
}

async function publish(ctx: JobContext, lines: string[], info: Parameters<typeof renderFooter>[0]['info'] | undefined): Promise<string> {
  const number = ctx.intent.target.number;
  const existing = await findLivingComment(ctx.github, number, FAMILY);
  const previous = existing ? existing.comment.body.split('\n').filter((l) => LOG_LINE.test(l)) : [];
  const log = [...previous.filter((l) => !lines.includes(l)), ...lines].slice(-MAX_LOG_LINES);
  const marker = nextMarker(existing?.marker, FAMILY, ctx.deliveryId);
  const body = [
    '## 📝 Architecture decision records',
    '',
    ...log,
    '',
    renderFooter({ marker, ...(info ? { info } : {}) }),
  ].join('\n');
  const comment = await upsertLivingComment(ctx.github, number, FAMILY, body, existing);
  return comment.url;
}

/**
 * Records ADRs for `adr.auto: true` after a plan was posted: every proposed decision, each once
 * (a record with the same title is linked instead of repeated).
 */
export async function recordPlanDecisions(ctx: JobContext, subject: Subject, proposed: ProposedDecision[], decisions: DispatchExtras['decisions']): Promise<string | undefined> {
  if (proposed.length === 0) return undefined;
  const wishes = proposed.map((p) => ({ title: p.title, proposed: p, decided: true }));
  const { lines, info } = await recordAll(ctx, subject, wishes, decisions);
  return publish(ctx, lines, info);
}

/**
 * `/agency:adr <title>`: the model drafts the record from the thread (with the plan's proposed decision
 * when the title names one). `/agency:adr accept <n>` and ticked plan checkboxes: the plan's decision n.
 * `/agency:adr supersede <n> <title>`: a new record that supersedes n, both in one commit. Each record is
 * committed by commitAdr (`adr.mode`: a pull request, or the default branch) and linked in the ADR comment.
 */
export async function adrJob(ctx: JobContext, extras: DispatchExtras): Promise<JobOutcome> {
  const { github, intent } = ctx;
  const subject = await gatherSubject(github, intent.target.number, intent.target.kind, ctx.config, ctx.botLogin, ctx.notices);
  const wishes: AdrWish[] = [];
  const problems: string[] = [];

  if (intent.decisions && intent.decisions.length > 0) {
    const plan = await planDecisions(ctx);
    for (const n of intent.decisions) {
      const proposed = plan.get(n);
      if (proposed) wishes.push({ title: proposed.title, proposed, decided: true });
      else problems.push(`- ⚠️ Decision ${n}: not found in this issue's plan comment, so nothing was recorded.`);
    }
  } else {
    const supersede = parseSupersede(intent.args);
    const title = (supersede ? supersede.title : intent.args.trim()) || subject.title;
    // A title that names one of the plan's decisions drafts from it.
    const plan = await planDecisions(ctx);
    const proposed = [...plan.values()].find((d) => slugify(d.title) === slugify(title));
    wishes.push({ title, proposed, decided: false, ...(supersede ? { supersedes: supersede.number } : {}) });
  }

  const { lines, info, notOpened } = wishes.length > 0 ? await recordAll(ctx, subject, wishes, extras.decisions) : { lines: [], info: undefined, notOpened: 0 };
  const url = await publish(ctx, [...lines, ...problems], info);
  // `pullsNotOpened`: records left on their branch because GitHub refused the pull request (the Action fails the step).
  return { status: 'done', commentUrl: url, details: { records: lines.length, problems: problems.length, pullsNotOpened: notOpened } };
}
