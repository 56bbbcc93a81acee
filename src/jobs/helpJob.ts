import { renderHelp } from '../render/renderHelp.js';
import type { DispatchExtras, JobContext, JobPlan } from './JobContext.js';

/** `/agency:help`: the commands and the repository's setup, in the family's living comment. */
export function helpJob(ctx: JobContext, extras: DispatchExtras): JobPlan {
  const body = renderHelp(ctx.config, { requested: ctx.intent.requested, marker: extras.marker, notices: ctx.notices });
  return {
    outcome: { status: 'done' },
    writes: [{ kind: 'comment', number: ctx.intent.target.number, family: extras.family, body, commentId: extras.existing?.comment.id }],
  };
}
