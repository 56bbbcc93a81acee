import type { Route } from './Intent.js';
import { PullRequestPayloadSchema } from './payloadSchemas.js';
import { ignore, malformed, run, sameLabel, target, type RouteContext } from './RouteContext.js';

/**
 * `pull_request.opened|reopened|synchronize|ready_for_review|labeled`: an automatic review, gated by
 * `review.auto`. Under "paths" the router cannot see the files, so it hands the check to the job.
 */
export function routePullRequest(ctx: RouteContext): Route {
  const parsed = PullRequestPayloadSchema.safeParse(ctx.payload);
  if (!parsed.success) return malformed(ctx.event, parsed.error);
  const { pull_request: pr, label } = parsed.data;
  const { auto, drafts } = ctx.config.review;
  const trigger = ctx.config.label;

  if (auto === 'off') return ignore(ctx.event, 'review.auto is "off"');
  if (pr.state !== 'open' || pr.merged === true) return ignore(ctx.event, `pull request #${pr.number} is closed`);
  // ready_for_review is the moment a draft becomes reviewable, so it always runs.
  if (pr.draft === true && !drafts && ctx.action !== 'ready_for_review') {
    return ignore(ctx.event, `pull request #${pr.number} is a draft and review.drafts is false`);
  }

  let onlyIfBackendPaths = false;
  if (ctx.action === 'labeled') {
    // Any other label would re-review an unchanged PR (and once per label when several are added).
    if (!label || !sameLabel(label.name, trigger)) {
      return ignore(ctx.event, `label "${label?.name ?? ''}" is not the trigger label "${trigger}"`);
    }
  } else if (!pr.labels.some((name) => sameLabel(name, trigger))) {
    if (auto === 'label') {
      return ignore(ctx.event, `pull request #${pr.number} does not carry the trigger label "${trigger}"`);
    }
    onlyIfBackendPaths = true;
  }

  return run(ctx, {
    command: 'review',
    args: '',
    target: target(ctx, pr.number, 'pull_request'),
    via: 'pull_request',
    headSha: pr.head.sha,
    ...(onlyIfBackendPaths ? { onlyIfBackendPaths } : {}),
  });
}
