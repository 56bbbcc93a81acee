import type { LivingComment } from '../github/findLivingComment.js';
import type { DecisionRef } from '../model/Model.js';
import type { MarkerData } from '../render/marker.js';
import { helpJob } from './helpJob.js';
import type { JobContext, JobOutcome } from './JobContext.js';
import { planJob } from './planJob.js';
import { reviewJob } from './reviewJob.js';
import { adrJob } from './adrJob.js';

export interface DispatchExtras {
  family: string;
  existing?: LivingComment;
  /** Marker for the comment this job writes (carries the delivery id for redelivery checks). */
  marker: MarkerData;
  decisions: DecisionRef[];
  adrDir?: string;
}

/**
 * The command's job. Focus commands (optimize, test, document, refactor, security) are a plan on an
 * issue and a review on a pull request, with the focus given to the model.
 */
export async function dispatchCommand(ctx: JobContext, extras: DispatchExtras): Promise<JobOutcome> {
  const { command, target } = ctx.intent;
  switch (command) {
    case 'help':
      return helpJob(ctx, extras);
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
