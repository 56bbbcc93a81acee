import { renderHelp } from '../render/renderHelp.js';
import type { DispatchExtras } from './JobContext.js';
import type { JobContext, JobOutcome } from './JobContext.js';
import { upsertLivingComment } from './upsertLivingComment.js';

export async function helpJob(ctx: JobContext, extras: DispatchExtras): Promise<JobOutcome> {
  const body = renderHelp(ctx.config, { requested: ctx.intent.requested, marker: extras.marker, notices: ctx.notices });
  const comment = await upsertLivingComment(ctx.github, ctx.intent.target.number, extras.family, body, extras.existing);
  return { status: 'done', commentUrl: comment.url };
}
