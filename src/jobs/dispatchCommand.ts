import { helpJob } from './helpJob.js';
import type { DispatchExtras, JobContext, JobPlan } from './JobContext.js';
import { planJob } from './planJob.js';
import { reviewJob } from './reviewJob.js';
import { adrJob } from './adrJob.js';

/**
 * The command's job. Focus commands (optimize, test, document, refactor, security) are a plan on an
 * issue and a review on a pull request, with the focus given to the model.
 */
export async function dispatchCommand(ctx: JobContext, extras: DispatchExtras): Promise<JobPlan> {
  const { command, target } = ctx.intent;
  switch (command) {
    case 'help':
      return Promise.resolve(helpJob(ctx, extras));
    case 'adr':
      return adrJob(ctx, extras);
    case 'plan':
      return planJob(ctx, extras);
    case 'review':
      return reviewJob(ctx, extras);
    default:
      return target.kind === 'pull_request' ? reviewJob(ctx, extras) : planJob(ctx, extras);
  }
}
