import { selectAgent } from '../agents/selectAgent.js';
import { planDecisionRecords } from './adrJob.js';
import { composePlan } from '../core/composePlan.js';
import { renderPlan } from '../render/renderPlan.js';
import { pointHashes, summarizeChanges } from '../render/summarizeChanges.js';
import type { DispatchExtras } from './JobContext.js';
import { gatherSubject } from './gatherSubject.js';
import type { JobContext, JobPlan } from './JobContext.js';
import type { Write } from '../domain/Write.js';
import { countingGitHub } from '../github/countingGitHub.js';
import { jobCost } from '../repomap/jobCost.js';

/** A plan (or a focus pass) on an issue: one living comment, edited in place on re-runs. */
export async function planJob(ctx: JobContext, extras: DispatchExtras): Promise<JobPlan> {
  const { intent } = ctx;
  const counted = countingGitHub(ctx.github);
  const github = counted.github;
  const subject = await gatherSubject(github, intent.target.number, intent.target.kind, ctx.config, ctx.botLogin, ctx.notices);
  const repo = await ctx.repoMap?.();
  const { plan, info } = await composePlan(ctx.model, {
    agent: selectAgent(ctx.agents, intent.command),
    focus: intent.command,
    subject,
    context: intent.args || undefined,
    decisions: extras.decisions,
    repoMap: repo?.map,
    repoTools: repo?.tools,
  });
  const mapRequests = repo?.map.cost.requests;
  // Reads before posting: the job's own and the map's (tool reads included in the map's cache figures).
  info.cost = jobCost(info, counted.count() + (mapRequests ?? 0), repo);
  ctx.log.info({ ...info.cost, notRead: info.cost.notRead?.length ?? 0 }, 'plan cost');
  if (info.usage) ctx.log.info({ ...info.usage, model: info.model }, 'model usage');
  // The plan's state travels in its marker: the decisions `/agency:adr accept <n>` records, and the
  // points the next run compares against.
  const render = (changes?: string[], points?: string[]) =>
    renderPlan(plan, {
      marker: { ...extras.marker, decisions: plan.proposedDecisions, ...(points ? { points } : {}) },
      info,
      repoUrl: ctx.repoUrl,
      allowedLinks: ctx.config.allowedLinks,
      requester: intent.requester.login,
      notices: ctx.notices,
      changes,
      title: intent.command === 'plan' ? undefined : `${intent.command[0]!.toUpperCase()}${intent.command.slice(1)} plan`,
    });
  const points = pointHashes(render());
  // Comments from before the marker carried points are compared with their rendered text.
  const previous = extras.existing ? (extras.existing.marker.points ?? pointHashes(extras.existing.comment.body)) : undefined;
  const body = render(previous ? summarizeChanges(previous, render()) : undefined, points);
  const writes: Write[] = [{ kind: 'comment', number: intent.target.number, family: extras.family, body, commentId: extras.existing?.comment.id }];
  // `adr.auto`: the first version of a plan records its proposed decisions (re-runs would only repeat them).
  if (ctx.config.adr.auto && !extras.existing && intent.command === 'plan' && plan.proposedDecisions.length > 0) {
    const records = await planDecisionRecords(ctx, subject, plan.proposedDecisions, extras.decisions).catch((error: unknown) => {
      ctx.log.warn({ err: (error as Error).message }, 'adr.auto: drafting the proposed decisions failed');
      return [];
    });
    // Best effort: a refused ADR leaves the plan comment as it is.
    writes.push(...records.map((w) => ({ ...w, bestEffort: true })));
  }
  return { outcome: { status: 'done', details: { engine: info.engine, fallbackReason: info.fallbackReason }, data: { plan, engine: info } }, writes };
}
