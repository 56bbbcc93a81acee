import type { Route } from './Intent.js';
import { IssuesPayloadSchema } from './payloadSchemas.js';
import { ignore, malformed, run, sameLabel, target, type RouteContext } from './RouteContext.js';

/** `issues.opened` carrying the trigger label, or `issues.labeled` with it: a plan for that issue. */
export function routeIssues(ctx: RouteContext): Route {
  const parsed = IssuesPayloadSchema.safeParse(ctx.payload);
  if (!parsed.success) return malformed(ctx.event, parsed.error);
  const { issue, label } = parsed.data;
  const trigger = ctx.config.label;

  // PR labels arrive as pull_request.labeled and are routed there; never plan a PR from its issue view.
  if (issue.pull_request != null) return ignore(ctx.event, `#${issue.number} is a pull request`);

  if (ctx.action === 'labeled') {
    if (!label) return ignore(ctx.event, 'no label in the payload');
    if (!sameLabel(label.name, trigger)) {
      return ignore(ctx.event, `label "${label.name}" is not the trigger label "${trigger}"`);
    }
    // Relabeling old closed issues (bulk triage) should not spend a plan on each.
    if (issue.state === 'closed') return ignore(ctx.event, `issue #${issue.number} is closed`);
  } else if (!issue.labels.some((name) => sameLabel(name, trigger))) {
    return ignore(ctx.event, `issue #${issue.number} does not carry the trigger label "${trigger}"`);
  }

  return run(ctx, { command: 'plan', args: '', target: target(ctx, issue.number, 'issue'), via: 'label' });
}
