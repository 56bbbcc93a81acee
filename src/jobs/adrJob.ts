import { adrLogLines } from '../adr/renderAdrLog.js';
import { parsePlanDecisions } from '../adr/parsePlanDecisions.js';
import { slugify } from '../adr/slugify.js';
import { selectAgent } from '../agents/selectAgent.js';
import { findLivingComment } from '../github/findLivingComment.js';
import type { AdrStatus } from '../domain/adrSchema.js';
import type { Subject } from '../domain/Model.js';
import type { ProposedDecision } from '../domain/planSchema.js';
import type { AdrLogWrite, AdrWrite, Write } from '../domain/Write.js';
import { renderFooter } from '../render/renderFooter.js';
import type { DispatchExtras } from './JobContext.js';
import { gatherSubject } from './gatherSubject.js';
import type { JobContext, JobPlan } from './JobContext.js';
import { nextMarker } from './nextMarker.js';

const FAMILY = 'adr';
/** What one run records: a title, and the plan's decision when it comes from one. */
interface AdrWish {
  title: string;
  proposed?: ProposedDecision;
  supersedes?: number;
  /** From a plan tick, `accept` or `adr.auto`: the decision was taken, not only drafted. */
  decided: boolean;
}

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

/** Today as the ADR's date (YYYY-MM-DD). */
const today = (now: () => Date) => now().toISOString().slice(0, 10);

/**
 * The records for the wished decisions (the model drafts each) and the ADR comment that lists how each
 * turned out: one ADR, one commit, one pull request each, carried out by the executor.
 */
async function planRecords(ctx: JobContext, subject: Subject, wishes: AdrWish[], decisions: DispatchExtras['decisions'], problems: string[]): Promise<Write[]> {
  const { config, intent } = ctx;
  const mode = config.adr.mode;
  const records: AdrWrite[] = [];
  let info: Awaited<ReturnType<JobContext['model']['adr']>>['info'] | undefined;
  for (const wish of wishes) {
    const result = await ctx.model.adr({ agent: selectAgent(ctx.agents, 'adr'), subject, title: wish.title, proposed: wish.proposed, decisions });
    info = result.info;
    // In `pr` mode the merge is the acceptance, so the file says what will be true once merged. A
    // direct commit of a bare title is a draft (blanks to fill): it stays proposed until a person edits it.
    const status: AdrStatus = mode === 'pr' || wish.decided ? 'accepted' : 'proposed';
    records.push({
      kind: 'adr',
      dir: config.adr.dir,
      mode,
      title: wish.title || result.data.title,
      ...(wish.supersedes !== undefined ? { supersedes: wish.supersedes } : {}),
      adr: result.data,
      meta: {
        status,
        date: today(ctx.now ?? (() => new Date())),
        deciders: [intent.requester.login],
        links: subject.kind === 'issue' ? { issue: subject.url } : { pullRequest: subject.url },
      },
      requester: intent.requester.login,
      ...(subject.url ? { source: { kind: subject.kind, url: subject.url } } : {}),
    });
  }
  const number = intent.target.number;
  const existing = await findLivingComment(ctx.github, number, FAMILY);
  const log: AdrLogWrite = {
    kind: 'adr-log',
    number,
    family: FAMILY,
    commentId: existing?.comment.id,
    heading: '## 📝 Architecture decision records',
    previous: existing ? adrLogLines(existing.comment.body) : [],
    problems,
    footer: renderFooter({ marker: nextMarker(existing?.marker, FAMILY, ctx.deliveryId), ...(info ? { info } : {}) }),
  };
  return [...records, log];
}

/**
 * `adr.auto: true` after a plan was posted: every proposed decision, each once (a record with the same
 * title is linked instead of repeated).
 */
export async function planDecisionRecords(ctx: JobContext, subject: Subject, proposed: ProposedDecision[], decisions: DispatchExtras['decisions']): Promise<Write[]> {
  if (proposed.length === 0) return [];
  return planRecords(ctx, subject, proposed.map((p) => ({ title: p.title, proposed: p, decided: true })), decisions, []);
}

/**
 * `/agency:adr <title>`: the model drafts the record from the thread (with the plan's proposed decision
 * when the title names one). `/agency:adr accept <n>` and ticked plan checkboxes: the plan's decision n.
 * `/agency:adr supersede <n> <title>`: a new record that supersedes n, both in one commit. Each record is
 * committed by commitAdr (`adr.mode`: a pull request, or the default branch) and linked in the ADR comment.
 */
export async function adrJob(ctx: JobContext, extras: DispatchExtras): Promise<JobPlan> {
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

  const writes = await planRecords(ctx, subject, wishes, extras.decisions, problems);
  return { outcome: { status: 'done', details: { records: wishes.length, problems: problems.length } }, writes };
}
